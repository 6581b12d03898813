//! The demo network: a living learning-city network on a fresh database.
//!
//! It mirrors a real network — 12 municipalities (5 signed the Learning Cities Manifesto), 25
//! associations, 5 universities, 2 consortia (one of universities, one of companies), the
//! network bodies (a local Learning Cities network, ALDA, the PASCAL Observatory, The Natural
//! Step) and people in every role — with fictional places, organisations and people. The
//! municipalities' ISTAT codes (`0019xx`) do not exist, so no real comune is misrepresented.

use crate::accounts::hash_password;
use crate::{App, AppError, Result, now};
use serde_json::json;
use store::accounts::NewUser;
use store::audit::Event;
use store::networks::CommitmentRow;
use store::organisations::{OrgFields, TerritoryRow};
use store::{Backend, Store, StoreError, WriteTx};

/// The password of every demo account (shown on the log-in page in demo mode).
pub const PASSWORD: &str = "demo-learning-city";

/// A demo account and what it shows.
pub struct DemoAccount {
    pub email: &'static str,
    pub name: &'static str,
    /// Fluent id of the role it demonstrates.
    pub role_key: &'static str,
    /// `(organisation slug, role)` it holds, if any.
    pub membership: Option<(&'static str, &'static str)>,
    pub instance_admin: bool,
}

pub const ACCOUNTS: [DemoAccount; 8] = [
    DemoAccount {
        email: "admin@demo.example",
        name: "Giulia Marchetti",
        role_key: "demo-role-instance-admin",
        membership: None,
        instance_admin: true,
    },
    DemoAccount {
        email: "coordinatrice@demo.example",
        name: "Elena Bertola",
        role_key: "demo-role-coordinator",
        membership: Some(("rete-citta-che-apprendono-valli-alpine", "admin")),
        instance_admin: false,
    },
    DemoAccount {
        email: "funzionario@demo.example",
        name: "Marco Rinaldi",
        role_key: "demo-role-official",
        membership: Some(("comune-di-valdora", "admin")),
        instance_admin: false,
    },
    DemoAccount {
        email: "assessora@demo.example",
        name: "Sara Colombo",
        role_key: "demo-role-elected",
        membership: Some(("comune-di-valdora", "member")),
        instance_admin: false,
    },
    DemoAccount {
        email: "facilitatore@demo.example",
        name: "Davide Gallo",
        role_key: "demo-role-facilitator",
        membership: Some(("officina-comune-impresa-sociale", "admin")),
        instance_admin: false,
    },
    DemoAccount {
        email: "associazione@demo.example",
        name: "Chiara Fontana",
        role_key: "demo-role-association",
        membership: Some(("associazione-orti-di-quartiere", "admin")),
        instance_admin: false,
    },
    DemoAccount {
        email: "ricercatore@demo.example",
        name: "Luca Moretti",
        role_key: "demo-role-researcher",
        membership: Some(("universita-delle-valli-alpine", "member")),
        instance_admin: false,
    },
    DemoAccount {
        email: "cittadina@demo.example",
        name: "Anna Ferrero",
        role_key: "demo-role-citizen",
        membership: None,
        instance_admin: false,
    },
];

/// `(name, ISTAT code, population, signed the manifesto on)`.
const MUNICIPALITIES: [(&str, &str, i64, Option<&str>); 12] = [
    ("Valdora", "001901", 48_230, Some("2019-05-14")),
    ("Borgo San Carlo", "001902", 12_480, Some("2019-05-14")),
    ("Castelpiano", "001903", 7_915, Some("2020-10-02")),
    ("Rivalta Alta", "001904", 21_640, Some("2021-03-22")),
    ("Montecervo", "001905", 3_270, Some("2023-09-18")),
    ("Lagoverde", "001906", 9_860, None),
    ("Pratolungo", "001907", 5_120, None),
    ("San Michele Dora", "001908", 15_330, None),
    ("Torreselva", "001909", 2_045, None),
    ("Villafranca Canavese", "001910", 6_780, None),
    ("Cesana Valle", "001911", 1_190, None),
    ("Pianezzo", "001912", 11_405, None),
];

