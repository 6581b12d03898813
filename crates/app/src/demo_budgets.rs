//! The demo's participatory budgets in Valdora: the 2025 budget, voted and counted (60 ballots,
//! two neighbourhoods of unequal size, so the Method of Equal Shares funds projects of both while
//! greedy spends everything on the larger one), and the 2026 budget open for voting now.

use crate::budgets::{BudgetInput, ProjectInput};
use crate::participation::{PhaseInput, ProcessInput};
use crate::{App, AppError, Result, now};
use domain::policy::Actor;
use serde_json::json;
use store::audit::Event;

/// `(title, description, cost, category, district)`.
type DemoProject = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const PROJECTS_2025: [DemoProject; 8] = [
    (
        "Nuova copertura della palestra comunale",
        "Rifare il tetto della palestra di via Verdi, che d'inverno perde acqua sul campo.",
        "40000",
        "sport",
        "Borgo Nord",
    ),
    (
        "Pista ciclabile verso la stazione",
        "Un chilometro di pista protetta tra piazza Castello e la stazione.",
        "35000",
        "mobility",
        "Borgo Nord",
    ),
    (
        "Illuminazione a LED in via Roma",
        "Lampioni a basso consumo lungo via Roma e nel sottopasso.",
        "30000",
        "environment",
        "Borgo Nord",
    ),
    (
        "Giochi inclusivi al parco",
        "Altalene e giochi accessibili anche a bambine e bambini in carrozzina.",
        "25000",
        "social",
        "Borgo Nord",
    ),
    (
        "Orto didattico della scuola di Oltredora",
        "Un orto con serra per le classi della primaria di Oltredora.",
        "30000",
        "education",
        "Oltredora",
    ),
    (
        "Biblioteca di quartiere: nuovi arredi",
        "Scaffali, sedute e una saletta studio nella biblioteca di Oltredora.",
        "20000",
        "culture",
        "Oltredora",
    ),
    (
        "Fontanelle e panchine lungo la Dora",
        "Tre fontanelle e dieci panchine all'ombra sulla passeggiata del fiume.",
        "15000",
        "environment",
        "Oltredora",
    ),
    (
        "Corso di italiano per nuovi cittadini",
        "Un anno di corso serale gratuito, con baby-sitting, nella sala civica.",
        "8000",
        "education",
        "",
    ),
];

const PROJECTS_2026: [DemoProject; 5] = [
    (
        "Casa dell'acqua in piazza del Mercato",
        "Un distributore di acqua naturale e frizzante a prezzo simbolico.",
        "28000",
        "environment",
        "Centro",
    ),
    (
        "Laboratorio di riparazione biciclette",
        "Attrezzi e un meccanico volontario due pomeriggi a settimana.",
        "12000",
        "mobility",
        "Oltredora",
    ),
    (
        "Sala prove per band giovanili",
        "Insonorizzare una sala del centro civico e attrezzarla.",
        "35000",
        "culture",
        "Borgo Nord",
    ),
    (
        "Percorso vita nel bosco della Dora",
        "Dieci stazioni di esercizi lungo il sentiero del fiume.",
        "18000",
        "sport",
        "Oltredora",
    ),
    (
        "Wi-Fi libero nelle biblioteche",
        "Connessione gratuita e prese di corrente nelle due biblioteche.",
        "9000",
        "education",
        "",
    ),
];

fn project(p: &DemoProject) -> ProjectInput {
    ProjectInput {
        title: p.0.into(),
        description: p.1.into(),
        cost: p.2.into(),
        category: p.3.into(),
        district: p.4.into(),
    }
}

