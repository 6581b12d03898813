//! The permission matrix over the routes of proposals and comments: roles × actions × whose
//! resource (one's own draft, another's published proposal, another organisation's process).
//! Every refused request changes nothing (the audit log does not grow).

mod common;

use axum::http::StatusCode;
use common::{Browser, demo_app};

const PARK: &str = "/processes/il-futuro-del-parco-della-dora/proposals";
const SQUARE: &str = "/processes/piazza-del-mercato/proposals";
/// The demo survey of San Michele's youth centre (another municipality than Valdora).
const YOUTH_SURVEY: &str = "/processes/centro-giovani-san-michele/surveys/1";

async fn audit_len(app: &app::App) -> i64 {
    store::audit::recent(&app.store, 1)
        .await
        .expect("audit")
        .first()
        .map(|e| e.seq)
        .unwrap_or(0)
}

const ROLES: [(&str, Option<&str>); 6] = [
    ("anonymous", None),
    (
        "author and verified resident",
        Some("cittadina@demo.example"),
    ),
    ("user", Some("ricercatore@demo.example")),
    (
        "admin of this organisation",
        Some("funzionario@demo.example"),
    ),
    (
        "admin of another organisation",
        Some("associazione@demo.example"),
    ),
    ("instance admin", Some("admin@demo.example")),
];