/// `(name, municipality index, description)`: 25 associations and the social enterprise that
/// facilitates the network (a company).
const ASSOCIATIONS: [(&str, usize, &str); 26] = [
    (
        "Associazione Orti di Quartiere",
        0,
        "Orti condivisi e laboratori di educazione ambientale per famiglie e scuole.",
    ),
    (
        "Officina Comune — impresa sociale",
        0,
        "Facilita processi partecipativi e reti di apprendimento con i comuni dal 2008.",
    ),
    (
        "Biblioteca Vivente Valdora",
        0,
        "Incontri in cui le persone si raccontano come libri da \"prendere in prestito\".",
    ),
    (
        "Circolo Anziani Attivi",
        1,
        "Corsi di informatica e memoria del territorio per la terza età.",
    ),
    (
        "Cooperativa Sociale Il Ponte",
        1,
        "Inserimento lavorativo e formazione per giovani adulti.",
    ),
    (
        "Pro Loco Borgo San Carlo",
        1,
        "Feste, cammini e valorizzazione del patrimonio locale.",
    ),
    (
        "Associazione Genitori Insieme",
        2,
        "Sostegno alla genitorialità e spazi compiti pomeridiani.",
    ),
    (
        "Teatro & Comunità",
        2,
        "Teatro sociale nei quartieri e nelle scuole.",
    ),
    (
        "Banca del Tempo Castelpiano",
        2,
        "Scambio di competenze e di tempo tra cittadini.",
    ),
    (
        "Scuola di Italiano per Tutti",
        3,
        "Corsi gratuiti di lingua italiana per persone migranti.",
    ),
    (
        "Ciclofficina Popolare",
        3,
        "Riparazione condivisa di biciclette e mobilità sostenibile.",
    ),
    (
        "Associazione Sentieri Alpini",
        4,
        "Cura dei sentieri e educazione alla montagna.",
    ),
    (
        "Coro Voci della Valle",
        4,
        "Coro intergenerazionale aperto a tutti.",
    ),
    (
        "Legambiente Circolo del Lago",
        5,
        "Volontariato ambientale e monitoraggio delle acque.",
    ),
    (
        "Associazione Digitale Facile",
        5,
        "Alfabetizzazione digitale e facilitazione all'uso dei servizi pubblici.",
    ),
    (
        "Gruppo Lettura Pratolungo",
        6,
        "Gruppi di lettura e presidi del libro.",
    ),
    (
        "Emporio Solidale",
        7,
        "Emporio di prodotti di prima necessità e percorsi di autonomia.",
    ),
    (
        "Associazione Giovani in Rete",
        7,
        "Centro giovani, musica e progettazione partecipata con gli under 30.",
    ),
    (
        "Consulta del Volontariato di San Michele",
        7,
        "Coordinamento delle associazioni di volontariato del comune.",
    ),
    (
        "Museo Diffuso di Torreselva",
        8,
        "Un museo nelle case, nelle botteghe e nei cortili del paese.",
    ),
    (
        "Università della Terza Età Canavese",
        9,
        "Corsi per adulti e anziani su storia, scienze e lingue.",
    ),
    (
        "Associazione Mamme del Mondo",
        9,
        "Incontri interculturali e mediazione linguistica.",
    ),
    (
        "Rifugio Cesana Aperto",
        10,
        "Accoglienza, turismo lento e formazione sui mestieri della montagna.",
    ),
    (
        "Fablab Pianezzo",
        11,
        "Laboratorio di fabbricazione digitale aperto a studenti e artigiani.",
    ),
    (
        "Ludoteca Arcobaleno",
        11,
        "Gioco, educazione e inclusione per bambine e bambini.",
    ),
    (
        "Associazione Culturale La Piazza",
        6,
        "Rassegne, dibattiti pubblici e laboratori di cittadinanza attiva.",
    ),
];

