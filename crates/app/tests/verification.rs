//! Residents' verification on SQLite and PostgreSQL: a census uploaded by the municipality, a
//! resident verifying, a second claim of the same record refused and flagged, bad files refused
//! whole, guesses limited, and supports open only to verified residents where required.

mod common;

use common::{actor, demo_app};
use domain::DomainError;
use domain::accounts::UserId;
use domain::policy::Actor;
use learning_city_app::verification::{self, Upload, VerifyInput};
use learning_city_app::{App, AppError, accounts, demo, proposals};
use store::accounts::NewUser;
use store::proposals::ProposalFilter;
use store::testing::stores;

async fn new_user(app: &App, email: &str) -> Actor {
    let mut tx = app.store.write().await.expect("tx");
    let id = tx
        .insert_user(NewUser {
            email,
            name: "Nuova Residente",
            password_hash: None,
            lang: "it",
            confirmed_at: Some(1),
            instance_admin: false,
            now: 1,
        })
        .await
        .expect("user");
    tx.commit().await.expect("commit");
    Actor {
        user: Some(UserId(id)),
        ..Actor::default()
    }
}

fn input(id: &str, date: &str) -> VerifyInput {
    VerifyInput {
        identifier: id.into(),
        birth_date: date.into(),
    }
}

fn field_codes(e: AppError) -> Vec<&'static str> {
    match e {
        AppError::Domain(DomainError::Invalid(list)) => list.into_iter().map(|f| f.code).collect(),
        e => panic!("expected invalid input, got {e:?}"),
    }
}

const VALDORA: &str = "comune-di-valdora";
const PARK: &str = "il-futuro-del-parco-della-dora";

#[tokio::test]
async fn a_census_record_verifies_one_account_and_a_second_claim_is_flagged() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let other_admin = actor(&app, "associazione@demo.example").await;
        let census = "codice_fiscale;data_nascita\nRSSMRA85T10A562S;10/12/1985\nBNCLRA92C41F205O;1992-03-01\n";

        // Only Valdora's administrators upload its census.
        let err = verification::upload(&app, &other_admin, VALDORA, census)
            .await
            .expect_err("other");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        // A file with a bad line is refused whole: nothing changes.
        let (_, before) = verification::stats(&app, &official, VALDORA)
            .await
            .expect("stats");
        let bad = format!("{census}RSSMRA85T10A562X;1985-12-10\nXX;1999-01-01;extra\n");
        assert_eq!(
            verification::upload(&app, &official, VALDORA, &bad)
                .await
                .expect("answer"),
            Upload::Refused {
                lines: vec![(4, "codice-fiscale-invalid"), (5, "census-columns")],
                count: 2
            }
        );
        let (_, same) = verification::stats(&app, &official, VALDORA)
            .await
            .expect("stats");
        assert_eq!(same, before);
        // A new census replaces the unused records and keeps the used ones (61 demo claims).
        assert_eq!(
            verification::upload(&app, &official, VALDORA, census)
                .await
                .expect("upload"),
            Upload::Imported { rows: 2, added: 2 }
        );
        let (_, stats) = verification::stats(&app, &official, VALDORA)
            .await
            .expect("stats");
        assert_eq!((stats.records, stats.claimed, stats.flags), (63, 61, 0));
        // Nothing in the database holds the identifier or the date.
        let raw: Vec<String> = sqlx::query_scalar("SELECT record_hash FROM census_records")
            .fetch_all(app.store.pool())
            .await
            .expect("hashes");
        assert!(raw.iter().all(|h| h.len() == 64 && !h.contains("RSSMRA")));

        let mario = new_user(&app, "mario@example.org").await;
        let intruder = new_user(&app, "intruso@example.org").await;
        assert_eq!(
            field_codes(
                verification::verify(
                    &app,
                    &mario,
                    VALDORA,
                    &input("RSSMRA85T10A562S", "11/12/1985")
                )
                .await
                .expect_err("wrong date")
            ),
            vec!["verification-not-found"]
        );
        assert_eq!(
            field_codes(
                verification::verify(&app, &mario, VALDORA, &input("RSSMRA85T10A562Z", ""))
                    .await
                    .expect_err("typos")
            ),
            vec!["codice-fiscale-invalid", "birth-date-invalid"]
        );
        // Lower case and the other date notation give the same record.
        verification::verify(
            &app,
            &mario,
            VALDORA,
            &input("rssmra85t10a562s", "1985-12-10"),
        )
        .await
        .expect("verified");
        verification::verify(
            &app,
            &mario,
            VALDORA,
            &input("RSSMRA85T10A562S", "10/12/1985"),
        )
        .await
        .expect("again is fine");
        let user = app
            .store
            .user_by_email("mario@example.org")
            .await
            .expect("load")
            .expect("exists");
        let mario = accounts::actor_of(&app, &user).await.expect("actor");
        assert_eq!(mario.verified.len(), 1);
        // The same record claimed by another account: refused and flagged.
        assert_eq!(
            field_codes(
                verification::verify(
                    &app,
                    &intruder,
                    VALDORA,
                    &input("RSSMRA85T10A562S", "10/12/1985")
                )
                .await
                .expect_err("taken")
            ),
            vec!["verification-taken"]
        );
        // One account cannot hold two records of the same organisation.
        let err = verification::verify(
            &app,
            &mario,
            VALDORA,
            &input("BNCLRA92C41F205O", "01/03/1992"),
        )
        .await
        .expect_err("second");
        assert!(matches!(
            err,
            AppError::Domain(DomainError::Conflict("verification-already"))
        ));
        let (_, stats) = verification::stats(&app, &official, VALDORA)
            .await
            .expect("stats");
        assert_eq!((stats.claimed, stats.flags), (62, 1));
        // Guessing is limited: the intruder had 1 failure; 4 more, then even a right answer waits.
        for day in 1..=4 {
            let _ = verification::verify(
                &app,
                &intruder,
                VALDORA,
                &input("BNCLRA92C41F205O", &format!("0{day}/01/1992")),
            )
            .await;
        }
        let err = verification::verify(
            &app,
            &intruder,
            VALDORA,
            &input("BNCLRA92C41F205O", "01/03/1992"),
        )
        .await
        .expect_err("limited");
        assert!(matches!(err, AppError::Domain(DomainError::RateLimited)));
    }
}

#[tokio::test]
async fn supports_need_verified_residents_where_the_process_says_so() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let marco = actor(&app, "ricercatore@demo.example").await;
        assert_eq!(
            anna.verified.len(),
            1,
            "Anna is verified in the demo census"
        );
        let list = proposals::list(
            &app,
            &anna,
            PARK,
            ProposalFilter {
                limit: 20,
                ..Default::default()
            },
            "",
        )
        .await
        .expect("list");
        let id = list.proposals[0].id;
        let err = proposals::support(&app, &marco, PARK, id)
            .await
            .expect_err("not resident");
        assert!(matches!(
            err,
            AppError::Domain(DomainError::Conflict("verification-required"))
        ));
        proposals::support(&app, &anna, PARK, id)
            .await
            .expect("resident");
        // Marco verifies with a free demo record and may then support.
        let (code, date) = demo::DEMO_CENSUS[0];
        verification::verify(&app, &marco, VALDORA, &input(code, date))
            .await
            .expect("verify");
        let user = app
            .store
            .user_by_email("ricercatore@demo.example")
            .await
            .expect("load")
            .expect("exists");
        let marco = accounts::actor_of(&app, &user).await.expect("actor");
        proposals::support(&app, &marco, PARK, id)
            .await
            .expect("now resident");
    }
}
