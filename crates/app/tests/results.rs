//! Results on SQLite and PostgreSQL: a proposal is traced to the result it led to, progress is
//! recorded in dated updates, bad input is explained and changes nothing.

mod common;

use common::{actor, demo_app};
use domain::DomainError;
use domain::policy::Actor;
use learning_city_app::results::{self, ResultInput, UpdateInput};
use learning_city_app::{AppError, proposals};
use store::proposals::ProposalFilter;
use store::testing::stores;

const PARK: &str = "il-futuro-del-parco-della-dora";
const SQUARE: &str = "piazza-del-mercato";

fn codes(e: AppError) -> Vec<&'static str> {
    match e {
        AppError::Domain(DomainError::Invalid(list)) => list.into_iter().map(|f| f.code).collect(),
        e => panic!("expected invalid input, got {e:?}"),
    }
}

#[tokio::test]
async fn a_proposal_is_traced_to_its_result() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let anna = actor(&app, "cittadina@demo.example").await;
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
        let shade = list.proposals[0].id;
        let square = proposals::list(
            &app,
            &anna,
            SQUARE,
            ProposalFilter {
                limit: 20,
                ..Default::default()
            },
            "",
        )
        .await
        .expect("square");
        let input = ResultInput {
            title: "Tigli lungo l'area giochi".into(),
            description: "Dodici tigli e due vele ombreggianti.".into(),
            proposals: String::new(),
        };
        // Only Valdora's administrators; only proposals of this process.
        let err = results::create(&app, &anna, PARK, &input, &[shade])
            .await
            .expect_err("citizen");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        assert_eq!(
            codes(
                results::create(&app, &official, PARK, &input, &[square.proposals[0].id])
                    .await
                    .expect_err("other process")
            ),
            vec!["result-proposal-invalid"]
        );
        let id = results::create(&app, &official, PARK, &input, &[shade])
            .await
            .expect("result");
        assert_eq!(
            codes(
                results::update(
                    &app,
                    &official,
                    PARK,
                    id,
                    &UpdateInput {
                        status: "finished".into(),
                        progress: "120".into(),
                        text: "x".into()
                    }
                )
                .await
                .expect_err("bad")
            ),
            vec!["result-status-invalid", "progress-invalid", "text-required"]
        );
        for (status, progress) in [
            ("in-progress", "30"),
            ("in-progress", "75%"),
            ("completed", "100"),
        ] {
            results::update(
                &app,
                &official,
                PARK,
                id,
                &UpdateInput {
                    status: status.into(),
                    progress: progress.into(),
                    text: "Lavori avanzati.".into(),
                },
            )
            .await
            .expect("update");
        }
        // Anyone reading the proposal sees what became of it.
        let v = proposals::view(&app, &Actor::anonymous(), PARK, shade)
            .await
            .expect("proposal");
        assert_eq!(
            v.results
                .iter()
                .map(|r| (r.id, r.progress, r.status.as_str()))
                .collect::<Vec<_>>(),
            vec![(id, 100, "completed")]
        );
        let r = results::view(&app, &Actor::anonymous(), PARK, id)
            .await
            .expect("result");
        assert_eq!(
            r.proposals.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![shade]
        );
        assert_eq!(
            r.updates.iter().map(|u| u.progress).collect::<Vec<_>>(),
            vec![30, 75, 100]
        );
        // The demo square: its implemented proposals lead to completed results.
        let (_, demo_results, _, _) = results::list(&app, &Actor::anonymous(), SQUARE)
            .await
            .expect("square results");
        assert_eq!(
            demo_results.iter().map(|r| r.progress).collect::<Vec<_>>(),
            vec![100, 30, 100]
        );
    }
}
