//! The demo's spaces beyond proposals: roles (a facilitator in the park consultation), a
//! co-organiser (Officina Comune co-designs San Michele's youth centre), an open debate in the
//! park and a closed one with its summary in the finished square, Valdora's youth council as a
//! standing assembly with members, a private working group, and Anna following the park.
//! Everything goes through the use cases, so it is audited and notified like real activity.

use crate::comments::{CommentInput, On};
use crate::debates::DebateInput;
use crate::participation::{PhaseInput, ProcessInput};
use crate::spaces::RoleInput;
use crate::{App, AppError, Result};
use domain::accounts::UserId;
use domain::policy::Actor;

async fn actor(app: &App, email: &str) -> Result<Actor> {
    let u = app
        .store
        .user_by_email(email)
        .await?
        .ok_or_else(|| AppError::Internal(format!("demo account {email} missing")))?;
    crate::accounts::actor_of(app, &u).await
}

fn resident(id: i64) -> Actor {
    Actor {
        user: Some(UserId(id)),
        ..Actor::default()
    }
}

fn comment(text: &str, alignment: &str) -> CommentInput {
    CommentInput {
        comment: text.into(),
        alignment: alignment.into(),
        parent: None,
    }
}

async fn grant(app: &App, by: &Actor, slug: &str, email: &str, role: &str) -> Result<()> {
    let input = RoleInput {
        email: email.into(),
        role: role.into(),
    };
    crate::spaces::grant_role(app, by, slug, &input).await
}

/// A process of Valdora with one phase, published.
async fn valdora_space(
    app: &App,
    by: &Actor,
    input: ProcessInput,
    phase: PhaseInput,
) -> Result<String> {
    let slug = crate::participation::create(app, by, "comune-di-valdora", &input).await?;
    crate::participation::add_phase(app, by, &slug, &phase).await?;
    crate::participation::publish(app, by, &slug).await?;
    Ok(slug)
}