async fn budget_process(
    app: &App,
    official: &Actor,
    title: &str,
    slug: &str,
    voting: (&str, &str),
) -> Result<String> {
    let slug = crate::participation::create(
        app,
        official,
        "comune-di-valdora",
        &ProcessInput {
            title: title.into(),
            kind: "participatory-budget".into(),
            slug: slug.into(),
            question: "Come spendere 100 000 euro del bilancio comunale per i quartieri?".into(),
            promise: "Il Comune realizza i progetti scelti con il voto, nell'ordine del conteggio, entro l'anno successivo.".into(),
            iap2: "empower".into(),
            private: String::new(),
        },
    )
    .await?;
    crate::participation::add_phase(
        app,
        official,
        &slug,
        &PhaseInput {
            phase_kind: "voting".into(),
            phase_title: "Voto dei progetti".into(),
            starts_on: voting.0.into(),
            ends_on: voting.1.into(),
        },
    )
    .await?;
    crate::participation::publish(app, official, &slug).await?;
    Ok(slug)
}

/// Seeds both budgets; `residents` are the fictional residents' ids (Valdora's verified ones).
pub async fn seed(app: &App, official: &Actor, residents: &[i64]) -> Result<()> {
    let input = BudgetInput {
        title: "Bilancio partecipativo".into(),
        description: "100 000 euro per progetti proposti dagli abitanti, contati con il metodo delle quote uguali: ogni votante dispone della stessa parte del bilancio.".into(),
        total: "100000".into(),
        max_choices: String::new(),
        rule: "mes-add1".into(),
    };
    // Dates relative to today, so the demo stays the same whenever it is made: last year's vote
    // closed a month ago, this year's is open for three more weeks.
    let day = |d: i64| crate::participation::date_of(now() + d * 86_400);
    let (from, to) = (day(-60), day(-30));
    let past = budget_process(
        app,
        official,
        "Bilancio partecipativo di Valdora 2025",
        "bilancio-partecipativo-2025",
        (&from, &to),
    )
    .await?;
    let b = crate::budgets::create(app, official, &past, &input).await?;
    let mut ids = Vec::new();
    for p in &PROJECTS_2025 {
        ids.push(crate::budgets::add_project(app, official, &past, b, &project(p)).await?);
    }
    // 36 voters of Borgo Nord approve its four projects, 24 of Oltredora its three; the Italian
    // course is approved by nine of the first and twelve of the second.
    let t = now();
    let mut tx = app.store.write().await?;
    for (i, voter) in residents.iter().take(60).enumerate() {
        let mut choice: Vec<i64> = if i < 36 {
            ids[0..4].to_vec()
        } else {
            ids[4..7].to_vec()
        };
        if (i < 36 && i % 4 == 0) || (i >= 36 && i % 2 == 0) {
            choice.push(ids[7]);
        }
        let receipt = format!("DEMO{:06}", i * 7919 % 1_000_000);
        tx.insert_ballot(b, Some(*voter), None, &receipt, "online", &choice, t)
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
    }
    tx.audit(Event {
        at: t,
        actor: None,
        action: "demo.ballots",
        subject: format!("budget:{b}"),
        details: json!({"count": residents.len().min(60)}),
    })
    .await?;
    tx.commit().await?;
    // Two funded projects are already tracked, one under way.
    for (i, progress, text) in [
        (3, "40", "Ordinati i giochi; la posa inizia a marzo."),
        (6, "0", "Progetto esecutivo in preparazione."),
    ] {
        let result = crate::budgets::track(app, official, &past, b, ids[i]).await?;
        let update = crate::results::UpdateInput {
            status: if progress == "0" {
                "planned"
            } else {
                "in-progress"
            }
            .into(),
            progress: progress.into(),
            text: text.into(),
        };
        crate::results::update(app, official, &past, result, &update).await?;
    }

    let (from, to) = (day(-20), day(21));
    let open = budget_process(
        app,
        official,
        "Bilancio partecipativo di Valdora 2026",
        "bilancio-partecipativo-2026",
        (&from, &to),
    )
    .await?;
    let b = crate::budgets::create(app, official, &open, &input).await?;
    for p in &PROJECTS_2026 {
        crate::budgets::add_project(app, official, &open, b, &project(p)).await?;
    }
    Ok(())
}