const UNIVERSITIES: [(&str, usize, &str); 5] = [
    (
        "Università delle Valli Alpine",
        0,
        "Ateneo pubblico con dipartimenti di scienze dell'educazione e di ingegneria.",
    ),
    (
        "Politecnico Pedemontano",
        3,
        "Ingegneria, architettura e pianificazione territoriale.",
    ),
    (
        "Università Popolare di Borgo San Carlo",
        1,
        "Formazione permanente aperta a tutta la cittadinanza.",
    ),
    (
        "Istituto Universitario di Studi Sociali",
        7,
        "Ricerca su partecipazione, welfare e sviluppo locale.",
    ),
    (
        "Accademia di Belle Arti del Lago",
        5,
        "Arti visive, design e mediazione culturale.",
    ),
];

/// `(name, municipality index, description)`.
const CONSORTIA: [(&str, usize, &str); 2] = [
    (
        "Consorzio Universitario Alpino",
        0,
        "Consorzio degli atenei del territorio per la ricerca e la formazione continua.",
    ),
    (
        "Consorzio Imprese Valli Unite",
        3,
        "Consorzio di imprese artigiane e cooperative per la formazione professionale.",
    ),
];

/// `(name, description)`.
const NETWORKS: [(&str, &str); 4] = [
    (
        "Rete Città che Apprendono Valli Alpine",
        "La rete locale di comuni, associazioni e università che condividono il Manifesto delle Città che Apprendono.",
    ),
    (
        "ALDA — European Association for Local Democracy",
        "Rete europea delle Agenzie della Democrazia Locale e dei loro partner.",
    ),
    (
        "PASCAL International Observatory",
        "Osservatorio internazionale su luoghi, capitale sociale e apprendimento nelle regioni.",
    ),
    (
        "The Natural Step",
        "Rete internazionale per la sostenibilità strategica (Framework for Strategic Sustainable Development).",
    ),
];

/// Whether `url` may be (re)created as a demo database: refuses when it holds a database that is
/// not a demo. On success the old demo data are gone and the schema is fresh.
pub async fn prepare(url: &str) -> Result<Store> {
    if Backend::from_url(url)? == Backend::Sqlite {
        let path = sqlite_path(url);
        if !path.is_empty() && std::path::Path::new(&path).exists() {
            let existing = Store::open(url).await?;
            let is_demo = existing.meta("demo").await?.as_deref() == Some("true");
            let empty = existing.is_empty().await?;
            existing.close().await;
            if !is_demo && !empty {
                return Err(AppError::Domain(domain::DomainError::Conflict(
                    "not-a-demo-database",
                )));
            }
            for suffix in ["", "-wal", "-shm"] {
                let f = format!("{path}{suffix}");
                if std::path::Path::new(&f).exists() {
                    std::fs::remove_file(&f)
                        .map_err(|e| AppError::Internal(format!("{f}: {e}")))?;
                }
            }
        }
        return Ok(Store::open(url).await?);
    }
    let store = Store::open(url).await?;
    let is_demo = store.meta("demo").await?.as_deref() == Some("true");
    if !is_demo && !store.is_empty().await? {
        return Err(AppError::Domain(domain::DomainError::Conflict(
            "not-a-demo-database",
        )));
    }
    if is_demo {
        // Engine-specific: a fresh PostgreSQL schema, then the migrations again.
        sqlx::raw_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
            .execute(store.pool())
            .await
            .map_err(StoreError::from)?;
        store.migrate().await?;
    }
    Ok(store)
}

/// The file behind a `sqlite:` URL (without its `?options`).
pub fn sqlite_path(url: &str) -> String {
    let rest = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:");
    rest.split('?').next().unwrap_or_default().to_owned()
}

