//! The web shell as a visitor meets it: every page reachable from the home page answers in both
//! languages, with security headers and safe cookies; errors are translated; the OpenAPI
//! document matches its snapshot; every message id used by a page exists in both languages.

mod common;

use axum::http::StatusCode;
use common::{Browser, demo_app, links};
use std::collections::{BTreeSet, VecDeque};

/// Visits every page reachable from `/` (GET links only) and returns `(path, status)`.
async fn crawl(b: &mut Browser, lang: &str) -> Vec<(String, StatusCode)> {
    b.cookies.insert("lc_lang".into(), lang.into());
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from(["/".to_owned()]);
    let mut visited = Vec::new();
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) || seen.len() > 600 {
            continue;
        }
        let r = b.get(&path).await;
        check_headers(&path, &r);
        let html = r
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .starts_with("text/html");
        if html {
            assert!(
                r.body.contains(&format!("<html lang=\"{lang}\">")),
                "{path} is not in {lang}"
            );
            assert!(
                !r.body.contains("{ $"),
                "{path} shows an unfilled message argument"
            );
            for l in links(&r.body) {
                // Language links are followed on their own crawl.
                if !l.contains("lang=") {
                    queue.push_back(l);
                }
            }
        }
        visited.push((path, r.status));
    }
    visited
}

fn check_headers(path: &str, r: &common::Resp) {
    let h = |name: &str| {
        r.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let csp = h("content-security-policy");
    assert!(
        csp.contains("script-src 'self'")
            && !csp.contains("unsafe-inline")
            && csp.contains("frame-ancestors 'none'"),
        "{path}: CSP {csp}"
    );
    assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
    assert!(
        h("strict-transport-security").starts_with("max-age="),
        "{path}"
    );
    assert_eq!(
        h("referrer-policy"),
        "strict-origin-when-cross-origin",
        "{path}"
    );
    assert_eq!(h("x-frame-options"), "DENY", "{path}");
    for c in r.headers.get_all("set-cookie") {
        let c = c.to_str().unwrap_or_default();
        assert!(
            c.contains("; Path=/") && c.contains("; HttpOnly") && c.contains("; SameSite=Lax"),
            "{path}: cookie {c}"
        );
        if c.starts_with("__Host-") {
            assert!(
                c.contains("; Secure") && !c.contains("Domain="),
                "{path}: {c}"
            );
        }
    }
}

#[tokio::test]
async fn every_page_reachable_from_home_answers_200_in_both_languages() {
    let app = demo_app().await;
    for (who, login) in [
        ("anonymous", None),
        ("instance admin", Some("admin@demo.example")),
        ("network coordinator", Some("coordinatrice@demo.example")),
    ] {
        for lang in ["it", "en"] {
            let mut b = Browser::new(&app, "127.0.0.1:40000");
            if let Some(email) = login {
                b.login(email, app::demo::PASSWORD).await;
            }
            let pages = crawl(&mut b, lang).await;
            let bad: Vec<_> = pages.iter().filter(|(_, s)| *s != StatusCode::OK).collect();
            assert!(bad.is_empty(), "{who} in {lang}: {bad:?}");
            assert!(
                pages.len() > 60,
                "{who} in {lang}: only {} pages",
                pages.len()
            );
            let paths: Vec<&str> = pages.iter().map(|(p, _)| p.as_str()).collect();
            for must in [
                "/",
                "/organisations",
                "/networks",
                "/commitments",
                "/accessibility",
                "/demo/mail",
                "/api/v1/openapi.json",
                "/search",
                "/processes/il-futuro-del-parco-della-dora/proposals",
                "/processes/il-futuro-del-parco-della-dora/proposals/1",
            ] {
                assert!(
                    paths.contains(&must),
                    "{who} in {lang} did not reach {must}"
                );
            }
            if login == Some("admin@demo.example") {
                assert!(
                    paths.contains(&"/admin")
                        && paths.contains(&"/admin/organisations/new")
                        && paths.contains(&"/account")
                );
                assert!(
                    paths.iter().any(|p| p.ends_with("/edit"))
                        && paths.iter().any(|p| p.ends_with("/members"))
                );
            }
        }
    }
}

#[tokio::test]
async fn errors_are_translated_pages_or_the_json_envelope() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:40001");
    let r = b.get("/no-such-page?lang=it").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<h1>Pagina non trovata</h1>"));
    check_headers("/no-such-page", &r);
    let r = b.get("/organisations/nessuna?lang=en").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("<h1>Page not found</h1>"));
    let r = b.get("/admin").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("<h1>Not allowed</h1>") && r.body.contains("href=\"/login\""));
    let r = b.get("/api/v1/organisations/nessuna").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let json: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(json["errors"][0]["code"], "error-not-found");
    let r = b.get("/demo/mail").await;
    assert_eq!(r.status, StatusCode::OK, "demo mode");
}

#[tokio::test]
async fn the_api_lists_filters_and_shows_organisations() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:40002");
    let r = b.get("/api/v1/organisations?kind=municipality").await;
    let page: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(page["total"], 12);
    assert_eq!(page["items"][0]["name"], "Comune di Borgo San Carlo");
    let r = b.get("/api/v1/organisations?q=ATENEO%20pubbl").await;
    let page: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(
        page["items"].as_array().map(|a| a
            .iter()
            .map(|o| o["slug"].as_str().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()),
        Some(vec!["universita-delle-valli-alpine".to_owned()])
    );
    let r = b.get("/api/v1/organisations/comune-di-valdora").await;
    let org: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(org["territory_detail"]["istat_code"], "001901");
    assert_eq!(org["territory_detail"]["population"], 48230);
    assert_eq!(org["commitments"][0]["date"], "2019-05-14");
}

