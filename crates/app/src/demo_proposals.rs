//! The demo's proposals, comments and supports: a consultation on a park under way (proposing
//! and supporting open), and a finished square redesign whose proposals carry official answers.
//! Residents are fictional; they have no password and cannot log in.

use crate::{Result, markdown, search};
use serde_json::json;
use store::WriteTx;
use store::accounts::NewUser;
use store::audit::Event;
use store::comments::Subject;
use store::proposals::ProposalFields;

const FIRST: [&str; 10] = [
    "Giulia",
    "Marco",
    "Sara",
    "Luca",
    "Chiara",
    "Matteo",
    "Elena",
    "Davide",
    "Francesca",
    "Paolo",
];
const LAST: [&str; 6] = ["Ferri", "Galli", "Conti", "Marini", "Rinaldi", "Bassi"];

/// `(title, body, category, place, cost, supports, answer, answer text)`.
type DemoProposal = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    usize,
    Option<(&'static str, &'static str)>,
);

const PARK: [DemoProposal; 6] = [
    (
        "Più alberi e ombra vicino ai giochi",
        "D'estate l'area giochi è **sotto il sole** dalle 10 alle 18. Proponiamo di piantare una fila di tigli lungo il lato sud e, nell'attesa che crescano, delle vele ombreggianti.",
        "environment",
        "Area giochi, ingresso di via Livorno",
        Some(38_000),
        41,
        None,
    ),
    (
        "Orti condivisi per il quartiere",
        "Venti orti da assegnare a famiglie, scuole e associazioni, con una casetta per gli attrezzi e la raccolta dell'acqua piovana. Gli orti sarebbero gestiti da un'associazione con un regolamento pubblico.",
        "environment",
        "Prato nord, lungo la Dora",
        Some(55_000),
        29,
        None,
    ),
    (
        "Un campo da basket e calcetto illuminato",
        "Un campo polivalente con illuminazione fino alle 22, per i ragazzi che oggi giocano nei parcheggi. Fondo drenante e panchine per chi guarda.",
        "sport",
        "Ex piazzale dei camion",
        Some(120_000),
        35,
        None,
    ),
    (
        "Eventi estivi: cinema all'aperto e musica",
        "Una rassegna di cinema all'aperto il giovedì e concerti di scuole di musica la domenica, organizzati con le associazioni del quartiere.",
        "culture",
        "Anfiteatro del parco",
        Some(15_000),
        18,
        None,
    ),
    (
        "Fontanelle e bagni pubblici aperti tutto l'anno",
        "Oggi c'è una sola fontanella e i bagni chiudono a settembre. Servono almeno tre fontanelle e bagni accessibili aperti tutto l'anno.",
        "urban",
        "Ingressi di via Livorno e corso Umbria",
        Some(60_000),
        52,
        None,
    ),
    (
        "Percorso ciclabile che attraversa il parco",
        "Collegare la ciclabile di corso Principe Oddone a quella di via Livorno attraversando il parco, separata dai pedoni.",
        "mobility",
        "Lato ovest",
        Some(90_000),
        12,
        None,
    ),
];

const SQUARE: [DemoProposal; 5] = [
    (
        "Panchine e alberi al posto dei parcheggi sul lato ovest",
        "Il lato ovest della piazza è occupato da venti posti auto. Proponiamo panchine, alberi e un dehors per i bar.",
        "urban",
        "Piazza del Mercato, lato ovest",
        Some(85_000),
        64,
        Some((
            "implemented",
            "Realizzata nel primo lotto dei lavori: 14 alberi e 12 panchine; i parcheggi sono stati spostati in via Garibaldi.",
        )),
    ),
    (
        "Mercato contadino il sabato mattina",
        "Un mercato di produttori locali ogni sabato, con spazio per le scuole che presentano i loro orti.",
        "social",
        "Piazza del Mercato, lato est",
        None,
        47,
        Some((
            "accepted",
            "Accolta: il mercato partirà in primavera con un bando per i produttori del territorio.",
        )),
    ),
    (
        "Fontana restaurata e accessibile",
        "Restaurare la fontana storica e rendere accessibile il bordo a chi usa la sedia a rotelle.",
        "culture",
        "Centro della piazza",
        Some(40_000),
        39,
        Some((
            "implemented",
            "Il restauro è terminato a maggio; la rampa rispetta le norme sull'accessibilità.",
        )),
    ),
    (
        "Parcheggio sotterraneo",
        "Un parcheggio interrato da 200 posti sotto la piazza.",
        "mobility",
        "Sotto la piazza",
        Some(6_000_000),
        21,
        Some((
            "rejected",
            "Non accolta: il costo supera di molto il bilancio del progetto e il sottosuolo ha vincoli archeologici.",
        )),
    ),
    (
        "Wi-Fi gratuito in piazza",
        "Una rete Wi-Fi pubblica per chi studia o lavora all'aperto.",
        "urban",
        "Tutta la piazza",
        Some(8_000),
        15,
        Some((
            "evaluating",
            "In valutazione con l'ufficio sistemi informativi: servono i pareri sulla copertura.",
        )),
    ),
];

