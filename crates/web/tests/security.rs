//! Security of the shell: CSRF, the permission matrix over every route that changes or reveals
//! an organisation's data, log-in rate limits, and bad input that stores nothing.

mod common;

use axum::http::StatusCode;
use common::{Browser, demo_app, demo_app_with, encode};

async fn audit_len(app: &app::App) -> i64 {
    store::audit::recent(&app.store, 1)
        .await
        .expect("audit")
        .first()
        .map(|e| e.seq)
        .unwrap_or(0)
}

async fn jobs_len(app: &app::App) -> usize {
    app.store.jobs().await.expect("jobs").len()
}

#[tokio::test]
async fn forms_without_the_token_or_from_another_origin_are_refused_and_change_nothing() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:41000");
    b.login("cittadina@demo.example", app::demo::PASSWORD).await;
    let before = audit_len(&app).await;

    let no_token = b
        .post_raw(
            "/account",
            &encode(&[("name", "Rubata"), ("lang", "en")]),
            Some("http://127.0.0.1:8080"),
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    assert!(
        no_token.body.contains("Il modulo è scaduto"),
        "translated refusal"
    );

    let wrong = b
        .post_raw(
            "/account",
            &encode(&[
                ("csrf", &"0".repeat(64)),
                ("name", "Rubata"),
                ("lang", "en"),
            ]),
            None,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);

    let csrf = b.csrf();
    let foreign = b
        .post_raw(
            "/account",
            &encode(&[("csrf", &csrf), ("name", "Rubata"), ("lang", "en")]),
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(foreign.status, StatusCode::FORBIDDEN);
    assert!(foreign.body.contains("proviene da un altro sito"));

    let null_origin = b
        .post_raw("/logout", &encode(&[("csrf", &csrf)]), Some("null"))
        .await;
    assert_eq!(null_origin.status, StatusCode::FORBIDDEN);

    assert_eq!(audit_len(&app).await, before, "nothing changed");
    let user = app
        .store
        .user_by_email("cittadina@demo.example")
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(user.name, "Anna Ferrero");

    let ok = b
        .post(
            "/account",
            &[("name", "Anna Ferrero Bianchi"), ("lang", "en")],
        )
        .await;
    assert_eq!(
        (ok.status, ok.location()),
        (StatusCode::SEE_OTHER, "/account?notice=notice-saved")
    );
    assert_eq!(audit_len(&app).await, before + 1);
}

/// An administrator of the Comune di Valdora (A) tries every route of the shell against the
/// Comune di Borgo San Carlo (B), the networks and the administration: all refused, nothing
/// changed, no mail queued. The same routes on A work.
#[tokio::test]
async fn an_organisation_admin_of_a_cannot_change_b() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:41001");
    b.login("funzionario@demo.example", app::demo::PASSWORD)
        .await;
    let other = "comune-di-borgo-san-carlo";
    let other_org = app
        .store
        .org_by_slug(other)
        .await
        .expect("load")
        .expect("exists");
    let bea = app
        .store
        .user_by_email("assessora@demo.example")
        .await
        .expect("l")
        .expect("e");
    let before = (audit_len(&app).await, jobs_len(&app).await);

    let gets = [
        format!("/organisations/{other}/edit"),
        format!("/organisations/{other}/members"),
        "/admin".into(),
        "/admin/organisations/new".into(),
    ];
    for path in &gets {
        let r = b.get(path).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "GET {path}");
        assert!(
            !r.body.contains("@demo.example"),
            "GET {path} reveals no member address"
        );
    }
    let edit = [
        ("name", "Comune Dirottato"),
        ("description", "x"),
        ("territory_name", "Borgo San Carlo"),
        ("istat_code", "001902"),
        ("nuts3", "ITC11"),
        ("population", "1"),
    ];
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (format!("/organisations/{other}/edit"), edit.to_vec()),
        (
            format!("/organisations/{other}/members/invite"),
            vec![("email", "intruso@example.org"), ("role", "admin")],
        ),
        (
            format!("/organisations/{other}/members/{}", bea.id),
            vec![("role", "admin")],
        ),
        (
            "/networks/rete-citta-che-apprendono-valli-alpine/members".into(),
            vec![("org", "comune-di-valdora"), ("since", "2020-01-01")],
        ),
        (
            "/commitments/carta-della-partecipazione/sign".into(),
            vec![("org", other), ("date", "2024-01-01")],
        ),
        (
            "/admin/roles".into(),
            vec![
                ("email", "funzionario@demo.example"),
                ("org", other),
                ("role", "admin"),
            ],
        ),
        (
            "/admin/organisations".into(),
            vec![("name", "Nuovo Ente"), ("kind", "association")],
        ),
    ];
    for (path, fields) in &posts {
        let r = b.post(path, fields).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "POST {path}: {}",
            r.body.len()
        );
    }
    assert_eq!(
        (audit_len(&app).await, jobs_len(&app).await),
        before,
        "nothing changed, nothing queued"
    );
    let after = app
        .store
        .org_by_slug(other)
        .await
        .expect("load")
        .expect("exists");
    assert_eq!(after, other_org);

    // The same routes on their own organisation work.
    let own = "comune-di-valdora";
    assert_eq!(
        b.get(&format!("/organisations/{own}/edit")).await.status,
        StatusCode::OK
    );
    let members = b.get(&format!("/organisations/{own}/members")).await;
    assert!(members.status == StatusCode::OK && members.body.contains("assessora@demo.example"));
    let mine = [
        ("name", "Comune di Valdora"),
        ("description", "Nuova descrizione"),
        ("territory_name", "Valdora"),
        ("istat_code", "001901"),
        ("nuts3", "ITC11"),
        ("population", "48230"),
    ];
    let r = b.post(&format!("/organisations/{own}/edit"), &mine).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = b
        .post(
            &format!("/organisations/{own}/members/invite"),
            &[("email", "nuovo@example.org"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = b
        .post(
            "/commitments/carta-della-partecipazione/sign",
            &[("org", own), ("date", "2024-01-01")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "Valdora already signed the charter"
    );
    assert!(r.body.contains("ha già sottoscritto") || r.body.contains("already signed"));

    // A plain member sees the members but cannot manage them.
    let mut m = Browser::new(&app, "127.0.0.1:41002");
    m.login("assessora@demo.example", app::demo::PASSWORD).await;
    let page = m.get(&format!("/organisations/{own}/members")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("/members/invite"));
    assert_eq!(
        m.post(
            &format!("/organisations/{own}/members/invite"),
            &[("email", "x@example.org"), ("role", "admin")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    // Anonymous visitors neither.
    let mut anon = Browser::new(&app, "127.0.0.1:41003");
    assert_eq!(
        anon.get(&format!("/organisations/{own}/members"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        anon.post(&format!("/organisations/{own}/edit"), &mine)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn two_hundred_wrong_passwords_from_one_address_are_refused_while_the_owner_logs_in_from_another()
 {
    let app = demo_app().await;
    let mut attacker = Browser::new(&app, "203.0.113.50:5555");
    let mut refused = 0;
    let mut wrong = 0;
    for _ in 0..200 {
        let r = attacker
            .post(
                "/login",
                &[
                    ("email", "admin@demo.example"),
                    ("password", "guess-guess-guess"),
                    ("next", "/"),
                ],
            )
            .await;
        match r.status {
            StatusCode::TOO_MANY_REQUESTS => {
                refused += 1;
                assert!(
                    r.body.contains("Troppi tentativi"),
                    "translated, and says nothing of the account"
                );
            }
            StatusCode::UNPROCESSABLE_ENTITY => wrong += 1,
            s => panic!("unexpected {s}"),
        }
    }
    assert_eq!((wrong, refused), (10, 190));
    let unknown = attacker
        .post(
            "/login",
            &[
                ("email", "nobody@demo.example"),
                ("password", "guess-guess-guess"),
            ],
        )
        .await;
    assert_eq!(
        unknown.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same answer for an unknown account"
    );

    let mut owner = Browser::new(&app, "198.51.100.20:6000");
    let r = owner.login("admin@demo.example", app::demo::PASSWORD).await;
    assert_eq!(r.location(), "/account");
    assert!(owner.cookies.contains_key("__Host-lc_session"));
    assert_eq!(owner.get("/admin").await.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_registrations_are_explained_next_to_the_field_keep_what_was_typed_and_store_nothing() {
    let app = demo_app().await;
    let users = app.store.count_users().await.expect("count");
    let long_name = "x".repeat(10_000);
    let cases: [(&str, &str, &str, &str, &str, &str); 4] = [
        (
            "it",
            "Mario Bianchi",
            "mario@@example",
            "una frase lunga",
            "email",
            "Scrivi un indirizzo email valido",
        ),
        (
            "en",
            "Mario Bianchi",
            "mario@example.org",
            "short",
            "password",
            "The password must have at least 10 characters.",
        ),
        (
            "it",
            &long_name,
            "mario@example.org",
            "una frase lunga",
            "name",
            "Il nome può avere al massimo 100 caratteri.",
        ),
        (
            "en",
            "<b>Mario</b>",
            "mario@example.org",
            "una frase lunga",
            "name",
            "The name cannot contain the characters &#60; and &#62;.",
        ),
    ];
    for (lang, name, email, password, field, message) in cases {
        let mut b = Browser::new(&app, "127.0.0.1:42000");
        b.cookies.insert("lc_lang".into(), lang.into());
        let r = b
            .post(
                "/register",
                &[("name", name), ("email", email), ("password", password)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let error_block = r
            .body
            .split(&format!("id=\"e-{field}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("no message next to {field}"));
        assert!(
            error_block
                .split("</p>")
                .next()
                .unwrap_or_default()
                .contains(message),
            "{field}: {message}"
        );
        assert!(
            r.body
                .contains(&format!("aria-describedby=\"h-{field} e-{field}\""))
                || r.body.contains(&format!("aria-describedby=\"e-{field}\""))
        );
        assert!(
            r.body.contains("class=\"error-summary\""),
            "error summary at the top"
        );
        if field != "name" {
            assert!(
                r.body.contains(&format!(
                    "value=\"{}\"",
                    name.replace('<', "&#60;").replace('>', "&#62;")
                )),
                "name kept"
            );
        }
        assert!(r.body.contains(&format!("value=\"{email}\"")), "email kept");
        assert!(
            !r.body.contains(&format!("value=\"{password}\"")),
            "password never echoed"
        );
        assert!(!r.body.contains("<b>Mario</b>"), "markup shown as text");
    }
    assert_eq!(app.store.count_users().await.expect("count"), users);
}

/// Pages kept for anonymous readers: each visitor's forms carry their own CSRF token, a write
/// shows at once, a person logged in gets a page of their own, and a change this process did not
/// make (another server on the same database) shows once the kept page is older than the
/// cache's time.
#[tokio::test]
async fn anonymous_readers_pages_are_kept_until_a_write_with_each_visitor_s_own_token() {
    let app = demo_app_with(app::Config {
        page_cache_ms: 3000,
        ..Default::default()
    })
    .await;
    let mut first = Browser::new(&app, "127.0.0.1:43100");
    let mut second = first.sharing("127.0.0.1:43101");
    let a = first.get("/login").await;
    let b = second.get("/login").await;
    let (token_a, token_b) = (first.csrf(), second.csrf());
    assert_eq!((token_a.len(), token_b.len()), (64, 64));
    assert_ne!(token_a, token_b);
    assert!(a.body.contains(&format!("value=\"{token_a}\"")));
    assert!(b.body.contains(&format!("value=\"{token_b}\"")));
    assert!(
        !b.body.contains(&token_a),
        "a kept page leaked another visitor's token"
    );
    // The language is part of what tells kept pages apart.
    let mut english = first.sharing("127.0.0.1:43102");
    let en = english.get("/login?lang=en").await;
    assert!(en.body.contains("<html lang=\"en\""));
    assert!(
        english
            .get("/login")
            .await
            .body
            .contains("<html lang=\"en\"")
    );
    let mut italian = first.sharing("127.0.0.1:43103");
    assert!(
        italian
            .get("/login")
            .await
            .body
            .contains("<html lang=\"it\"")
    );
    // The second visitor's token works for logging in.
    second
        .login("associazione@demo.example", app::demo::PASSWORD)
        .await;
    let own = second.get("/login").await;
    assert!(
        own.body.contains("action=\"/logout\""),
        "logged in, yet served the kept page"
    );
    assert!(
        !first
            .get("/login")
            .await
            .body
            .contains("action=\"/logout\"")
    );

    let path = "/organisations/associazione-orti-di-quartiere";
    assert!(!first.get(path).await.body.contains("Orti aperti il sabato"));
    let r = second
        .post(
            &format!("{path}/edit"),
            &[
                ("name", "Associazione Orti di Quartiere"),
                ("description", "Orti aperti il sabato"),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(first.get(path).await.body.contains("Orti aperti il sabato"));

    // Another server writes to the same database: this one keeps its page for a while...
    sqlx::query("UPDATE organisations SET description = 'Orti aperti la domenica' WHERE slug = $1")
        .bind("associazione-orti-di-quartiere")
        .execute(app.store.pool())
        .await
        .expect("update");
    let kept = first.get(path).await;
    assert!(
        kept.body.contains("Orti aperti il sabato"),
        "the page was not kept"
    );
    // ...and once it is older than the cache's time, serves it one last time while rendering it
    // afresh behind the reader.
    tokio::time::sleep(std::time::Duration::from_millis(3200)).await;
    assert!(first.get(path).await.body.contains("Orti aperti il sabato"));
    let mut fresh = false;
    for _ in 0..100 {
        if first
            .get(path)
            .await
            .body
            .contains("Orti aperti la domenica")
        {
            fresh = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(fresh, "the page was never rendered afresh");
}

#[tokio::test]
async fn html_in_stored_text_is_shown_as_text_everywhere() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:43000");
    b.login("associazione@demo.example", app::demo::PASSWORD)
        .await;
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    let r = b
        .post(
            "/organisations/associazione-orti-di-quartiere/edit",
            &[
                ("name", "Associazione Orti di Quartiere"),
                ("description", evil),
                ("website", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for path in [
        "/organisations/associazione-orti-di-quartiere",
        "/organisations/associazione-orti-di-quartiere/edit",
        "/organisations?q=orti",
    ] {
        let page = b.get(path).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            !page.body.contains("<script>alert(1)") && !page.body.contains("<img src=x"),
            "{path} shows markup raw"
        );
    }
    let profile = b.get("/organisations/associazione-orti-di-quartiere").await;
    assert!(
        profile.body.contains(
            "&#60;script&#62;alert(1)&#60;/script&#62;&#60;img src=x onerror=alert(2)&#62;"
        )
    );
    // JSON carries the text as data, never as a page: typed, not sniffed.
    let api = b
        .get("/api/v1/organisations/associazione-orti-di-quartiere")
        .await;
    assert_eq!(
        api.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let json: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    assert_eq!(json["description"], evil);
}

/// Process routes: an administrator of another organisation, a plain member and an anonymous
/// visitor can neither create, extend nor publish a municipality's process; drafts are not found.
#[tokio::test]
async fn process_routes_belong_to_their_organisation() {
    let app = demo_app().await;
    let mut official = Browser::new(&app, "127.0.0.1:44000");
    official
        .login("funzionario@demo.example", app::demo::PASSWORD)
        .await;
    let form = [
        ("title", "Orari della biblioteca"),
        ("kind", "consultation"),
        ("question", "Quali orari preferisci?"),
        ("promise", "Risponderemo entro 30 giorni."),
        ("iap2", "consult"),
    ];
    let created = official
        .post("/organisations/comune-di-valdora/processes", &form)
        .await;
    assert_eq!(
        (created.status, created.location()),
        (
            StatusCode::SEE_OTHER,
            "/processes/orari-della-biblioteca?notice=notice-created"
        )
    );
    let draft = official.get("/processes/orari-della-biblioteca").await;
    assert!(draft.status == StatusCode::OK && draft.body.contains("Bozza"));

    let phase = [
        ("phase_kind", "proposing"),
        ("phase_title", "Proposte"),
        ("starts_on", "2027-01-01"),
        ("ends_on", "2027-01-31"),
    ];
    let mut others = Vec::new();
    for (who, email) in [
        (
            "admin of another organisation",
            Some("associazione@demo.example"),
        ),
        ("member", Some("assessora@demo.example")),
        ("anonymous", None),
    ] {
        let mut b = Browser::new(&app, "127.0.0.1:44001");
        if let Some(e) = email {
            b.login(e, app::demo::PASSWORD).await;
        }
        others.push((who, b));
    }
    let before = (audit_len(&app).await, jobs_len(&app).await);
    for (who, b) in others.iter_mut() {
        assert_eq!(
            b.get("/processes/orari-della-biblioteca").await.status,
            StatusCode::NOT_FOUND,
            "{who} sees the draft"
        );
        assert_eq!(
            b.get("/organisations/comune-di-valdora/processes/new")
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(
            b.post("/organisations/comune-di-valdora/processes", &form)
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert_eq!(
            b.post("/processes/orari-della-biblioteca/phases", &phase)
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
        assert_eq!(
            b.post("/processes/orari-della-biblioteca/publish", &[])
                .await
                .status,
            StatusCode::NOT_FOUND,
            "{who}"
        );
        assert_eq!(
            b.post("/processes/il-futuro-del-parco-della-dora/phases", &phase)
                .await
                .status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
    }
    assert_eq!(
        (audit_len(&app).await, jobs_len(&app).await),
        before,
        "nothing changed"
    );

    let bad = official
        .post(
            "/processes/orari-della-biblioteca/phases",
            &[
                ("phase_kind", "proposing"),
                ("phase_title", "Proposte"),
                ("starts_on", "2027-02-01"),
                ("ends_on", "2027-01-01"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("La fine non può precedere l&#39;inizio.")
            && bad.body.contains("value=\"2027-02-01\"")
    );
    let early = official
        .post("/processes/orari-della-biblioteca/publish", &[])
        .await;
    assert_eq!(early.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        early
            .body
            .contains("Aggiungi almeno una fase prima di pubblicare.")
    );
    assert_eq!(
        official
            .post("/processes/orari-della-biblioteca/phases", &phase)
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        official
            .post("/processes/orari-della-biblioteca/publish", &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let mut anon = Browser::new(&app, "127.0.0.1:44002");
    let public = anon.get("/processes/orari-della-biblioteca").await;
    assert!(
        public.status == StatusCode::OK && public.body.contains("Risponderemo entro 30 giorni.")
    );
    let api = anon.get("/api/v1/processes/orari-della-biblioteca").await;
    let v: serde_json::Value = serde_json::from_str(&api.body).expect("json");
    assert_eq!(v["phases"][0]["starts_on"], "2027-01-01");
}

/// A census file sent as `multipart/form-data`, as the upload form does.
fn census_upload(
    path: &str,
    csv: &str,
    origin: Option<&str>,
) -> axum::http::Request<axum::body::Body> {
    let boundary = "lc-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"census\"; filename=\"census.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let mut req = axum::http::Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(axum::body::Body::from(body))
        .expect("request");
    if let Some(o) = origin {
        req.headers_mut()
            .insert("origin", o.parse().expect("origin"));
    }
    req
}

#[tokio::test]
async fn census_uploads_need_the_token_a_same_site_origin_and_the_organisation_s_admin() {
    let app = demo_app().await;
    let csv = "codice_fiscale;data_nascita\nRSSMRA85T10A562S;10/12/1985\n";
    let mut official = Browser::new(&app, "127.0.0.1:46000");
    official
        .login("funzionario@demo.example", app::demo::PASSWORD)
        .await;
    let token = official.csrf();
    let path = format!("/organisations/comune-di-valdora/census?csrf={token}");
    let mut other = Browser::new(&app, "127.0.0.1:46001");
    other
        .login("associazione@demo.example", app::demo::PASSWORD)
        .await;
    let before = audit_len(&app).await;
    for (label, req) in [
        (
            "no token",
            census_upload(
                "/organisations/comune-di-valdora/census",
                csv,
                Some("http://127.0.0.1:8080"),
            ),
        ),
        (
            "wrong token",
            census_upload(
                "/organisations/comune-di-valdora/census?csrf=forged",
                csv,
                Some("http://127.0.0.1:8080"),
            ),
        ),
        ("no origin", census_upload(&path, csv, None)),
        (
            "foreign origin",
            census_upload(&path, csv, Some("https://evil.example")),
        ),
    ] {
        let r = official.send(req).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{label}");
    }
    let other_path = format!(
        "/organisations/comune-di-valdora/census?csrf={}",
        other.csrf()
    );
    let r = other
        .send(census_upload(
            &other_path,
            csv,
            Some("http://127.0.0.1:8080"),
        ))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "another organisation's admin"
    );
    assert_eq!(audit_len(&app).await, before, "nothing changed");

    let bad = official
        .send(census_upload(
            &path,
            "id;date\nRSSMRA85T10A562X;1985-12-10\n",
            Some("http://127.0.0.1:8080"),
        ))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Riga 2"), "{}", bad.body);
    assert_eq!(
        audit_len(&app).await,
        before,
        "a refused file changes nothing"
    );
    let ok = official
        .send(census_upload(&path, csv, Some("http://127.0.0.1:8080")))
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.body.contains("1 record letto."), "{}", ok.body);
}
