//! `learning-city demo --scale large`: the demo network plus one very large consultation — 50 000
//! residents, 10 000 proposals, 200 000 comments (one proposal holds 1 000 of them) — generated
//! deterministically for benchmarks. Texts are drawn from a small Italian vocabulary, so search
//! has realistic hit counts. The planner statistics are refreshed at the end (`Store::analyze`).

use crate::{App, Result, now, search};
use serde_json::json;
use store::audit::Event;
use store::participation::ProcessFields;

pub const SLUG: &str = "valdora-decide-2027";
pub const USERS: usize = 50_000;
pub const PROPOSALS: usize = 10_000;
pub const COMMENTS: usize = 200_000;
/// The proposal that gets 1 000 comments (the 1st generated one).
pub const BUSY_COMMENTS: usize = 1_000;

const SUBJECTS: [&str; 12] = [
    "alberi",
    "panchine",
    "piste ciclabili",
    "biblioteca",
    "campo sportivo",
    "fontanelle",
    "illuminazione",
    "orti urbani",
    "scuola",
    "centro anziani",
    "parcheggi",
    "mercato",
];
const PLACES: [&str; 8] = [
    "in piazza",
    "nel parco",
    "vicino alla scuola",
    "lungo il fiume",
    "in periferia",
    "nel centro storico",
    "alla stazione",
    "nel quartiere nord",
];
const VERBS: [&str; 6] = [
    "Più",
    "Nuovi",
    "Rinnovare i",
    "Curare le",
    "Aprire",
    "Proteggere i",
];
const CATEGORIES: [&str; 9] = [
    "environment",
    "mobility",
    "culture",
    "education",
    "social",
    "sport",
    "urban",
    "youth",
    "other",
];
const OPINIONS: [&str; 8] = [
    "Sono d'accordo, serve davvero",
    "Non credo sia una priorità",
    "Ottima idea per i bambini",
    "Costa troppo rispetto ai benefici",
    "Lo chiedo da anni",
    "Bisogna pensare anche alla manutenzione",
    "Meglio farlo insieme alle associazioni",
    "Attenzione al traffico",
];

/// A small deterministic generator (xorshift), so every large demo is the same.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
}

/// Adds the large consultation to a freshly seeded demo.
pub async fn seed(app: &App) -> Result<()> {
    let t = now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let valdora = app
        .store
        .org_by_slug("comune-di-valdora")
        .await?
        .map(|o| o.id)
        .ok_or_else(|| crate::AppError::Internal("the demo has no Valdora".into()))?;
    let mut tx = app.store.write().await?;
    let process = tx
        .insert_process(
            valdora,
            &ProcessFields {
                slug: SLUG,
                kind: "consultation",
                title: "Valdora decide 2027",
                question: "Che cosa deve fare il Comune nel 2027 per la città?",
                promise: "Ogni proposta avrà una risposta; le più sostenute entreranno nel bilancio 2027.",
                iap2: "involve",
            },
            t,
        )
        .await?;
    let day = |offset: i64| crate::participation::date_of(t + offset * 86_400);
    tx.insert_phase(process, "proposing", "Proposte", &day(-60), &day(30))
        .await?;
    tx.insert_phase(process, "supporting", "Sostegni", &day(-30), &day(60))
        .await?;
    tx.publish_process(process, t).await?;
    crate::search::index(
        &mut tx,
        "process",
        process,
        Some(process),
        "Valdora decide 2027",
        "Che cosa deve fare il Comune nel 2027 per la città?",
        &format!("/processes/{SLUG}"),
    )
    .await?;

    let users: Vec<(String, String)> = (0..USERS)
        .map(|i| {
            (
                format!("residente{i}@large.demo.example"),
                format!("Residente {i}"),
            )
        })
        .collect();
    let user_ids = tx.bulk_users(&users, t).await?;

    let mut per_proposal = vec![0i64; PROPOSALS];
    per_proposal[0] = BUSY_COMMENTS as i64;
    let mut comment_targets = Vec::with_capacity(COMMENTS);
    comment_targets.extend(std::iter::repeat_n(0usize, BUSY_COMMENTS));
    for _ in BUSY_COMMENTS..COMMENTS {
        let p = 1 + rng.next() % (PROPOSALS - 1);
        per_proposal[p] += 1;
        comment_targets.push(p);
    }
    let mut rows = Vec::with_capacity(PROPOSALS);
    for (i, comments) in per_proposal.iter().enumerate() {
        let subject = SUBJECTS[rng.next() % SUBJECTS.len()];
        let place = PLACES[rng.next() % PLACES.len()];
        let verb = VERBS[rng.next() % VERBS.len()];
        let title = format!("{verb} {subject} {place} ({})", i + 1);
        let body = format!(
            "Proponiamo di intervenire su {subject} {place}: {}. Proposta numero {}.",
            OPINIONS[rng.next() % OPINIONS.len()].to_lowercase(),
            i + 1
        );
        let author = user_ids[rng.next() % user_ids.len()];
        let supports = (rng.next() % 500) as i64;
        rows.push((
            author,
            title,
            body,
            CATEGORIES[rng.next() % CATEGORIES.len()],
            supports,
            *comments,
            t - (PROPOSALS - i) as i64 * 60,
        ));
    }
    let proposal_ids = tx.bulk_proposals(process, &rows).await?;
    let mut docs = Vec::with_capacity(PROPOSALS);
    for ((_, title, body, ..), id) in rows.iter().zip(&proposal_ids) {
        let terms = search::weighted_terms(title, body);
        docs.push((
            "proposal",
            *id,
            process,
            title.clone(),
            body.clone(),
            format!("/processes/{SLUG}/proposals/{id}"),
            terms,
        ));
    }
    tx.bulk_index(&docs).await?;

    let mut comment_rows = Vec::with_capacity(COMMENTS);
    for (k, p) in comment_targets.iter().enumerate() {
        let opinion = OPINIONS[rng.next() % OPINIONS.len()];
        let subject = SUBJECTS[rng.next() % SUBJECTS.len()];
        comment_rows.push((
            proposal_ids[*p],
            user_ids[rng.next() % user_ids.len()],
            format!("{opinion}: parliamo di {subject}."),
            t - (COMMENTS - k) as i64,
        ));
    }
    let comment_ids = tx.bulk_comments(&comment_rows).await?;
    let mut docs = Vec::with_capacity(COMMENTS);
    for (((p, _, body, _), id), target) in
        comment_rows.iter().zip(&comment_ids).zip(&comment_targets)
    {
        let terms = search::weighted_terms("", body);
        let title = rows.get(*target).map(|r| r.1.clone()).unwrap_or_default();
        docs.push((
            "comment",
            *id,
            process,
            title,
            body.clone(),
            format!("/processes/{SLUG}/proposals/{p}#comment-{id}"),
            terms,
        ));
    }
    tx.bulk_index(&docs).await?;
    tx.audit(Event {
        at: t,
        actor: None,
        action: "demo.large",
        subject: format!("process:{process}"),
        details: json!({"users": USERS, "proposals": PROPOSALS, "comments": COMMENTS}),
    })
    .await?;
    tx.commit().await?;
    // A bulk load leaves the planner's statistics behind; refresh them as a deployment's
    // autovacuum would soon after.
    app.store.analyze().await?;
    Ok(())
}
