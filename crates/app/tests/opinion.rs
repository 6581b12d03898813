//! Opinion maps on SQLite and PostgreSQL: the demo's 300 simulated participants fall into their
//! camps; votes are checked and a vote on a moderated-out statement or a closed map is refused;
//! statements are moderated; the next statement follows the routing order; a recomputation after
//! a restart continues exactly as an uninterrupted run; votes ask for one throttled job.

mod common;

use common::{actor, code, demo_app};
use domain::policy::Actor;
use learning_city_app::opinion::{self, MapInput};
use learning_city_app::{App, demo_opinion, jobs};
use store::testing::stores;

const PARK: &str = "il-futuro-del-parco-della-dora";

async fn demo_map(app: &App) -> i64 {
    let p = app
        .store
        .process_by_slug(PARK)
        .await
        .expect("load")
        .expect("park");
    app.store.opinion_maps(p.id).await.expect("maps")[0].id
}

#[tokio::test]
async fn the_demo_participants_fall_into_their_camps() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let id = demo_map(&app).await;
        let v = opinion::view(&app, &Actor::anonymous(), PARK, id)
            .await
            .expect("view");
        let r = v.result.expect("computed");
        assert_eq!(r.participants, 300);
        // Those with at least seven votes are placed (Pol.is's rule).
        assert_eq!(r.placed, r.membership.len());
        assert!(r.placed >= 290, "{} placed", r.placed);
        // Pair each participant's camp with the group the map found for them.
        let mut camps = Vec::new();
        let mut groups = Vec::new();
        for i in 0..300 {
            let email = format!("mappa{i:03}@partecipanti.demo.example");
            let u = app
                .store
                .user_by_email(&email)
                .await
                .expect("load")
                .expect("user");
            if let Some(g) = r.membership.get(&u.id) {
                camps.push(demo_opinion::camp_of(i));
                groups.push(*g);
            }
        }
        let ari = engines::opinion::map::adjusted_rand_index(&camps, &groups);
        println!(
            "demo opinion map: {} groups, ARI against the camps {ari:.3}",
            r.groups.len()
        );
        assert_eq!(r.groups.len(), 3);
        assert!(ari >= 0.8, "ARI {ari}");
        // Benches and fountains unite everyone.
        let benches = v
            .statements
            .iter()
            .find(|s| s.text.starts_with("Servono più panchine"))
            .expect("statement")
            .id;
        assert_eq!(r.consensus_agree.first(), Some(&benches));
        assert_eq!(r.bridging.first().map(|b| b.0), Some(benches));
    }
}