/// `(proposal index, author index, reply to comment index in this list, alignment, text)`.
const PARK_COMMENTS: [(usize, usize, Option<usize>, i64, &str); 8] = [
    (
        0,
        3,
        None,
        1,
        "Ottima idea: con i bambini piccoli d'estate non si può stare al parco prima delle sei.",
    ),
    (
        0,
        7,
        Some(0),
        1,
        "Concordo, e i tigli sono anche belli in fioritura.",
    ),
    (
        0,
        12,
        None,
        0,
        "Attenzione alle radici vicino ai giochi: meglio chiedere al servizio verde quali specie usare.",
    ),
    (
        2,
        5,
        None,
        -1,
        "L'illuminazione fino alle 22 disturberebbe chi abita in via Pinerolo.",
    ),
    (
        2,
        9,
        Some(3),
        1,
        "Si possono usare luci schermate verso il basso, come al parco Ruffini.",
    ),
    (
        4,
        14,
        None,
        1,
        "Fondamentale per gli anziani e per chi fa sport.",
    ),
    (
        1,
        2,
        None,
        1,
        "La scuola Pestalozzi sarebbe interessata a un orto didattico.",
    ),
    (
        5,
        8,
        None,
        0,
        "Serve però un attraversamento sicuro su corso Umbria.",
    ),
];

/// Adds the demo residents and the proposals of the park and the square; returns the residents.
pub async fn seed(
    tx: &mut WriteTx,
    t: i64,
    park: (i64, &str),
    square: (i64, &str),
) -> Result<Vec<i64>> {
    let mut residents = Vec::new();
    for (i, first) in FIRST.iter().enumerate() {
        for (j, last) in LAST.iter().enumerate() {
            let email = format!(
                "{}.{}{}@residenti.demo.example",
                first.to_lowercase(),
                last.to_lowercase(),
                i * LAST.len() + j
            );
            let name = format!("{first} {last}");
            let id = tx
                .insert_user(NewUser {
                    email: &email,
                    name: &name,
                    password_hash: None,
                    lang: "it",
                    confirmed_at: Some(t),
                    instance_admin: false,
                    now: t,
                })
                .await?;
            residents.push(id);
        }
    }
    tx.audit(Event {
        at: t,
        actor: None,
        action: "demo.residents",
        subject: "users".into(),
        details: json!({"count": residents.len()}),
    })
    .await?;
    let park_ids = proposals(tx, t, park, &PARK, &residents).await?;
    let square_ids = proposals(tx, t, square, &SQUARE, &residents).await?;
    results(tx, t, square, &square_ids).await?;
    let mut comment_ids: Vec<i64> = Vec::new();
    for (p, author, reply_to, alignment, text) in PARK_COMMENTS {
        let parent = reply_to.and_then(|i| comment_ids.get(i).map(|c| (*c, None)));
        let author = residents[author % residents.len()];
        let id = tx
            .insert_comment(
                Subject {
                    kind: "proposal",
                    id: park_ids[p],
                },
                parent,
                author,
                text,
                alignment,
                t,
            )
            .await?;
        tx.bump_proposal_comments(park_ids[p]).await?;
        let href = format!(
            "/processes/{}/proposals/{}#comment-{id}",
            park.1, park_ids[p]
        );
        search::index(tx, "comment", id, Some(park.0), PARK[p].0, text, &href).await?;
        comment_ids.push(id);
    }
    tx.audit(Event {
        at: t,
        actor: None,
        action: "demo.comments",
        subject: format!("process:{}", park.0),
        details: json!({"count": comment_ids.len()}),
    })
    .await?;
    Ok(residents)
}