async fn org(
    tx: &mut WriteTx,
    t: i64,
    name: &str,
    kind: &str,
    description: &str,
    territory: Option<i64>,
    website: Option<&str>,
) -> Result<i64> {
    let slug = domain::organisations::Slug::from_name(name)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let fields = OrgFields {
        slug: slug.as_str(),
        name,
        kind,
        description,
        website,
        email: None,
        territory_id: territory,
        default_lang: "it",
    };
    let id = tx.insert_org(&fields, t).await?;
    crate::organisations::index_org(tx, id, slug.as_str(), name, description).await?;
    tx.audit(Event {
        at: t,
        actor: None,
        action: "organisation.create",
        subject: format!("organisation:{id}"),
        details: json!({"slug": slug.as_str(), "kind": kind, "demo": true}),
    })
    .await?;
    Ok(id)
}

/// Fills an empty database with the demo network, in one transaction, and marks it a demo.
pub async fn seed(app: &App) -> Result<()> {
    let t = now();
    let hash = hash_password(PASSWORD).await?;
    let mut tx = app.store.write().await?;
    tx.set_meta("demo", "true").await?;

    let mut municipalities = Vec::new();
    let mut territories = Vec::new();
    for (name, istat, population, _) in MUNICIPALITIES {
        let territory = TerritoryRow {
            id: 0,
            name: name.into(),
            istat_code: Some(istat.into()),
            nuts3: Some("ITC11".into()),
            population: Some(population),
        };
        let tid = tx.insert_territory(&territory).await?;
        territories.push(tid);
        let desc = format!(
            "Il Comune di {name} partecipa alla rete delle città che apprendono con percorsi di partecipazione e apprendimento permanente."
        );
        municipalities.push(
            org(
                &mut tx,
                t,
                &format!("Comune di {name}"),
                "municipality",
                &desc,
                Some(tid),
                None,
            )
            .await?,
        );
    }
    let mut associations = Vec::new();
    for (name, m, desc) in ASSOCIATIONS {
        let kind = if name.contains("impresa sociale") {
            "company"
        } else {
            "association"
        };
        associations.push(org(&mut tx, t, name, kind, desc, Some(territories[m]), None).await?);
    }
    let mut universities = Vec::new();
    for (name, m, desc) in UNIVERSITIES {
        universities.push(
            org(
                &mut tx,
                t,
                name,
                "university",
                desc,
                Some(territories[m]),
                Some("https://www.example.org"),
            )
            .await?,
        );
    }
    let mut consortia = Vec::new();
    for (name, m, desc) in CONSORTIA {
        consortia.push(
            org(
                &mut tx,
                t,
                name,
                "consortium",
                desc,
                Some(territories[m]),
                None,
            )
            .await?,
        );
    }
    let schools = [
        (
            "Istituto Comprensivo Valdora Centro",
            0,
            "Scuola dell'infanzia, primaria e secondaria di primo grado.",
        ),
        (
            "CPIA Valli Alpine",
            3,
            "Centro provinciale per l'istruzione degli adulti: italiano, licenza media, percorsi serali.",
        ),
    ];
    for (name, m, desc) in schools {
        org(&mut tx, t, name, "school", desc, Some(territories[m]), None).await?;
    }
    let companies_data = [
        (
            "Tessitura Alpina srl",
            3,
            "Tessuti tecnici; ospita tirocini e apprendistati.",
        ),
        (
            "Cooperativa Edile Valli Unite",
            3,
            "Edilizia sostenibile e recupero dei borghi.",
        ),
        (
            "Studio Digitale Pedemontano srl",
            7,
            "Servizi digitali per enti pubblici e terzo settore.",
        ),
    ];
    let mut companies = Vec::new();
    for (name, m, desc) in companies_data {
        companies.push(
            org(
                &mut tx,
                t,
                name,
                "company",
                desc,
                Some(territories[m]),
                None,
            )
            .await?,
        );
    }
    let mut networks = Vec::new();
    for (name, desc) in NETWORKS {
        networks.push(
            org(
                &mut tx,
                t,
                name,
                "network",
                desc,
                None,
                Some("https://www.example.org"),
            )
            .await?,
        );
    }

    // Network memberships, each with the date it began.
    let local = networks[0];
    for (i, m) in municipalities.iter().enumerate() {
        let year = 2019 + (i as i32 % 5);
        member(&mut tx, t, local, *m, &format!("{year}-0{}-15", 1 + i % 9)).await?;
    }
    for (i, a) in associations.iter().enumerate().take(12) {
        member(
            &mut tx,
            t,
            local,
            *a,
            &format!("{}-10-01", 2020 + i as i32 % 4),
        )
        .await?;
    }
    for u in &universities {
        member(&mut tx, t, local, *u, "2019-05-14").await?;
    }
    for c in &consortia {
        member(&mut tx, t, local, *c, "2021-06-30").await?;
    }
    // A consortium's members: the universities for one, the companies for the other.
    for u in universities.iter().take(3) {
        member(&mut tx, t, consortia[0], *u, "2017-09-01").await?;
    }
    for c in &companies {
        member(&mut tx, t, consortia[1], *c, "2020-01-20").await?;
    }
    for (net, members, since) in [
        (
            networks[1],
            vec![
                municipalities[0],
                municipalities[1],
                municipalities[3],
                associations[1],
                associations[9],
            ],
            "2018-03-01",
        ),
        (
            networks[2],
            vec![
                universities[0],
                universities[3],
                municipalities[0],
                consortia[0],
            ],
            "2020-11-20",
        ),
        (
            networks[3],
            vec![
                municipalities[2],
                municipalities[4],
                consortia[1],
                associations[0],
            ],
            "2022-04-22",
        ),
    ] {
        for m in members {
            member(&mut tx, t, net, m, since).await?;
        }
    }

    let manifesto = commitment(&mut tx, t, &CommitmentRow {
                id: 0,
                slug: "manifesto-citta-che-apprendono".into(),
                title_it: "Manifesto delle Città che Apprendono".into(),
                title_en: "Learning Cities Manifesto".into(),
                description_it: "Chi firma si impegna a rendere l'apprendimento permanente accessibile a tutti, a coinvolgere cittadini e organizzazioni nelle decisioni e a misurare insieme i progressi secondo le Key Features delle Learning Cities dell'UNESCO.".into(),
                description_en: "Signatories commit to making lifelong learning accessible to all, to involving citizens and organisations in decisions, and to measuring progress together against UNESCO's Key Features of Learning Cities.".into(),
                signatures: 0,
            }).await?;
    for (i, (_, _, _, signed)) in MUNICIPALITIES.iter().enumerate() {
        if let Some(date) = signed {
            sign(&mut tx, t, manifesto, municipalities[i], date).await?;
        }
    }
    for (org_id, date) in [
        (associations[1], "2019-05-14"),
        (universities[0], "2019-06-03"),
        (associations[9], "2021-03-22"),
    ] {
        sign(&mut tx, t, manifesto, org_id, date).await?;
    }
    let charter = commitment(&mut tx, t, &CommitmentRow {
                id: 0,
                slug: "carta-della-partecipazione".into(),
                title_it: "Carta della partecipazione".into(),
                title_en: "Participation Charter".into(),
                description_it: "Principi comuni per processi partecipativi trasparenti: dire prima che cosa si farà dei contributi, rispondere a tutti, rendere conto dei risultati.".into(),
                description_en: "Shared principles for transparent participatory processes: say beforehand what will be done with the input, answer everyone, report on the results.".into(),
                signatures: 0,
            }).await?;
    for (org_id, date) in [
        (municipalities[0], "2022-02-10"),
        (municipalities[7], "2023-05-04"),
        (associations[17], "2023-05-04"),
    ] {
        sign(&mut tx, t, charter, org_id, date).await?;
    }

    // Participatory processes: one under way, one starting, one finished — dated around today so
    // the demo always has something open.
    let day = |offset: i64| -> String {
        match time::OffsetDateTime::from_unix_timestamp(t + offset * 86_400) {
            Ok(d) => format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
            Err(_) => "2026-01-01".into(),
        }
    };
    let processes: [DemoProcess; 3] = [
        (
            0,
            "il-futuro-del-parco-della-dora",
            "consultation",
            "Il futuro del Parco della Dora",
            "Che cosa vorresti trovare nel Parco della Dora tra cinque anni: più ombra, spazi per lo sport, orti, eventi?",
            "La Giunta discuterà le proposte più sostenute entro 60 giorni dalla chiusura e risponderà pubblicamente a ciascuna, spiegando che cosa entrerà nel progetto del parco e perché.",
            "consult",
            &[
                ("information", "Incontri informativi", -40, -31),
                ("proposing", "Raccolta delle proposte", -30, 10),
                ("supporting", "Sostegni alle proposte", -20, 20),
                ("evaluating", "Valutazione e risposte", 21, 90),
            ],
        ),
        (
            7,
            "centro-giovani-san-michele",
            "co-design",
            "Co-progettiamo il centro giovani",
            "Come deve essere il nuovo centro giovani nell'ex scuola di via Roma: orari, attività, regole, gestione?",
            "Il progetto definitivo sarà scritto insieme al tavolo di co-progettazione; il Comune si impegna a finanziarlo nel bilancio del prossimo anno se resta entro 250.000 euro.",
            "collaborate",
            &[
                ("information", "Visita all'edificio", 5, 5),
                ("commenting", "Tavoli di co-progettazione", 6, 60),
            ],
        ),
        (
            1,
            "piazza-del-mercato",
            "consultation",
            "Una nuova Piazza del Mercato",
            "Come ridisegnare la Piazza del Mercato perché sia più accogliente per chi la vive ogni giorno?",
            "Le tre proposte più sostenute sono entrate nel progetto esecutivo; i lavori sono in corso.",
            "involve",
            &[
                ("proposing", "Proposte", -400, -370),
                ("supporting", "Sostegni", -369, -340),
                ("implementing", "Lavori", -200, 120),
            ],
        ),
    ];
    let mut process_ids = Vec::new();
    for (m, slug, kind, title, question, promise, iap2, phases) in processes {
        let phases: &[DemoPhase] = phases;
        let fields = store::participation::ProcessFields {
            slug,
            kind,
            title,
            question,
            promise,
            iap2,
        };
        let id = tx.insert_process(municipalities[m], &fields, t).await?;
        tx.audit(Event {
            at: t,
            actor: None,
            action: "process.create",
            subject: format!("process:{id}"),
            details: json!({"demo": true}),
        })
        .await?;
        for (pkind, ptitle, from, to) in phases {
            let phase = tx
                .insert_phase(id, pkind, ptitle, &day(*from), &day(*to))
                .await?;
            tx.audit(Event {
                at: t,
                actor: None,
                action: "process.add_phase",
                subject: format!("process:{id}"),
                details: json!({"phase": phase}),
            })
            .await?;
        }
        tx.publish_process(id, t).await?;
        crate::search::index(
            &mut tx,
            "process",
            id,
            Some(id),
            title,
            &format!("{question} {promise}"),
            &format!("/processes/{slug}"),
        )
        .await?;
        process_ids.push((id, slug));
        tx.audit(Event {
            at: t,
            actor: None,
            action: "process.publish",
            subject: format!("process:{id}"),
            details: json!({"demo": true}),
        })
        .await?;
    }

    // Five proposals each may be supported in the park consultation; 30 supports to be evaluated.
    tx.set_support_rules(process_ids[0].0, 5, 30).await?;
    let residents = crate::demo_proposals::seed(&mut tx, t, process_ids[0], process_ids[2]).await?;
    crate::demo_proposals::meetings(&mut tx, t, &process_ids, &residents, day).await?;
    crate::demo_proposals::survey(&mut tx, t, process_ids[1], &residents).await?;
    // Only Valdora's verified residents may support proposals in the park consultation.
    tx.set_verification_rules(process_ids[0].0, false, true)
        .await?;
    let mut account_ids = Vec::new();

    for a in &ACCOUNTS {
        let id = tx
            .insert_user(NewUser {
                email: a.email,
                name: a.name,
                password_hash: Some(&hash),
                lang: "it",
                confirmed_at: Some(t),
                instance_admin: a.instance_admin,
                now: t,
            })
            .await?;
        account_ids.push((a.email, id));
        tx.audit(Event {
            at: t,
            actor: None,
            action: "user.register",
            subject: format!("user:{id}"),
            details: json!({"demo": true}),
        })
        .await?;
        if let Some((slug, role)) = a.membership {
            // Read inside the transaction: the organisations are not committed yet.
            let org_id = org_id_in_tx(&mut tx, slug).await?;
            tx.set_membership(id, org_id, role, t).await?;
            tx.audit(Event {
                at: t,
                actor: None,
                action: "organisation.grant",
                subject: format!("organisation:{org_id}"),
                details: json!({"user": id, "role": role}),
            })
            .await?;
        }
    }
    // Valdora's census: the demo residents and Anna Ferrero are verified; the records of
    // DEMO_CENSUS are free for visitors to try.
    let valdora = municipalities[0];
    let mut keys: Vec<String> = DEMO_CENSUS
        .iter()
        .map(|(id, date)| format!("{id}|{date}"))
        .collect();
    let mut claims = Vec::new();
    for (i, r) in residents.iter().enumerate() {
        let key = format!("VLD{:05}|1980-01-{:02}", i + 1, i % 28 + 1);
        keys.push(key.clone());
        claims.push((*r, key));
    }
    if let Some((_, anna)) = account_ids
        .iter()
        .find(|(e, _)| *e == "cittadina@demo.example")
    {
        let key = format!("{ANNA_CF}|1990-01-01");
        keys.push(key.clone());
        claims.push((*anna, key));
    }
    crate::verification::seed_census(&mut tx, valdora, &keys, &claims, t).await?;
    tx.commit().await?;
    crate::demo_spaces::seed(app, &residents).await?;
    Ok(())
}

