//! Moderation on SQLite and PostgreSQL: reports hide a comment after three people, a person's
//! second report counts once, the author appeals, a moderator of the right organisation restores
//! it, the public log tells what and why but not who, and a blocked account may no longer take
//! part.

mod common;

use common::{actor, demo_app};
use domain::DomainError;
use domain::accounts::UserId;
use domain::policy::Actor;
use learning_city_app::comments::{self, CommentInput};
use learning_city_app::{App, AppError, moderation, proposals, search};
use store::accounts::NewUser;
use store::proposals::ProposalFilter;
use store::testing::stores;

const PARK: &str = "il-futuro-del-parco-della-dora";

async fn people(app: &App, n: usize) -> Vec<Actor> {
    let mut tx = app.store.write().await.expect("tx");
    let mut out = Vec::new();
    for i in 0..n {
        let id = tx
            .insert_user(NewUser {
                email: &format!("segnalatore{i}@example.org"),
                name: "Segnalatore",
                password_hash: None,
                lang: "it",
                confirmed_at: Some(1),
                instance_admin: false,
                now: 1,
            })
            .await
            .expect("user");
        out.push(Actor {
            user: Some(UserId(id)),
            ..Actor::default()
        });
    }
    tx.commit().await.expect("commit");
    out
}

#[tokio::test]
async fn reports_hide_appeals_restore_and_blocks_stop_participation() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let official = actor(&app, "funzionario@demo.example").await;
        let other_admin = actor(&app, "associazione@demo.example").await;
        let list = proposals::list(
            &app,
            &anna,
            PARK,
            ProposalFilter {
                limit: 20,
                order: "oldest".into(),
                ..Default::default()
            },
            "",
        )
        .await
        .expect("park");
        let pid = list.proposals[2].id;
        let cid = comments::add(
            &app,
            &anna,
            PARK,
            pid,
            &CommentInput {
                comment: "Comprate i miei zzzprodotti".into(),
                alignment: String::new(),
                parent: None,
            },
        )
        .await
        .expect("comment");
        assert_eq!(
            search::search(&app, "zzzprodotti", None, 1)
                .await
                .expect("search")
                .total,
            1
        );

        let err = moderation::report(&app, &anna, "comment", cid, "spam", "")
            .await
            .expect_err("own");
        assert!(matches!(
            err,
            AppError::Domain(DomainError::Conflict("report-own"))
        ));
        let p = people(&app, 3).await;
        let bad = moderation::report(&app, &p[0], "comment", cid, "boring", "")
            .await
            .expect_err("reason");
        assert!(
            matches!(bad, AppError::Domain(DomainError::Invalid(ref l)) if l[0].code == "report-reason-invalid")
        );
        assert!(
            !moderation::report(&app, &p[0], "comment", cid, "spam", "pubblicità")
                .await
                .expect("1")
        );
        assert!(
            !moderation::report(&app, &p[0], "comment", cid, "spam", "")
                .await
                .expect("same person again")
        );
        assert!(
            !moderation::report(&app, &p[1], "comment", cid, "spam", "")
                .await
                .expect("2")
        );
        assert!(
            moderation::report(&app, &p[2], "comment", cid, "spam", "")
                .await
                .expect("3 hides")
        );
        let (c, _, _) = app.store.comment(cid).await.expect("load").expect("exists");
        assert_eq!(c.hidden_reason.as_deref(), Some("spam"));
        assert_eq!(
            search::search(&app, "zzzprodotti", None, 1)
                .await
                .expect("search")
                .total,
            0
        );

        // The author appeals once; only moderators of Valdora decide.
        let err = moderation::appeal(&app, &p[0], "comment", cid, "Non è mio ma lo difendo")
            .await
            .expect_err("not author");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        moderation::appeal(
            &app,
            &anna,
            "comment",
            cid,
            "Era un esempio, non pubblicità.",
        )
        .await
        .expect("appeal");
        let err = moderation::appeal(&app, &anna, "comment", cid, "Ancora una volta, per favore.")
            .await
            .expect_err("twice");
        assert!(matches!(
            err,
            AppError::Domain(DomainError::Conflict("appeal-twice"))
        ));
        let err = moderation::decide(&app, &other_admin, "comment", cid, None)
            .await
            .expect_err("other org");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        moderation::decide(&app, &official, "comment", cid, None)
            .await
            .expect("restore");
        assert_eq!(
            search::search(&app, "zzzprodotti", None, 1)
                .await
                .expect("search")
                .total,
            1
        );
        let (_, reported, appeals) = moderation::queue(&app, &official, "comune-di-valdora")
            .await
            .expect("queue");
        assert_eq!((reported[0].item_id, reported[0].reports), (cid, 3));
        assert_eq!(appeals[0].decision.as_deref(), Some("restored"));

        // The public log: hidden (spam), restored — no person in it.
        let log = moderation::log(&app).await.expect("log");
        let entries: Vec<(String, i64, String, String)> = log
            .iter()
            .map(|e| {
                (
                    e.kind.clone(),
                    e.item_id,
                    e.action.clone(),
                    e.reason.clone(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            vec![
                ("comment".into(), cid, "restored".into(), String::new()),
                ("comment".into(), cid, "hidden".into(), "spam".into()),
            ]
        );
        let json = serde_json::to_string(&log).expect("json");
        assert!(!json.contains("Ferrero") && !json.contains("segnalatore"));

        // A blocked account may read but not take part.
        let admin = actor(&app, "admin@demo.example").await;
        let err = moderation::block(&app, &official, anna.user.map(|u| u.0).unwrap_or(0), true)
            .await
            .expect_err("not admin");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        moderation::block(&app, &admin, anna.user.map(|u| u.0).unwrap_or(0), true)
            .await
            .expect("block");
        let anna = actor(&app, "cittadina@demo.example").await;
        assert!(anna.blocked);
        let err = comments::add(
            &app,
            &anna,
            PARK,
            pid,
            &CommentInput {
                comment: "Ci riprovo".into(),
                alignment: String::new(),
                parent: None,
            },
        )
        .await
        .expect_err("blocked");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        assert!(
            proposals::view(&app, &anna, PARK, pid).await.is_ok(),
            "reading is still allowed"
        );
    }
}