async fn proposals(
    tx: &mut WriteTx,
    t: i64,
    (process, slug): (i64, &str),
    list: &[DemoProposal],
    residents: &[i64],
) -> Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (n, (title, body, category, place, cost, supports, answer)) in list.iter().enumerate() {
        let author = residents[(n * 7 + 3) % residents.len()];
        let fields = ProposalFields {
            title,
            body,
            category,
            place,
            cost: *cost,
        };
        let at = t - 86_400 * (10 - n as i64);
        let id = tx.insert_proposal(process, author, &fields, at).await?;
        tx.proposal_event(id, at, "created", Some("draft"), "")
            .await?;
        tx.set_proposal_state(id, "published", at).await?;
        tx.proposal_event(id, at, "published", Some("published"), "")
            .await?;
        for k in 0..(*supports).min(residents.len()) {
            let who = residents[(k * 11 + n) % residents.len()];
            tx.support(id, process, who, at).await?;
        }
        if let Some((code, text)) = answer {
            tx.answer_proposal(id, code, text, t).await?;
            tx.proposal_event(id, t, "answered", Some(code), text)
                .await?;
        }
        let href = format!("/processes/{slug}/proposals/{id}");
        search::index(
            tx,
            "proposal",
            id,
            Some(process),
            title,
            &markdown::plain(body),
            &href,
        )
        .await?;
        tx.audit(Event {
            at,
            actor: Some(author),
            action: "proposal.publish",
            subject: format!("proposal:{id}"),
            details: json!({"demo": true}),
        })
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// `(process index, title, description, kind, method, place, online link, day offset, start,
/// end, capacity, registrations, attendees and minutes)`.
type DemoMeeting = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    i64,
    &'static str,
    &'static str,
    i64,
    usize,
    Option<(i64, &'static str)>,
);

const MEETINGS: [DemoMeeting; 4] = [
    (
        0,
        "Passeggiata nel parco con l'assessora",
        "Un giro del parco per vedere insieme i luoghi delle proposte: l'area giochi, il prato nord, il piazzale dei camion.",
        "in-person",
        "walk",
        "Ingresso di via Livorno",
        "",
        3,
        "10:00",
        "12:00",
        30,
        28,
        None,
    ),
    (
        0,
        "World Café: il parco che vogliamo",
        "Tavoli a rotazione su ombra, sport, orti ed eventi; le sintesi dei tavoli diventano proposte.",
        "hybrid",
        "world-cafe",
        "Biblioteca civica, sala grande",
        "https://meet.example.org/parco-della-dora",
        8,
        "18:00",
        "20:30",
        0,
        0,
        None,
    ),
    (
        1,
        "Primo tavolo di co-progettazione",
        "Orari, attività e regole del centro giovani: lavoriamo in piccoli gruppi con i ragazzi, le associazioni e i tecnici del Comune.",
        "in-person",
        "workshop",
        "Ex scuola di via Roma, aula 3",
        "",
        6,
        "17:30",
        "19:30",
        20,
        23,
        None,
    ),
    (
        2,
        "Assemblea pubblica di restituzione",
        "Il Comune presenta che cosa è entrato nel progetto della piazza e perché.",
        "in-person",
        "public-assembly",
        "Sala consiliare",
        "",
        -350,
        "20:30",
        "22:30",
        0,
        0,
        Some((
            45,
            "Presenti 45 persone. Presentate le tre proposte accolte; chiesto di anticipare il mercato contadino; il Comune si impegna a pubblicare il cronoprogramma dei lavori entro un mese.",
        )),
    ),
];

/// Adds the demo meetings; `processes` are `(id, slug)` in the order of the demo processes.
pub async fn meetings(
    tx: &mut WriteTx,
    t: i64,
    processes: &[(i64, &str)],
    residents: &[i64],
    day: impl Fn(i64) -> String,
) -> Result<()> {
    for (
        p,
        title,
        description,
        kind,
        method,
        place,
        url,
        offset,
        from,
        to,
        capacity,
        regs,
        closed,
    ) in MEETINGS
    {
        let Some((process, slug)) = processes.get(p) else {
            continue;
        };
        let date = day(offset);
        let starts = format!("{date}T{from}");
        let ends = format!("{date}T{to}");
        let id = tx
            .insert_meeting(
                *process,
                &store::meetings::MeetingFields {
                    title,
                    description,
                    kind,
                    method,
                    place,
                    online_url: url,
                    starts_at: &starts,
                    ends_at: &ends,
                    capacity,
                },
                t,
            )
            .await?;
        for (k, r) in residents.iter().take(regs).enumerate() {
            tx.register(id, *r, &format!("DEMO{id:02}{k:03}"), t)
                .await?;
        }
        if let Some((attendees, minutes)) = closed {
            tx.close_meeting(id, attendees, minutes, t).await?;
        }
        let href = format!("/processes/{slug}/meetings/{id}");
        search::index(
            tx,
            "meeting",
            id,
            Some(*process),
            title,
            &format!("{description} {place}"),
            &href,
        )
        .await?;
        tx.audit(Event {
            at: t,
            actor: None,
            action: "meeting.create",
            subject: format!("meeting:{id}"),
            details: json!({"demo": true, "registrations": regs}),
        })
        .await?;
    }
    Ok(())
}

/// The youth centre's survey: `(kind, prompt, options, matrix rows, required)`.
const SURVEY: [(&str, &str, &str, &str, bool); 5] = [
    (
        "single",
        "Quanti anni hai?",
        "Meno di 14\n14-17\n18-24\n25-35\nPiù di 35",
        "",
        true,
    ),
    (
        "multiple",
        "Che cosa vorresti fare al centro giovani?",
        "Musica e sala prove\nStudio e compiti\nSport\nLaboratori digitali\nTeatro\nStare insieme",
        "",
        true,
    ),
    (
        "scale5",
        "Quanto ti interessa partecipare alla gestione del centro?",
        "",
        "",
        false,
    ),
    (
        "matrix",
        "In quali orari verresti?",
        "No\nA volte\nSpesso",
        "Pomeriggio feriale\nSera feriale\nSabato\nDomenica",
        false,
    ),
    ("long", "C'è altro che vuoi dirci?", "", "", false),
];

/// Adds the youth centre's survey with answers from demo residents.
pub async fn survey(
    tx: &mut WriteTx,
    t: i64,
    (process, _): (i64, &str),
    residents: &[i64],
) -> Result<()> {
    let id = tx
        .insert_survey(
            process,
            "Il centro giovani che vogliamo",
            "Cinque domande per orientare il tavolo di co-progettazione. Le risposte sono anonime.",
            true,
            &crate::secret::random_token(),
            t,
        )
        .await?;
    let mut questions = Vec::new();
    for (kind, prompt, options, rows, required) in SURVEY {
        questions.push(
            tx.insert_question(id, kind, prompt, options, rows, required)
                .await?,
        );
    }
    for (n, r) in residents.iter().take(27).enumerate() {
        let mut answers = vec![
            (questions[0], 0, ((n * 7) % 5).to_string()),
            (questions[1], 0, (n % 6).to_string()),
            (questions[1], 0, ((n * 5 + 1) % 6).to_string()),
            (questions[2], 0, (n % 5 + 1).to_string()),
        ];
        for row in 0..4 {
            answers.push((questions[3], row, ((n + row as usize) % 3).to_string()));
        }
        tx.insert_response(id, None, &format!("demo:{r}"), &answers, t)
            .await?;
    }
    tx.audit(Event {
        at: t,
        actor: None,
        action: "survey.create",
        subject: format!("survey:{id}"),
        details: json!({"demo": true, "responses": 27}),
    })
    .await?;
    Ok(())
}

/// `(title, description, proposal index, updates as (status, progress, text, days ago))`.
type DemoResult = (
    &'static str,
    &'static str,
    usize,
    &'static [(&'static str, i64, &'static str, i64)],
);

const RESULTS: [DemoResult; 3] = [
    (
        "Alberi e panchine sul lato ovest",
        "Primo lotto dei lavori: 14 alberi, 12 panchine, dehors per i bar; i parcheggi spostati in via Garibaldi.",
        0,
        &[
            (
                "planned",
                0,
                "Progetto esecutivo approvato dalla Giunta.",
                300,
            ),
            (
                "in-progress",
                40,
                "Cantiere aperto; rimossi i parcheggi.",
                200,
            ),
            ("completed", 100, "Lavori conclusi e piazza riaperta.", 60),
        ],
    ),
    (
        "Mercato contadino del sabato",
        "Bando per i produttori del territorio e spazio per le scuole.",
        1,
        &[(
            "in-progress",
            30,
            "Bando pubblicato; 11 domande ricevute.",
            20,
        )],
    ),
    (
        "Restauro della fontana",
        "Restauro conservativo e rampa accessibile.",
        2,
        &[
            (
                "in-progress",
                50,
                "Restauro in corso con la Soprintendenza.",
                150,
            ),
            ("completed", 100, "Restauro terminato a maggio.", 90),
        ],
    ),
];

async fn results(
    tx: &mut WriteTx,
    t: i64,
    (process, slug): (i64, &str),
    ids: &[i64],
) -> Result<()> {
    for (title, description, p, updates) in RESULTS {
        let linked: Vec<i64> = ids.get(p).copied().into_iter().collect();
        let id = tx
            .insert_result(process, title, description, &linked, t - 86_400 * 320)
            .await?;
        for (status, progress, text, ago) in updates {
            tx.update_result(id, status, *progress, text, t - 86_400 * ago)
                .await?;
        }
        let href = format!("/processes/{slug}/results/{id}");
        search::index(tx, "result", id, Some(process), title, description, &href).await?;
        tx.audit(Event {
            at: t,
            actor: None,
            action: "result.create",
            subject: format!("result:{id}"),
            details: json!({"demo": true}),
        })
        .await?;
    }
    Ok(())
}