/// Anna Ferrero's (fictional) codice fiscale in Valdora's demo census.
pub const ANNA_CF: &str = "FRRNNA90A41L219F";

/// Census records of Valdora nobody has claimed: shown on the verification page of the demo.
pub const DEMO_CENSUS: [(&str, &str); 3] = [
    ("VLD90001", "1985-05-05"),
    ("VLD90002", "1972-11-30"),
    ("VLD90003", "2001-02-14"),
];

/// Creates a commitment, with its audit entry.
async fn commitment(tx: &mut WriteTx, t: i64, row: &CommitmentRow) -> Result<i64> {
    let id = tx.insert_commitment(row, t).await?;
    tx.audit(Event {
        at: t,
        actor: None,
        action: "commitment.create",
        subject: format!("commitment:{id}"),
        details: json!({"demo": true}),
    })
    .await?;
    Ok(id)
}

/// Signs a commitment on behalf of `org` on `date`, with its audit entry.
async fn sign(tx: &mut WriteTx, t: i64, commitment: i64, org: i64, date: &str) -> Result<()> {
    tx.sign_commitment(commitment, org, date).await?;
    tx.audit(Event {
        at: t,
        actor: None,
        action: "commitment.sign",
        subject: format!("commitment:{commitment}"),
        details: json!({"org": org, "date": date}),
    })
    .await?;
    Ok(())
}

/// `(kind, title, first day, last day)` with days counted from today.
type DemoPhase = (&'static str, &'static str, i64, i64);
/// `(municipality index, slug, kind, title, question, promise, IAP2 level, phases)`.
type DemoProcess = (
    usize,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [DemoPhase],
);

/// Adds `org` to the network or consortium `net`, with its audit entry.
async fn member(tx: &mut WriteTx, t: i64, net: i64, org: i64, since: &str) -> Result<()> {
    tx.add_network_member(net, org, since).await?;
    tx.audit(Event {
        at: t,
        actor: None,
        action: "network.add_member",
        subject: format!("organisation:{net}"),
        details: json!({"member": org, "since": since}),
    })
    .await?;
    Ok(())
}

async fn org_id_in_tx(tx: &mut WriteTx, slug: &str) -> Result<i64> {
    let id = tx.org_id_by_slug(slug).await?;
    id.ok_or_else(|| AppError::Internal(format!("demo organisation {slug} missing")))
}
