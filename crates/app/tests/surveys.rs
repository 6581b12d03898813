//! Surveys on SQLite and PostgreSQL: organisers build a survey of every question kind, people
//! answer once (a second answer is refused, also concurrently and also when anonymous), results
//! are counted, and staff export the responses.

mod common;

use common::{actor, demo_app};
use domain::DomainError;
use domain::accounts::UserId;
use domain::policy::Actor;
use learning_city_app::surveys::{self, QuestionInput, SurveyInput};
use learning_city_app::{App, AppError};
use store::accounts::NewUser;
use store::testing::stores;

const YOUTH: &str = "centro-giovani-san-michele";

async fn person(app: &App, email: &str) -> Actor {
    let mut tx = app.store.write().await.expect("tx");
    let id = tx
        .insert_user(NewUser {
            email,
            name: "Rispondente",
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

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn question(kind: &str, prompt: &str, options: &str, rows: &str, required: bool) -> QuestionInput {
    QuestionInput {
        kind: kind.into(),
        prompt: prompt.into(),
        options: options.into(),
        matrix_rows: rows.into(),
        required: if required { "1".into() } else { String::new() },
    }
}

#[tokio::test]
async fn a_survey_is_answered_once_per_person_and_counted() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let admin = actor(&app, "admin@demo.example").await;
        for anonymous in [false, true] {
            let id = surveys::create(
                &app,
                &admin,
                YOUTH,
                &SurveyInput {
                    title: format!("Orari del centro {anonymous}"),
                    description: String::new(),
                    anonymous: if anonymous { "1".into() } else { String::new() },
                },
            )
            .await
            .expect("survey");
            for q in [
                question("single", "Quando verresti?", "Pomeriggio\nSera", "", true),
                question("multiple", "Che cosa?", "Musica\nStudio\nSport", "", false),
                question("scale10", "Quanto ti interessa?", "", "", true),
                question(
                    "ranking",
                    "Metti in ordine",
                    "Sala prove\nAula studio\nPalestra",
                    "",
                    false,
                ),
                question(
                    "matrix",
                    "Quali giorni?",
                    "No\nSì",
                    "Sabato\nDomenica",
                    false,
                ),
                question("short", "Il tuo quartiere", "", "", false),
            ] {
                surveys::add_question(&app, &admin, YOUTH, id, &q)
                    .await
                    .expect("question");
            }
            let bad = surveys::add_question(
                &app,
                &admin,
                YOUTH,
                id,
                &question("single", "Una sola", "Solo", "", false),
            )
            .await
            .expect_err("one option");
            assert!(
                matches!(bad, AppError::Domain(DomainError::Invalid(ref l)) if l[0].code == "options-count")
            );

            let answer = pairs(&[
                ("q1", "1"),
                ("q2", "0"),
                ("q2", "2"),
                ("q3", "8"),
                ("q4_0", "1"),
                ("q4_1", "3"),
                ("q4_2", "2"),
                ("q5_0", "1"),
                ("q5_1", "0"),
                ("q6", "San Michele"),
            ]);
            let a = person(&app, &format!("a{anonymous}@example.org")).await;
            let b = person(&app, &format!("b{anonymous}@example.org")).await;
            surveys::respond(&app, &a, YOUTH, id, &answer)
                .await
                .expect("first");
            // The same person again: refused, nothing stored.
            let err = surveys::respond(&app, &a, YOUTH, id, &answer)
                .await
                .expect_err("twice");
            assert!(matches!(
                err,
                AppError::Domain(DomainError::Conflict("survey-answered-already"))
            ));
            // Twenty simultaneous submissions by one person store one.
            let mut tasks = Vec::new();
            for _ in 0..20 {
                let (app, b, answer) = (app.clone(), b.clone(), answer.clone());
                tasks.push(tokio::spawn(async move {
                    surveys::respond(&app, &b, YOUTH, id, &answer).await.is_ok()
                }));
            }
            let mut ok = 0;
            for t in tasks {
                ok += usize::from(t.await.expect("join"));
            }
            assert_eq!(ok, 1, "exactly one of the simultaneous answers is stored");
            let v = surveys::view(&app, &b, YOUTH, id).await.expect("view");
            assert!(v.answered);
            assert_eq!(v.survey.responses, 2);
            // Once answered, questions cannot change.
            let err = surveys::add_question(
                &app,
                &admin,
                YOUTH,
                id,
                &question("short", "Ancora", "", "", false),
            )
            .await
            .expect_err("locked");
            assert!(matches!(
                err,
                AppError::Domain(DomainError::Conflict("survey-has-responses"))
            ));

            let (_, results) = surveys::results(&app, &Actor::anonymous(), YOUTH, id)
                .await
                .expect("results");
            assert_eq!(
                results[0].bars,
                vec![("Pomeriggio".into(), 0), ("Sera".into(), 2)]
            );
            assert_eq!(
                results[1].bars,
                vec![
                    ("Musica".into(), 2),
                    ("Studio".into(), 0),
                    ("Sport".into(), 2)
                ]
            );
            assert_eq!(results[2].mean, Some(8.0));
            // Borda: 3 options, rank r gives 3 − r points, twice.
            assert_eq!(
                results[3].bars,
                vec![
                    ("Sala prove".into(), 4),
                    ("Aula studio".into(), 0),
                    ("Palestra".into(), 2)
                ]
            );
            assert_eq!(
                results[4].matrix,
                vec![
                    ("Sabato".into(), vec![0, 2]),
                    ("Domenica".into(), vec![2, 0])
                ]
            );

            // Anonymous surveys keep no account with the response.
            let users: Vec<Option<i64>> =
                sqlx::query_scalar("SELECT user_id FROM survey_responses WHERE survey_id = $1")
                    .bind(id)
                    .fetch_all(app.store.pool())
                    .await
                    .expect("rows");
            assert_eq!(users.iter().all(Option::is_none), anonymous);

            let csv = surveys::csv(&app, &admin, YOUTH, id).await.expect("csv");
            let lines: Vec<&str> = csv.lines().collect();
            assert_eq!(lines.len(), 3);
            assert!(lines[0].ends_with("\"Il tuo quartiere\""));
            assert!(lines[1].contains("\"Musica; Sport\""), "{}", lines[1]);
            assert!(
                lines[1].contains("\"Sala prove=1; Aula studio=3; Palestra=2\""),
                "{}",
                lines[1]
            );
            let err = surveys::csv(&app, &a, YOUTH, id)
                .await
                .expect_err("staff only");
            assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));

            surveys::set_open(&app, &admin, YOUTH, id, false)
                .await
                .expect("close");
            let c = person(&app, &format!("c{anonymous}@example.org")).await;
            let err = surveys::respond(&app, &c, YOUTH, id, &answer)
                .await
                .expect_err("closed");
            assert!(matches!(
                err,
                AppError::Domain(DomainError::Conflict("survey-closed-error"))
            ));
        }
    }
}