/// Seeds the spaces; `residents` are the fictional residents' ids.
pub async fn seed(app: &App, residents: &[i64]) -> Result<()> {
    let official = actor(app, "funzionario@demo.example").await?;
    let anna = actor(app, "cittadina@demo.example").await?;
    let park = "il-futuro-del-parco-della-dora";
    grant(
        app,
        &official,
        park,
        "facilitatore@demo.example",
        "facilitator",
    )
    .await?;
    let admin = actor(app, "admin@demo.example").await?;
    crate::spaces::add_coorganiser(
        app,
        &admin,
        "centro-giovani-san-michele",
        "officina-comune-impresa-sociale",
    )
    .await?;
    crate::notifications::follow(app, &anna, "process", park_id(app, park).await?, true).await?;

    // An open debate in the park.
    let facilitator = actor(app, "facilitatore@demo.example").await?;
    let d = crate::debates::open(
        app,
        &facilitator,
        park,
        &DebateInput {
            title: "Il parco deve restare aperto anche di notte?".into(),
            body: "Oggi i cancelli chiudono alle 22. Alcuni chiedono di lasciarli aperti per chi rientra dal lavoro, altri temono il rumore. **Cosa ne pensi?**".into(),
        },
    )
    .await?;
    let says = [
        (
            "Sì: attraverso il parco per tornare dal turno di notte, è la strada più corta.",
            "1",
        ),
        (
            "No, abito di fronte: d'estate il rumore fino alle due è già un problema.",
            "-1",
        ),
        (
            "Aperto sì, ma con luci a basso consumo lungo il viale principale.",
            "1",
        ),
        (
            "Si potrebbe aprire solo il percorso ciclabile e chiudere l'area giochi.",
            "0",
        ),
        (
            "Servono più controlli prima di decidere, non solo cancelli.",
            "0",
        ),
    ];
    for (i, (text, stance)) in says.iter().enumerate() {
        let who = resident(residents[(i * 7) % residents.len()]);
        crate::comments::add_on(app, &who, park, On::Debate(d), &comment(text, stance)).await?;
    }

    // A closed debate with its summary in the finished square.
    let square_admin = admin;
    let square = "piazza-del-mercato";
    let d = crate::debates::open(
        app,
        &square_admin,
        square,
        &DebateInput {
            title: "Il mercato del sabato: dove, durante i lavori?".into(),
            body: "Durante i lavori in piazza il mercato deve spostarsi per sei mesi.".into(),
        },
    )
    .await?;
    for (i, (text, stance)) in [
        (
            "Nel parcheggio della stazione: c'è spazio e ci si arriva in treno.",
            "1",
        ),
        (
            "Meglio lungo via Garibaldi, così i negozi non perdono clienti.",
            "0",
        ),
        (
            "La stazione è lontana per chi è anziano: serve una navetta.",
            "-1",
        ),
    ]
    .iter()
    .enumerate()
    {
        let who = resident(residents[(i * 11 + 3) % residents.len()]);
        crate::comments::add_on(app, &who, square, On::Debate(d), &comment(text, stance)).await?;
    }
    crate::debates::close(
        app,
        &square_admin,
        square,
        d,
        "Il mercato si sposta nel parcheggio della stazione, con una navetta gratuita il sabato mattina dal centro storico.",
    )
    .await?;

    // Valdora's youth council: a standing assembly with members.
    let council = valdora_space(
        app,
        &official,
        ProcessInput {
            title: "Consulta dei giovani di Valdora".into(),
            kind: "assembly".into(),
            slug: "consulta-giovani-valdora".into(),
            question: "Un organo permanente di ragazze e ragazzi tra 16 e 29 anni che propone e discute le scelte del Comune che li riguardano.".into(),
            promise: "La giunta mette all'ordine del giorno ogni proposta approvata dalla consulta e risponde per iscritto entro 60 giorni.".into(),
            iap2: "collaborate".into(),
            private: String::new(),
        },
        PhaseInput {
            phase_kind: "commenting".into(),
            phase_title: "Mandato 2026–2028".into(),
            starts_on: "2026-01-01".into(),
            ends_on: "2028-12-31".into(),
        },
    )
    .await?;
    let members: Vec<String> = {
        let mut out = Vec::new();
        for id in residents.iter().step_by(7).take(6) {
            if let Some(u) = app.store.user_by_id(*id).await? {
                out.push(u.email);
            }
        }
        out
    };
    for email in &members {
        grant(app, &official, &council, email, "member").await?;
    }
    grant(
        app,
        &official,
        &council,
        "facilitatore@demo.example",
        "facilitator",
    )
    .await?;

    // A private working group: only its members (the councillor) and Valdora's staff see it.
    let group = valdora_space(
        app,
        &official,
        ProcessInput {
            title: "Gruppo di lavoro sul regolamento della partecipazione".into(),
            kind: "co-design".into(),
            slug: "regolamento-partecipazione".into(),
            question: "Riscrivere il regolamento comunale sulla partecipazione prima di portarlo in consiglio.".into(),
            promise: "La bozza del gruppo diventa la proposta di delibera della giunta.".into(),
            iap2: "collaborate".into(),
            private: "1".into(),
        },
        PhaseInput {
            phase_kind: "commenting".into(),
            phase_title: "Stesura della bozza".into(),
            starts_on: "2026-09-01".into(),
            ends_on: "2027-03-31".into(),
        },
    )
    .await?;
    grant(app, &official, &group, "assessora@demo.example", "member").await?;
    crate::demo_budgets::seed(app, &official, residents).await?;
    crate::demo_opinion::seed(app, &official, &facilitator, park).await?;
    crate::debates::open(
        app,
        &official,
        &group,
        &DebateInput {
            title: "Quorum per i referendum consultivi".into(),
            body: "Teniamo il quorum del 30% o lo togliamo come hanno fatto altri comuni?".into(),
        },
    )
    .await?;
    Ok(())
}

async fn park_id(app: &App, slug: &str) -> Result<i64> {
    Ok(app
        .store
        .process_by_slug(slug)
        .await?
        .ok_or_else(|| AppError::Internal(format!("demo process {slug} missing")))?
        .id)
}