#[tokio::test]
async fn the_api_lists_proposals_and_searches() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:40003");
    let r = b
        .get("/api/v1/processes/il-futuro-del-parco-della-dora/proposals?order=supports")
        .await;
    let page: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(page["total"], 6);
    let supports: Vec<i64> = page["items"]
        .as_array()
        .map(|a| a.iter().filter_map(|p| p["supports"].as_i64()).collect())
        .unwrap_or_default();
    assert_eq!(supports, vec![52, 41, 35, 29, 18, 12]);
    let r = b
        .get("/api/v1/processes/piazza-del-mercato/proposals?answer=implemented&order=oldest")
        .await;
    let page: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(page["total"], 2);
    assert_eq!(
        page["items"][1]["title"],
        "Fontana restaurata e accessibile"
    );
    let id = page["items"][1]["id"].as_i64().expect("id");
    let r = b
        .get(&format!(
            "/api/v1/processes/piazza-del-mercato/proposals/{id}"
        ))
        .await;
    let one: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(one["answer"], "implemented");
    assert_eq!(one["cost"], 40000);
    let r = b
        .get("/api/v1/processes/piazza-del-mercato/proposals/999999")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = b.get("/api/v1/search?q=fontanelle+bagni").await;
    let hits: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(hits["total"], 1);
    assert_eq!(
        hits["items"][0]["title"],
        "Fontanelle e bagni pubblici aperti tutto l'anno"
    );
    assert_eq!(hits["kinds"]["proposal"], 1);
}

#[test]
fn the_openapi_document_matches_its_snapshot() {
    let path = format!(
        "{}/tests/snapshots/openapi.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let now = learning_city_web::api::openapi_json();
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(format!("{}/tests/snapshots", env!("CARGO_MANIFEST_DIR")))
            .expect("dir");
        std::fs::write(&path, &now).expect("write snapshot");
    }
    let stored = std::fs::read_to_string(&path)
        .expect("snapshot (run with UPDATE_SNAPSHOTS=1 to create it)");
    assert_eq!(
        stored, now,
        "the API changed: review it, then run with UPDATE_SNAPSHOTS=1"
    );
    let doc: serde_json::Value = serde_json::from_str(&now).expect("json");
    let paths: Vec<&String> = doc["paths"].as_object().expect("paths").keys().collect();
    assert_eq!(
        paths,
        [
            "/api/v1/organisations",
            "/api/v1/organisations/{slug}",
            "/api/v1/processes",
            "/api/v1/processes/{slug}",
            "/api/v1/processes/{slug}/debates",
            "/api/v1/processes/{slug}/proposals",
            "/api/v1/processes/{slug}/proposals/{id}",
            "/api/v1/search"
        ]
    );
}

#[test]
fn every_message_id_used_by_a_page_exists_in_both_languages() {
    let dir = format!("{}/templates", env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("templates") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("template");
        for call in ["c.t(\"", "c.t1(\""] {
            for piece in text.split(call).skip(1) {
                let key = piece.split('"').next().unwrap_or_default();
                count += 1;
                if !app::i18n::has(key) {
                    missing.push(key.to_owned());
                }
            }
        }
    }
    assert!(count > 150, "only {count} message uses found");
    assert_eq!(missing, Vec::<String>::new());
}

/// Keys that pages build from a code (`format!("search-kind-{kind}")` and the like) exist in both
/// languages for every code the platform produces.
#[test]
fn every_message_id_built_from_a_code_exists_in_both_languages() {
    use domain::participation::{DigestFrequency, SpaceRole};
    use engines::budgeting::rules::NotChosen;
    let mut keys: Vec<String> = Vec::new();
    keys.extend(
        app::search::KINDS
            .iter()
            .map(|k| format!("search-kind-{k}")),
    );
    keys.extend(
        SpaceRole::ALL
            .iter()
            .map(|r| format!("space-role-{}", r.code())),
    );
    keys.extend(
        DigestFrequency::ALL
            .iter()
            .map(|f| format!("digest-{}", f.code())),
    );
    keys.extend(
        app::budgets::RULES
            .iter()
            .map(|r| format!("budget-rule-{}", r.code())),
    );
    keys.extend(
        [
            NotChosen::NoSupport,
            NotChosen::DidNotFit,
            NotChosen::SupportersRanOut,
            NotChosen::BelowThreshold,
            NotChosen::PoolFull,
            NotChosen::RuleStopped,
        ]
        .iter()
        .map(|n| format!("budget-not-chosen-{}", n.code())),
    );
    keys.extend(["online", "paper"].map(|c| format!("budget-channel-{c}")));
    keys.extend(["pending", "accepted", "rejected"].map(|s| format!("amendment-{s}")));
    keys.extend(["1", "-1", "0"].map(|v| format!("opinion-you-voted-{v}")));
    keys.extend(["agree", "disagree"].map(|d| format!("opinion-direction-{d}")));
    keys.extend(
        [
            "comment",
            "debate-opened",
            "debate-closed",
            "proposal-published",
            "proposal-answered",
            "amendment-proposed",
            "amendment-accepted",
            "amendment-rejected",
        ]
        .map(|k| format!("notification-{k}")),
    );
    let missing: Vec<&String> = keys.iter().filter(|k| !app::i18n::has(k)).collect();
    assert_eq!(missing, Vec::<&String>::new());
}
