//! Storage contract: the two migration trees stay in step, and the engine-specific pieces
//! (job claiming, integrity check, the data version, planner statistics) behave the same on
//! both engines.

use learning_city_store::audit::{self, Event, Verdict};
use learning_city_store::testing::stores;
use std::collections::BTreeSet;

fn migration_names(engine: &str) -> BTreeSet<String> {
    let dir = format!("{}/migrations/{engine}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_migration_has_its_twin() {
    let (sqlite, postgres) = (migration_names("sqlite"), migration_names("postgres"));
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres must hold the same files"
    );
}

#[tokio::test]
async fn jobs_are_claimed_once_retried_and_finished() {
    for store in stores().await.expect("stores") {
        let mut tx = store.write().await.expect("tx");
        let id = tx
            .enqueue("mail.send", &serde_json::json!({"to": "a@b.it"}), 100, 2)
            .await
            .expect("enqueue");
        tx.commit().await.expect("commit");

        let job = store
            .claim_job(100, 60)
            .await
            .expect("claim")
            .expect("a job is due");
        assert_eq!((job.id, job.attempts), (id, 1));
        assert!(
            store.claim_job(100, 60).await.expect("claim").is_none(),
            "a running job is not claimed twice"
        );

        store.fail_job(&job, "smtp down", 110).await.expect("fail");
        assert!(
            store.claim_job(105, 60).await.expect("claim").is_none(),
            "not before its retry time"
        );
        let again = store
            .claim_job(110, 60)
            .await
            .expect("claim")
            .expect("due again");
        assert_eq!(again.attempts, 2);
        store
            .fail_job(&again, "smtp down", 120)
            .await
            .expect("fail");
        let rows = store.jobs().await.expect("jobs");
        assert_eq!(
            rows[0].status,
            "failed",
            "{:?}: gives up after max attempts",
            store.backend()
        );
        assert_eq!(rows[0].last_error.as_deref(), Some("smtp down"));

        // A job whose worker died is taken over once its lock expires.
        let mut tx = store.write().await.expect("tx");
        tx.enqueue("mail.send", &serde_json::json!({}), 200, 3)
            .await
            .expect("enqueue");
        tx.commit().await.expect("commit");
        let first = store.claim_job(200, 60).await.expect("claim").expect("job");
        assert!(store.claim_job(259, 60).await.expect("claim").is_none());
        let taken_over = store
            .claim_job(261, 60)
            .await
            .expect("claim")
            .expect("expired lock");
        assert_eq!(taken_over.id, first.id);
        store
            .complete_job(taken_over.id, 262)
            .await
            .expect("complete");
        assert_eq!(store.jobs().await.expect("jobs")[1].status, "done");
        assert!(store.integrity_check().await.expect("check").is_empty());
    }
}

#[tokio::test]
async fn concurrent_writers_keep_the_audit_chain_intact() {
    for store in stores().await.expect("stores") {
        let mut tasks = Vec::new();
        for i in 0..40 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let mut tx = store.write().await.expect("tx");
                tx.audit(Event {
                    at: i,
                    actor: None,
                    action: "test.write",
                    subject: format!("n:{i}"),
                    details: serde_json::json!({"i": i}),
                })
                .await
                .expect("audit");
                tx.commit().await.expect("commit");
            }));
        }
        for t in tasks {
            t.await.expect("task");
        }
        assert_eq!(
            audit::verify(&store).await.expect("verify"),
            Verdict::Intact { entries: 40 },
            "{:?}",
            store.backend()
        );
        // Every committed writer moved the data version once (what the page cache keys on).
        assert_eq!(store.data_version(), 40);
        let dropped = store.write().await.expect("tx");
        drop(dropped);
        assert_eq!(
            store.data_version(),
            40,
            "a rolled-back writer changes nothing"
        );
        // Refreshing the planner's statistics (VACUUM ANALYZE on PostgreSQL, outside any
        // transaction) works on both engines.
        store.analyze().await.expect("analyze");
    }
}

#[tokio::test]
async fn directory_search_finds_the_same_organisations_on_both_engines() {
    use learning_city_store::organisations::{OrgFields, OrgFilter};
    let mut hits = Vec::new();
    for store in stores().await.expect("stores") {
        let mut tx = store.write().await.expect("tx");
        for (slug, name, kind, description) in [
            (
                "universita-valli",
                "Università delle Valli",
                "university",
                "Ateneo pubblico",
            ),
            (
                "comune-forli",
                "Comune di Forlì",
                "municipality",
                "Città della Romagna",
            ),
            (
                "assoc-citta",
                "Associazione Città Aperta",
                "association",
                "Cittadinanza attiva",
            ),
            (
                "scuola-x",
                "Scuola Primaria",
                "school",
                "Percorsi per bambine e bambini",
            ),
        ] {
            let f = OrgFields {
                slug,
                name,
                kind,
                description,
                website: None,
                email: None,
                territory_id: None,
                default_lang: "it",
            };
            tx.insert_org(&f, 1).await.expect("insert");
        }
        tx.commit().await.expect("commit");
        let mut found = Vec::new();
        for (text, kind) in [
            ("citta", None),
            ("CITTÀ aper", None),
            ("universita", Some("university")),
            ("forli", Some("school")),
            ("", None),
        ] {
            let filter = OrgFilter {
                kind: kind.map(str::to_owned),
                territory_id: None,
                text: Some(text.to_owned()),
            };
            let (rows, total) = store.list_orgs(&filter, 2, 0).await.expect("list");
            found.push((rows.into_iter().map(|o| o.slug).collect::<Vec<_>>(), total));
        }
        let (past_end, total) = store
            .list_orgs(&OrgFilter::default(), 2, 10)
            .await
            .expect("list");
        assert!(past_end.is_empty());
        assert_eq!(total, 4, "a page past the end still counts every match");
        hits.push(found);
    }
    assert_eq!(
        hits[0],
        vec![
            (vec!["assoc-citta".to_owned(), "comune-forli".to_owned()], 2),
            (vec!["assoc-citta".to_owned()], 1),
            (vec!["universita-valli".to_owned()], 1),
            (vec![], 0),
            (vec!["assoc-citta".to_owned(), "comune-forli".to_owned()], 4),
        ]
    );
    for other in &hits[1..] {
        assert_eq!(
            other, &hits[0],
            "PostgreSQL and SQLite return the same hits"
        );
    }
}