#[tokio::test]
async fn votes_statements_and_moderation_are_checked() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let facilitator = actor(&app, "facilitatore@demo.example").await;
        let err = opinion::create(&app, &anna, PARK, &MapInput::default())
            .await
            .expect_err("not a manager");
        assert_eq!(code(err), "forbidden");
        let bad = MapInput {
            title: "Tt".into(),
            question: String::new(),
            moderation: "anarchic".into(),
        };
        let err = opinion::create(&app, &official, PARK, &bad)
            .await
            .expect_err("bad");
        assert_eq!(code(err), "text-required");
        let id = opinion::create(
            &app,
            &official,
            PARK,
            &MapInput {
                title: "Orari del parco".into(),
                question: "Quando dovrebbe aprire e chiudere il parco?".into(),
                moderation: "strict".into(),
            },
        )
        .await
        .expect("create");
        let (a, status) = opinion::add_statement(
            &app,
            &facilitator,
            PARK,
            id,
            "Il parco deve aprire alle sette.",
        )
        .await
        .expect("seed");
        assert_eq!(status, "accepted");
        let (b, status) = opinion::add_statement(
            &app,
            &anna,
            PARK,
            id,
            "Il parco deve chiudere a mezzanotte.",
        )
        .await
        .expect("submit");
        assert_eq!(status, "pending");
        let err = opinion::add_statement(&app, &anna, PARK, id, "IL PARCO deve aprire alle sette.")
            .await
            .expect_err("duplicate");
        assert_eq!(code(err), "statement-duplicate");
        let err = opinion::add_statement(&app, &anna, PARK, id, "corto")
            .await
            .expect_err("short");
        assert_eq!(code(err), "text-required");
        // A pending statement cannot be voted on yet; a moderator accepts it.
        let err = opinion::vote(&app, &anna, PARK, id, b, "1")
            .await
            .expect_err("pending");
        assert_eq!(code(err), "not-found");
        let err = opinion::moderate(&app, &anna, PARK, id, b, true)
            .await
            .expect_err("not a moderator");
        assert_eq!(code(err), "forbidden");
        opinion::moderate(&app, &facilitator, PARK, id, b, true)
            .await
            .expect("accept");
        for bad in ["2", "yes", "", "-2"] {
            let err = opinion::vote(&app, &anna, PARK, id, a, bad)
                .await
                .expect_err(bad);
            assert_eq!(code(err), "opinion-vote-invalid");
        }
        let err = opinion::vote(&app, &Actor::anonymous(), PARK, id, a, "1")
            .await
            .expect_err("anon");
        assert_eq!(code(err), "forbidden");
        // The next statement: new ones by id; after voting, the other one.
        let v = opinion::view(&app, &anna, PARK, id).await.expect("view");
        assert_eq!(v.next().map(|s| s.id), Some(a));
        opinion::vote(&app, &anna, PARK, id, a, "1")
            .await
            .expect("vote");
        opinion::vote(&app, &anna, PARK, id, a, "-1")
            .await
            .expect("change");
        let v = opinion::view(&app, &anna, PARK, id).await.expect("view");
        assert_eq!(v.mine.get(&a), Some(&-1));
        assert_eq!(v.counts.get(&a), Some(&(0, 1, 0)));
        assert_eq!(v.next().map(|s| s.id), Some(b));
        // Moderated out: its votes stop counting and nobody may vote on it.
        opinion::moderate(&app, &facilitator, PARK, id, a, false)
            .await
            .expect("reject");
        let err = opinion::vote(&app, &anna, PARK, id, a, "1")
            .await
            .expect_err("moderated out");
        assert_eq!(code(err), "statement-moderated-out");
        // Closed: nothing more.
        let err = opinion::close(&app, &anna, PARK, id)
            .await
            .expect_err("not a facilitator");
        assert_eq!(code(err), "forbidden");
        opinion::close(&app, &facilitator, PARK, id)
            .await
            .expect("close");
        let err = opinion::vote(&app, &anna, PARK, id, b, "1")
            .await
            .expect_err("closed");
        assert_eq!(code(err), "opinion-closed");
    }
}

#[tokio::test]
async fn a_recomputation_after_a_restart_continues_exactly_and_votes_ask_for_one_job() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let id = demo_map(&app).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        // The demo computed once and stored its state. An uninterrupted run in memory: the same
        // first update, then a second one after Anna's votes.
        let m1 = opinion::matrix(&app, id).await.expect("matrix");
        let (_, s1) = engines::opinion::map::update(&m1, 0, None);
        let v = opinion::view(&app, &anna, PARK, id).await.expect("view");
        let before = app.store.jobs().await.expect("jobs").len();
        let mut order = Vec::new();
        while let Some(next) = opinion::view(&app, &anna, PARK, id)
            .await
            .expect("view")
            .next()
            .map(|s| s.id)
        {
            opinion::vote(&app, &anna, PARK, id, next, "1")
                .await
                .expect("vote");
            order.push(next);
        }
        assert_eq!(
            order.len(),
            v.statements.len(),
            "every statement once, in routing order"
        );
        let jobs_now = app.store.jobs().await.expect("jobs");
        assert_eq!(
            jobs_now.len(),
            before + 1,
            "twelve votes ask for one recomputation"
        );
        let m2 = opinion::matrix(&app, id).await.expect("matrix");
        let (uninterrupted, _) = engines::opinion::map::update(&m2, 0, Some(&s1));
        // The platform's run reads the state back from the database (as after a restart).
        let stored = opinion::recompute(&app, id).await.expect("recompute");
        assert_eq!(stored.membership, uninterrupted.groups);
        // The job the votes queued runs when due and finds the same.
        let later = learning_city_app::now() + opinion::THROTTLE + 1;
        let claimed = app
            .store
            .claim_job(later, 300)
            .await
            .expect("claim")
            .expect("due");
        assert_eq!(claimed.kind, opinion::RECOMPUTE_JOB);
        opinion::run_job(&app, &claimed.payload).await.expect("job");
        let again = opinion::view(&app, &anna, PARK, id)
            .await
            .expect("view")
            .result
            .expect("result");
        assert_eq!(again.membership, stored.membership);
        let _ = jobs::drain(&app).await;
    }
}
