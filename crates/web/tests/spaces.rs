//! The demo's spaces through the web face: the debates API, private spaces kept out of every
//! public list, search and API, and pages that show roles, co-organisers and assemblies.

mod common;

use axum::http::StatusCode;
use common::{Browser, demo_app};

#[tokio::test]
async fn debates_are_in_the_api_and_private_spaces_are_nowhere_public() {
    let app = demo_app().await;
    let mut b = Browser::new(&app, "127.0.0.1:47001");
    let r = b
        .get("/api/v1/processes/il-futuro-del-parco-della-dora/debates")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let list: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    let list = list.as_array().expect("array");
    assert_eq!(list.len(), 1);
    assert_eq!(
        list[0]["title"],
        "Il parco deve restare aperto anche di notte?"
    );
    assert_eq!(list[0]["state"], "open");
    assert_eq!(list[0]["comments"], 5);
    let r = b.get("/api/v1/processes/piazza-del-mercato/debates").await;
    let list: serde_json::Value = serde_json::from_str(&r.body).expect("json");
    assert_eq!(list[0]["state"], "closed");
    assert!(
        list[0]["summary"]
            .as_str()
            .expect("summary")
            .starts_with("Il mercato si sposta")
    );

    // The private working group: not in the API, the lists, the search, the organisation page.
    let private = "regolamento-partecipazione";
    for path in [
        format!("/api/v1/processes/{private}"),
        format!("/api/v1/processes/{private}/debates"),
        format!("/processes/{private}"),
        format!("/processes/{private}/debates/3"),
    ] {
        assert_eq!(b.get(&path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [
        "/api/v1/processes",
        "/processes",
        "/organisations/comune-di-valdora",
        "/search?q=quorum+referendum",
        "/api/v1/search?q=quorum",
    ] {
        let r = b.get(path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(!r.body.contains(private), "{path} shows the private space");
        assert!(
            !r.body.contains("Quorum"),
            "{path} shows the private debate"
        );
    }
    // Debates are found by search, under their own kind.
    let r = b.get("/search?q=notte+cancelli").await;
    assert!(r.body.contains("Dibattiti (1)"), "debates facet");
    assert!(!r.body.contains("search-kind-"), "every kind has a label");

    // Its member sees it, with the people who hold roles.
    b.login("assessora@demo.example", app::demo::PASSWORD).await;
    let r = b.get(&format!("/processes/{private}")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Spazio riservato"));
    let r = b.get("/processes").await;
    assert!(r.body.contains(private));

    // The assembly lists its members and facilitator; the youth centre its co-organiser.
    let r = b.get("/processes/consulta-giovani-valdora").await;
    assert!(r.body.contains("Assemblea (organo permanente)"));
    assert_eq!(
        r.body
            .matches("<span class=\"badge\">membro</span>")
            .count(),
        6
    );
    assert_eq!(
        r.body
            .matches("<span class=\"badge\">facilitatore</span>")
            .count(),
        1
    );
    let r = b.get("/processes/centro-giovani-san-michele").await;
    assert!(
        r.body
            .contains("/organisations/officina-comune-impresa-sociale")
    );
}