#[tokio::test]
async fn every_proposal_route_answers_each_role_as_the_policy_says() {
    let app = demo_app().await;
    let mut browsers = Vec::new();
    for (i, (who, email)) in ROLES.iter().enumerate() {
        let mut b = Browser::new(&app, &format!("127.0.0.1:{}", 45000 + i));
        if let Some(e) = email {
            b.login(e, app::demo::PASSWORD).await;
        }
        browsers.push((*who, b));
    }
    // The author writes a draft in the park consultation (Valdora's).
    let draft_form = [
        ("title", "Una biblioteca nel parco"),
        (
            "body",
            "Una piccola biblioteca all'aperto con libri in prestito.",
        ),
        ("category", "culture"),
        ("place", ""),
        ("cost", ""),
    ];
    let created = browsers[1].1.post(PARK, &draft_form).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER);
    let draft = created
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_owned();
    // Another's published proposal in the park, a comment on it by a resident, and a proposal
    // of Borgo San Carlo's finished process.
    let published = format!("{PARK}/1");
    let comment = format!("{PARK}/1/comments/1/vote");
    let square = format!("{SQUARE}/7");
    let answer = [
        ("answer", "evaluating"),
        ("answer_text", "La stiamo valutando."),
    ];
    let comment_form = [("comment", "Mi sembra utile."), ("alignment", "1")];
    let edit_form = [
        ("title", "Titolo cambiato da altri"),
        ("body", "Testo cambiato da chi non è l'autore."),
        ("category", "other"),
    ];
    let vote = [("value", "1")];
    let report = [("kind", "comment"), ("id", "1"), ("reason", "spam")];
    let restore = [("kind", "comment"), ("id", "1"), ("action", "restore")];
    let result_update = [
        ("status", "completed"),
        ("progress", "100"),
        ("text", "Finito davvero."),
    ];
    let result_form = [
        ("title", "Un risultato nuovo"),
        ("description", "Descritto."),
    ];
    let survey_answer = [("q1", "1"), ("q2", "0")];
    let question = [("kind", "short"), ("prompt", "Una domanda in più")];
    let close_form = [("attendees", "25"), ("minutes", "Buona partecipazione.")];
    type Row<'a> = (&'a str, String, &'a [(&'a str, &'a str)], [u16; 6]);
    // Expected status per role, in the order of ROLES. 303 = done, 422 = refused with a reason
    // on the page (a closed phase), 403 = not allowed, 404 = not visible to this role.
    let rows: Vec<Row> = vec![
        ("GET", draft.clone(), &[], [404, 200, 404, 404, 404, 404]),
        (
            "GET",
            format!("{draft}/edit"),
            &[],
            [404, 200, 404, 404, 404, 404],
        ),
        (
            "POST",
            format!("{draft}/edit"),
            &draft_form,
            [404, 303, 404, 404, 404, 404],
        ),
        (
            "GET",
            format!("{PARK}/new"),
            &[],
            [403, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            published.clone(),
            &[],
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            format!("{published}/edit"),
            &[],
            [403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{published}/edit"),
            &edit_form,
            [403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{published}/withdraw"),
            &[],
            [403, 403, 403, 403, 403, 403],
        ),
        (
            "POST",
            format!("{published}/answer"),
            &answer,
            [403, 403, 403, 303, 403, 303],
        ),
        // Supports in the park need verified residents of Valdora: only the author (Anna) is one.
        (
            "POST",
            format!("{published}/support"),
            &[],
            [403, 303, 422, 422, 422, 422],
        ),
        (
            "GET",
            "/processes/il-futuro-del-parco-della-dora/meetings/new".into(),
            &[],
            [403, 403, 403, 200, 403, 200],
        ),
        (
            "POST",
            "/processes/il-futuro-del-parco-della-dora/meetings/1/register".into(),
            &[],
            [403, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            "/processes/il-futuro-del-parco-della-dora/meetings/1/close".into(),
            &close_form,
            [403, 403, 403, 303, 403, 303],
        ),
        (
            "GET",
            "/processes/il-futuro-del-parco-della-dora/meetings/1/calendar.ics".into(),
            &[],
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            YOUTH_SURVEY.to_string(),
            &[],
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            format!("{YOUTH_SURVEY}/answer"),
            &survey_answer,
            [403, 303, 303, 303, 303, 303],
        ),
        (
            "GET",
            format!("{YOUTH_SURVEY}/results"),
            &[],
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            format!("{YOUTH_SURVEY}/responses.csv"),
            &[],
            [403, 403, 403, 403, 403, 200],
        ),
        (
            "POST",
            format!("{YOUTH_SURVEY}/questions"),
            &question,
            [403, 403, 403, 403, 403, 422],
        ),
        (
            "POST",
            format!("{YOUTH_SURVEY}/close"),
            &[],
            [403, 403, 403, 403, 403, 303],
        ),
        (
            "GET",
            "/processes/piazza-del-mercato/results/1".into(),
            &[],
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            "/processes/piazza-del-mercato/results/1/updates".into(),
            &result_update,
            [403, 403, 403, 403, 403, 303],
        ),
        (
            "POST",
            "/processes/piazza-del-mercato/results".into(),
            &result_form,
            [403, 403, 403, 403, 403, 303],
        ),
        (
            "GET",
            "/moderation".into(),
            &[],
            [200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/organisations/comune-di-valdora/moderation".into(),
            &[],
            [403, 403, 403, 200, 403, 200],
        ),
        (
            "POST",
            "/moderation/report".into(),
            &report,
            [403, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            "/moderation/decide".into(),
            &restore,
            [403, 403, 403, 303, 403, 303],
        ),
        (
            "GET",
            "/organisations/comune-di-valdora/verify".into(),
            &[],
            [403, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/organisations/comune-di-valdora/census".into(),
            &[],
            [403, 403, 403, 200, 403, 200],
        ),
        (
            "POST",
            format!("{published}/unsupport"),
            &[],
            [403, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            format!("{published}/comments"),
            &comment_form,
            [403, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            comment.clone(),
            &vote,
            [403, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            format!("{square}/support"),
            &[],
            [403, 422, 422, 422, 422, 422],
        ),
        (
            "POST",
            format!("{square}/answer"),
            &answer,
            [403, 403, 403, 403, 403, 303],
        ),
        (
            "POST",
            format!("{square}/comments"),
            &comment_form,
            [403, 422, 422, 422, 422, 422],
        ),
        // Roles are tried in order: once the author has published, the others see the proposal
        // but may not publish it.
        (
            "POST",
            format!("{draft}/publish"),
            &[],
            [404, 303, 403, 403, 403, 403],
        ),
    ];
    let mut checked = 0;
    for (method, path, form, expected) in &rows {
        for ((who, b), want) in browsers.iter_mut().zip(expected) {
            let before = audit_len(&app).await;
            let r = if *method == "GET" {
                b.get(path).await
            } else {
                b.post(path, form).await
            };
            assert_eq!(r.status.as_u16(), *want, "{who}: {method} {path}");
            if *want != 303 {
                assert_eq!(
                    audit_len(&app).await,
                    before,
                    "{who}: {method} {path} changed something"
                );
            }
            checked += 1;
        }
    }
    println!(
        "permission matrix: {checked} requests, {} routes × {} roles",
        rows.len(),
        ROLES.len()
    );
}
