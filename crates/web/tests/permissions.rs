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

/// A route tried by every role: method, path, form, the status each role must get.
type Row<'a, const N: usize> = (&'a str, String, &'a [(&'a str, &'a str)], [u16; N]);

/// Sends every row as every role (in order) and checks the statuses; a refused request must leave
/// the audit log as it was. Returns how many requests were checked.
async fn run_rows<const N: usize>(
    app: &app::App,
    browsers: &mut [(&str, Browser)],
    rows: &[Row<'_, N>],
) -> usize {
    let mut checked = 0;
    for (method, path, form, expected) in rows {
        for ((who, b), want) in browsers.iter_mut().zip(expected) {
            let before = audit_len(app).await;
            let r = if *method == "GET" {
                b.get(path).await
            } else {
                b.post(path, form).await
            };
            assert_eq!(r.status.as_u16(), *want, "{who}: {method} {path}");
            if *want != 303 {
                assert_eq!(
                    audit_len(app).await,
                    before,
                    "{who}: {method} {path} changed something"
                );
            }
            checked += 1;
        }
    }
    checked
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
    // Expected status per role, in the order of ROLES. 303 = done, 422 = refused with a reason
    // on the page (a closed phase), 403 = not allowed, 404 = not visible to this role.
    let rows: Vec<Row<'_, _>> = vec![
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
    let checked = run_rows(&app, &mut browsers, &rows).await;
    println!(
        "permission matrix: {checked} requests, {} routes × {} roles",
        rows.len(),
        ROLES.len()
    );
}

/// Roles of the spaces matrix: in the private space made below, a member, a facilitator, a
/// moderator and an evaluator hold roles; the others hold none there.
const SPACE_ROLES: [(&str, Option<&str>); 9] = [
    ("anonymous", None),
    ("user", Some("cittadina@demo.example")),
    ("member", Some("ricercatore@demo.example")),
    ("facilitator", Some("assessora@demo.example")),
    ("moderator", Some("coordinatrice@demo.example")),
    ("evaluator", Some("facilitatore@demo.example")),
    ("admin of the owner", Some("funzionario@demo.example")),
    (
        "admin of another organisation",
        Some("associazione@demo.example"),
    ),
    ("instance admin", Some("admin@demo.example")),
];

async fn actor_of(app: &app::App, email: &str) -> domain::policy::Actor {
    let u = app
        .store
        .user_by_email(email)
        .await
        .expect("load")
        .expect("user");
    app::accounts::actor_of(app, &u).await.expect("actor")
}

#[tokio::test]
async fn every_space_route_answers_each_role_as_the_policy_says() {
    let app = demo_app().await;
    // A private space of Valdora with its roles, a debate and a comment in it.
    let official = actor_of(&app, "funzionario@demo.example").await;
    let slug = app::participation::create(
        &app,
        &official,
        "comune-di-valdora",
        &app::participation::ProcessInput {
            title: "Consulta riservata".into(),
            kind: "assembly".into(),
            slug: "consulta".into(),
            question: "Che cosa chiede la consulta alla giunta?".into(),
            promise: "La giunta risponde entro un mese.".into(),
            iap2: "involve".into(),
            private: "1".into(),
        },
    )
    .await
    .expect("create");
    app::participation::add_phase(
        &app,
        &official,
        &slug,
        &app::participation::PhaseInput {
            phase_kind: "commenting".into(),
            phase_title: "Discussione".into(),
            starts_on: "2020-01-01".into(),
            ends_on: "2099-12-31".into(),
        },
    )
    .await
    .expect("phase");
    app::participation::publish(&app, &official, &slug)
        .await
        .expect("publish");
    for (email, role) in [
        ("ricercatore@demo.example", "member"),
        ("assessora@demo.example", "facilitator"),
        ("coordinatrice@demo.example", "moderator"),
        ("facilitatore@demo.example", "evaluator"),
    ] {
        let input = app::spaces::RoleInput {
            email: email.into(),
            role: role.into(),
        };
        app::spaces::grant_role(&app, &official, &slug, &input)
            .await
            .expect("role");
    }
    let facilitator = actor_of(&app, "assessora@demo.example").await;
    let member = actor_of(&app, "ricercatore@demo.example").await;
    let debate_input = app::debates::DebateInput {
        title: "Quali priorità per il bilancio?".into(),
        body: "Raccogliamo le priorità della consulta.".into(),
    };
    let debate = app::debates::open(&app, &facilitator, &slug, &debate_input)
        .await
        .expect("debate");
    let cid = app::comments::add_on(
        &app,
        &member,
        &slug,
        app::comments::On::Debate(debate),
        &app::comments::CommentInput {
            comment: "Prima di tutto la scuola.".into(),
            alignment: "0".into(),
            parent: None,
        },
    )
    .await
    .expect("comment");
    let association = app
        .store
        .org_by_slug("associazione-orti-di-quartiere")
        .await
        .expect("load")
        .expect("org")
        .id;
    let process_id = app
        .store
        .process_by_slug(&slug)
        .await
        .expect("load")
        .expect("process")
        .id;

    let mut browsers = Vec::new();
    for (i, (who, email)) in SPACE_ROLES.iter().enumerate() {
        let mut b = Browser::new(&app, &format!("127.0.0.1:{}", 46000 + i));
        if let Some(e) = email {
            b.login(e, app::demo::PASSWORD).await;
        }
        browsers.push((*who, b));
    }
    let space = format!("/processes/{slug}");
    let debate_path = format!("{space}/debates/{debate}");
    let cid_s = cid.to_string();
    let pid_s = process_id.to_string();
    let assoc_s = association.to_string();
    let comment_form = [("comment", "Sono d'accordo."), ("alignment", "0")];
    let new_debate = [
        ("title", "Un altro dibattito sulle priorità"),
        ("body", "Un contesto abbastanza lungo per il dibattito."),
    ];
    let grant = [("email", "cittadina@demo.example"), ("role", "member")];
    let keep_private = [("private", "1")];
    let follow = [
        ("kind", "process"),
        ("id", pid_s.as_str()),
        ("on", "1"),
        ("back", "/notifications"),
    ];
    let hide = [
        ("kind", "comment"),
        ("id", cid_s.as_str()),
        ("reason", "off-topic"),
        ("action", "hide"),
    ];
    let summary = [("summary", "La consulta mette la scuola al primo posto.")];
    let amend = [
        ("title", "Un titolo migliore per la proposta"),
        (
            "body",
            "Un testo migliore, più chiaro e più breve di prima.",
        ),
    ];
    let endorse = [("org", assoc_s.as_str())];
    let park = "/processes/il-futuro-del-parco-della-dora";
    let budget = "/processes/bilancio-partecipativo-2026/budgets/2";
    // Order of roles: anonymous, user, member, facilitator, moderator, evaluator, admin of the
    // owner, admin of another organisation, instance admin. Rows run in order: once the owner's
    // administrator has made the user a member (the roles row), the user sees the space.
    let rows: Vec<Row<'_, _>> = vec![
        (
            "GET",
            space.clone(),
            &[],
            [404, 404, 200, 200, 200, 200, 200, 404, 200],
        ),
        (
            "GET",
            format!("{space}/debates"),
            &[],
            [404, 404, 200, 200, 200, 200, 200, 404, 200],
        ),
        (
            "GET",
            debate_path.clone(),
            &[],
            [404, 404, 200, 200, 200, 200, 200, 404, 200],
        ),
        (
            "GET",
            format!("{space}/proposals"),
            &[],
            [404, 404, 200, 200, 200, 200, 200, 404, 200],
        ),
        (
            "POST",
            format!("{space}/debates"),
            &new_debate,
            [404, 404, 403, 303, 403, 403, 303, 404, 303],
        ),
        (
            "POST",
            format!("{debate_path}/comments"),
            &comment_form,
            [403, 404, 303, 303, 303, 303, 303, 404, 303],
        ),
        (
            "POST",
            format!("{debate_path}/comments/{cid}/vote"),
            &[("value", "1")],
            [403, 404, 422, 303, 303, 303, 303, 404, 303],
        ),
        (
            "POST",
            "/moderation/decide".into(),
            &hide,
            [403, 403, 403, 403, 303, 403, 303, 403, 303],
        ),
        (
            "POST",
            "/follow".into(),
            &follow,
            [403, 404, 303, 303, 303, 303, 303, 404, 303],
        ),
        (
            "POST",
            format!("{space}/roles"),
            &grant,
            [404, 404, 403, 403, 403, 403, 303, 404, 422],
        ),
        (
            "POST",
            format!("{space}/privacy"),
            &keep_private,
            [404, 403, 403, 403, 403, 403, 303, 404, 303],
        ),
        (
            "POST",
            format!("{space}/coorganisers"),
            &[("organisation", "no-such-organisation")],
            [404, 403, 403, 403, 403, 403, 422, 404, 422],
        ),
        // Closed by the facilitator first; then it is closed for the others too.
        (
            "POST",
            format!("{debate_path}/close"),
            &summary,
            [404, 403, 403, 303, 403, 403, 422, 404, 422],
        ),
        // The public park: its organisation's administrators and its facilitator (in the
        // demo, the account in the evaluator column) open debates.
        (
            "POST",
            format!("{park}/debates"),
            &new_debate,
            [403, 403, 403, 403, 403, 303, 303, 403, 303],
        ),
        (
            "POST",
            format!("{park}/proposals/1/amendments"),
            &amend,
            [403, 303, 303, 303, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            format!("{park}/proposals/1/endorse"),
            &endorse,
            [403, 403, 403, 403, 403, 403, 403, 303, 422],
        ),
        (
            "POST",
            format!("{park}/meetings/1/comments"),
            &comment_form,
            [403, 303, 303, 303, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            "/processes/piazza-del-mercato/results/1/comments".into(),
            &comment_form,
            [403, 303, 303, 303, 303, 303, 303, 303, 303],
        ),
        (
            "GET",
            "/notifications".into(),
            &[],
            [403, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        // Valdora's budgets: 2025 counted (budget 1), 2026 open (budget 2, projects 9…13).
        // Only verified residents of Valdora vote (the user column is one).
        (
            "GET",
            budget.to_string(),
            &[],
            [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            format!("{budget}/vote"),
            &[("project", "9"), ("confirm", "1")],
            [403, 303, 422, 422, 422, 422, 422, 422, 422],
        ),
        (
            "POST",
            format!("{budget}/paper"),
            &[("sheet", "S-1"), ("project", "10")],
            [403, 403, 403, 403, 403, 403, 303, 403, 303],
        ),
        (
            "POST",
            format!("{budget}/projects"),
            &[("title", "Un progetto"), ("cost", "100")],
            [403, 403, 403, 403, 403, 403, 422, 403, 422],
        ),
        (
            "GET",
            format!("{budget}/results"),
            &[],
            [409, 409, 409, 409, 409, 409, 200, 409, 200],
        ),
        (
            "GET",
            format!("{budget}/ballots"),
            &[],
            [409, 409, 409, 409, 409, 409, 200, 409, 200],
        ),
        (
            "POST",
            "/processes/bilancio-partecipativo-2026/budgets".into(),
            &[("title", "")],
            [403, 403, 403, 403, 403, 403, 422, 403, 422],
        ),
        (
            "GET",
            "/processes/bilancio-partecipativo-2025/budgets/1/results".into(),
            &[],
            [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            "/processes/bilancio-partecipativo-2025/budgets/1/election.pb".into(),
            &[],
            [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        // The park's opinion map (map 1, statements 1…12; the park's facilitator is the account
        // in the evaluator column). The user's statement is the 13th; the others repeat it.
        (
            "GET",
            format!("{park}/opinion/1"),
            &[],
            [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            format!("{park}/opinion/1/vote"),
            &[("statement", "1"), ("vote", "1")],
            [403, 303, 303, 303, 303, 303, 303, 303, 303],
        ),
        (
            "POST",
            format!("{park}/opinion/1/statements"),
            &[("statement", "Un'area cani recintata lontano dai giochi.")],
            [403, 303, 422, 422, 422, 422, 422, 422, 422],
        ),
        (
            "POST",
            format!("{park}/opinion/1/statements/13/moderate"),
            &[("decision", "accept")],
            [403, 403, 403, 403, 403, 303, 409, 403, 409],
        ),
        (
            "GET",
            format!("{park}/opinion/1/report"),
            &[],
            [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "GET",
            format!("{park}/opinion/1/votes.csv"),
            &[],
            [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "POST",
            format!("{park}/opinion/1/close"),
            &[],
            [403, 403, 403, 403, 403, 303, 409, 403, 409],
        ),
    ];
    let checked = run_rows(&app, &mut browsers, &rows).await;
    println!(
        "space permission matrix: {checked} requests, {} routes × {} roles",
        rows.len(),
        SPACE_ROLES.len()
    );
}
