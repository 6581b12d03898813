//! Participatory budgets on SQLite and PostgreSQL: the demo's counted budget gives the Method of
//! Equal Shares' outcome and greedy's side by side, and its export recounts to the same winners;
//! a resident votes, changes the ballot and finds it by receipt; bad ballots are refused; one
//! ballot per voter under concurrency; paper ballots count when two officers agree.

mod common;

use common::{actor, code, demo_app};
use domain::DomainError;
use domain::accounts::UserId;
use domain::policy::Actor;
use learning_city_app::budgets::{self, BudgetInput, Paper, ProjectInput};
use learning_city_app::{App, AppError, spaces};
use store::testing::stores;

const PAST: &str = "bilancio-partecipativo-2025";
const OPEN: &str = "bilancio-partecipativo-2026";

async fn budget_of(app: &App, slug: &str) -> (i64, Vec<store::budgets::ProjectRow>) {
    let p = app
        .store
        .process_by_slug(slug)
        .await
        .expect("load")
        .expect("process");
    let b = app.store.budgets(p.id).await.expect("budgets")[0].id;
    (b, app.store.budget_projects(b).await.expect("projects"))
}

fn titles(t: &budgets::Tally, winners: &[usize]) -> Vec<String> {
    winners
        .iter()
        .map(|i| {
            t.election.projects[*i]
                .field("name")
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_demo_budget_is_counted_with_equal_shares_beside_greedy_and_recounts_from_its_export() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let (b, _) = budget_of(&app, PAST).await;
        let (v, tally) = budgets::results(&app, &Actor::anonymous(), PAST, b)
            .await
            .expect("results");
        assert_eq!(v.ballots, (60, 0));
        assert_eq!(
            titles(&tally, &tally.greedy.winners),
            [
                "Giochi inclusivi al parco",
                "Illuminazione a LED in via Roma",
                "Pista ciclabile verso la stazione",
                "Corso di italiano per nuovi cittadini"
            ]
        );
        assert_eq!(titles(&tally, &tally.outcome.winners), EXPECTED_MES);
        // Oltredora (24 of 60 voters) gets projects under equal shares, none under greedy.
        let district = |w: &[usize]| {
            w.iter()
                .filter(|i| tally.election.projects[**i].field("district") == Some("Oltredora"))
                .count()
        };
        assert_eq!(district(&tally.greedy.winners), 0);
        assert!(district(&tally.outcome.winners) >= 2);
        assert!(
            !tally.outcome.rounds.is_empty(),
            "the rounds explain the outcome"
        );
        // Each round's rows count every supporter once, one row per (paid, left) pair.
        assert_eq!(tally.rounds.len(), tally.outcome.rounds.len());
        for (shown, round) in tally.rounds.iter().zip(&tally.outcome.rounds) {
            let supporters: u64 = round.payments.iter().map(|(_, n, _, _)| *n).sum();
            assert_eq!(
                shown.rows.iter().map(|(n, _, _)| *n).sum::<u64>(),
                supporters
            );
            let mut pairs: Vec<_> = shown.rows.iter().map(|(_, p, l)| (p, l)).collect();
            pairs.dedup();
            assert_eq!(pairs.len(), shown.rows.len(), "rows alike are merged");
            assert!(shown.rows.len() <= round.payments.len());
            assert!(
                shown.rows.windows(2).all(|w| w[0].1 >= w[1].1),
                "largest payment first"
            );
        }
        // In the first round every supporter still has a whole share: they all pay alike.
        assert_eq!(tally.rounds[0].rows.len(), 1);
        // The export recounts to the same winners with the engine alone.
        let text = budgets::export(&app, b).await.expect("export");
        let e = engines::budgeting::pabulib::parse(&text).expect("parses");
        assert_eq!(e.ballots.len(), 60);
        let again = engines::budgeting::rules::tally(
            &e,
            engines::budgeting::rules::Rule::MesAdd1,
            &Default::default(),
        );
        let ids = |e: &engines::budgeting::Election, w: &[usize]| -> Vec<String> {
            w.iter().map(|i| e.projects[*i].id.clone()).collect()
        };
        assert_eq!(
            ids(&e, &again.winners),
            ids(&tally.election, &tally.outcome.winners)
        );
        // Funded projects are tracked as results (the demo tracks two); once each, by managers.
        let (_, projects) = budget_of(&app, PAST).await;
        let tracked: Vec<&str> = projects
            .iter()
            .filter(|p| p.result_id.is_some())
            .map(|p| p.title.as_str())
            .collect();
        assert_eq!(
            tracked,
            [
                "Giochi inclusivi al parco",
                "Fontanelle e panchine lungo la Dora"
            ]
        );
        let official = actor(&app, "funzionario@demo.example").await;
        let library = projects
            .iter()
            .find(|p| p.title.starts_with("Biblioteca"))
            .expect("library");
        let gym = projects
            .iter()
            .find(|p| p.title.starts_with("Nuova copertura"))
            .expect("gym");
        let err = budgets::track(&app, &anna, PAST, b, library.id)
            .await
            .expect_err("resident");
        assert_eq!(code(err), "forbidden");
        let err = budgets::track(&app, &official, PAST, b, gym.id)
            .await
            .expect_err("not funded");
        assert_eq!(code(err), "budget-project-not-funded");
        let r = budgets::track(&app, &official, PAST, b, library.id)
            .await
            .expect("track");
        let err = budgets::track(&app, &official, PAST, b, library.id)
            .await
            .expect_err("twice");
        assert_eq!(code(err), "budget-project-tracked");
        let row = app.store.result(r).await.expect("load").expect("result");
        assert_eq!(row.title, "Biblioteca di quartiere: nuovi arredi");
        // The open budget's results wait for the end of the vote, except for its managers.
        let (open, _) = budget_of(&app, OPEN).await;
        let Err(err) = budgets::results(&app, &anna, OPEN, open).await else {
            panic!("results before the end of the vote");
        };
        assert_eq!(code(err), "budget-results-not-yet");
        let official = actor(&app, "funzionario@demo.example").await;
        budgets::results(&app, &official, OPEN, open)
            .await
            .expect("provisional");
    }
}

/// Worked by hand: each of the 60 voters holds 100 000 / 60 €. Borgo Nord's 36 voters (60 000 €)
/// buy the two cheapest of their projects (25 000 + 30 000 €), Oltredora's 24 (40 000 €) buy
/// theirs of 15 000 and 20 000 €; the Add1 increments then fund the course both approve.
const EXPECTED_MES: [&str; 5] = [
    "Giochi inclusivi al parco",
    "Illuminazione a LED in via Roma",
    "Fontanelle e panchine lungo la Dora",
    "Biblioteca di quartiere: nuovi arredi",
    "Corso di italiano per nuovi cittadini",
];

#[tokio::test]
async fn a_resident_votes_changes_the_ballot_and_finds_it_by_receipt() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let researcher = actor(&app, "ricercatore@demo.example").await;
        let (b, projects) = budget_of(&app, OPEN).await;
        let p: Vec<i64> = projects.iter().map(|p| p.id).collect();
        let err = budgets::vote(&app, &Actor::anonymous(), OPEN, b, &p[0..1])
            .await
            .expect_err("anon");
        assert_eq!(code(err), "forbidden");
        let err = budgets::vote(&app, &researcher, OPEN, b, &p[0..1])
            .await
            .expect_err("not resident");
        assert_eq!(code(err), "verification-required");
        for (bad, why) in [
            (vec![], "ballot-too-few"),
            (p.clone(), "ballot-over-cost"),
            (vec![p[0], 999_999], "ballot-unknown-project"),
            (vec![p[1], p[1]], "ballot-duplicate-project"),
        ] {
            let err = budgets::vote(&app, &anna, OPEN, b, &bad)
                .await
                .expect_err(why);
            assert_eq!(code(err), why);
        }
        assert_eq!(app.store.count_ballots(b).await.expect("count"), (0, 0));
        let receipt = budgets::vote(&app, &anna, OPEN, b, &[p[0], p[1]])
            .await
            .expect("vote");
        assert_eq!(receipt.len(), 10);
        let again = budgets::vote(&app, &anna, OPEN, b, &[p[3], p[1]])
            .await
            .expect("change");
        assert_eq!(again, receipt);
        let mut want = vec![p[1], p[3]];
        want.sort_unstable();
        let list = app.store.public_ballots(b).await.expect("list");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].receipt, receipt);
        assert_eq!(list[0].projects, want);
        let v = budgets::view(&app, &anna, OPEN, b).await.expect("view");
        assert_eq!(v.my_ballot, Some((receipt, want)));
        // The audit log says a ballot was cast, never what it says.
        let entries = store::audit::recent(&app.store, 5).await.expect("audit");
        assert_eq!(entries[0].action, "ballot.cast");
        assert_eq!(entries[0].details, "{}");
        // The 2025 vote is closed.
        let (past, past_projects) = budget_of(&app, PAST).await;
        let err = budgets::vote(&app, &anna, PAST, past, &[past_projects[7].id])
            .await
            .expect_err("closed");
        assert_eq!(code(err), "voting-closed");
    }
}

#[tokio::test]
async fn one_ballot_per_voter_whatever_the_concurrency() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let (b, projects) = budget_of(&app, OPEN).await;
        let p = projects[4].id;
        let mut tasks = Vec::new();
        for _ in 0..100 {
            let (app, anna) = (app.clone(), anna.clone());
            tasks.push(tokio::spawn(async move {
                budgets::vote(&app, &anna, OPEN, b, &[p]).await
            }));
        }
        let mut receipts = std::collections::BTreeSet::new();
        for t in tasks {
            receipts.insert(t.await.expect("join").expect("vote"));
        }
        assert_eq!(
            receipts.len(),
            1,
            "every call answers with the same receipt"
        );
        // Sixty verified residents at once.
        let residents: Vec<i64> = sqlx_residents(&app).await;
        let mut tasks = Vec::new();
        for r in residents.iter().take(60) {
            let voter = Actor {
                user: Some(UserId(*r)),
                verified: anna.verified.clone(),
                ..Actor::default()
            };
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                budgets::vote(&app, &voter, OPEN, b, &[p]).await
            }));
        }
        for t in tasks {
            t.await.expect("join").expect("vote");
        }
        assert_eq!(app.store.count_ballots(b).await.expect("count"), (61, 0));
        assert_eq!(app.store.voters_with_two_ballots(b).await.expect("two"), 0);
    }
}

async fn sqlx_residents(app: &App) -> Vec<i64> {
    let mut out = Vec::new();
    for i in 0..60 {
        let first = [
            "giulia",
            "marco",
            "sara",
            "luca",
            "chiara",
            "matteo",
            "elena",
            "davide",
            "francesca",
            "paolo",
        ][i / 6];
        let last = ["ferri", "galli", "conti", "marini", "rinaldi", "bassi"][i % 6];
        let email = format!("{first}.{last}{i}@residenti.demo.example");
        let u = app
            .store
            .user_by_email(&email)
            .await
            .expect("load")
            .expect("resident");
        out.push(u.id);
    }
    out
}

#[tokio::test]
async fn a_paper_ballot_counts_when_two_officers_read_it_alike() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let admin = actor(&app, "admin@demo.example").await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let input = spaces::RoleInput {
            email: "facilitatore@demo.example".into(),
            role: "facilitator".into(),
        };
        spaces::grant_role(&app, &official, OPEN, &input)
            .await
            .expect("role");
        let third = actor(&app, "facilitatore@demo.example").await;
        let (b, projects) = budget_of(&app, OPEN).await;
        let (p1, p2) = (projects[0].id, projects[1].id);
        let err = budgets::enter_paper(&app, &anna, OPEN, b, "A-001", &[p1])
            .await
            .expect_err("not an officer");
        assert_eq!(code(err), "forbidden");
        let err = budgets::enter_paper(&app, &official, OPEN, b, "A 001!", &[p1])
            .await
            .expect_err("sheet");
        assert_eq!(code(err), "paper-sheet-invalid");
        assert_eq!(
            budgets::enter_paper(&app, &official, OPEN, b, "A-001", &[p1, p2])
                .await
                .expect("first"),
            Paper::Waiting
        );
        let err = budgets::enter_paper(&app, &official, OPEN, b, "A-001", &[p1, p2])
            .await
            .expect_err("same officer");
        assert_eq!(code(err), "paper-entered-twice");
        assert_eq!(
            budgets::enter_paper(&app, &admin, OPEN, b, "A-001", &[p1])
                .await
                .expect("second"),
            Paper::Mismatch
        );
        assert_eq!(app.store.count_ballots(b).await.expect("count"), (0, 0));
        // The provisional count is made once for the same ballots, and again for new ones.
        let (_, before) = budgets::results(&app, &official, OPEN, b)
            .await
            .expect("provisional count");
        let (_, same) = budgets::results(&app, &official, OPEN, b)
            .await
            .expect("again");
        assert!(std::sync::Arc::ptr_eq(&before, &same));
        let Paper::Counted(receipt) =
            budgets::enter_paper(&app, &third, OPEN, b, "A-001", &[p2, p1])
                .await
                .expect("third")
        else {
            panic!("two readings agree");
        };
        assert_eq!(app.store.count_ballots(b).await.expect("count"), (1, 1));
        let list = app.store.public_ballots(b).await.expect("list");
        assert_eq!(list[0].receipt, receipt);
        assert_eq!(list[0].channel, "paper");
        let (_, after) = budgets::results(&app, &official, OPEN, b)
            .await
            .expect("count");
        assert_eq!(
            after.election.ballots.len(),
            before.election.ballots.len() + 1
        );
        let err = budgets::enter_paper(&app, &admin, OPEN, b, "A-001", &[p1, p2])
            .await
            .expect_err("counted");
        assert_eq!(code(err), "paper-counted");
    }
}

#[tokio::test]
async fn budgets_and_projects_refuse_bad_input_and_change_nothing() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let bad = BudgetInput {
            title: "B".into(),
            description: String::new(),
            total: "cento".into(),
            max_choices: "-1".into(),
            rule: "lottery".into(),
        };
        let err = budgets::create(&app, &official, OPEN, &bad)
            .await
            .expect_err("bad");
        let AppError::Domain(DomainError::Invalid(list)) = err else {
            panic!("invalid")
        };
        let mut got: Vec<(&str, &str)> = list.iter().map(|f| (f.field, f.code)).collect();
        got.sort_unstable();
        assert_eq!(
            got,
            [
                ("max_choices", "budget-max-choices-invalid"),
                ("rule", "budget-rule-invalid"),
                ("title", "text-required"),
                ("total", "budget-amount-invalid"),
            ]
        );
        let good = BudgetInput {
            title: "Bilancio dei giovani".into(),
            description: String::new(),
            total: "20000".into(),
            max_choices: "2".into(),
            rule: "mes".into(),
        };
        let err = budgets::create(&app, &anna, OPEN, &good)
            .await
            .expect_err("not a manager");
        assert_eq!(code(err), "forbidden");
        let b = budgets::create(&app, &official, OPEN, &good)
            .await
            .expect("create");
        let project = |cost: &str| ProjectInput {
            title: "Murales nel sottopasso".into(),
            description: "Un murales dipinto con le classi del liceo artistico.".into(),
            cost: cost.into(),
            category: "culture".into(),
            district: String::new(),
        };
        let err = budgets::add_project(&app, &official, OPEN, b, &project("25000"))
            .await
            .expect_err("over");
        assert_eq!(code(err), "budget-project-over-total");
        let p = budgets::add_project(&app, &official, OPEN, b, &project("5000"))
            .await
            .expect("project");
        budgets::vote(&app, &anna, OPEN, b, &[p])
            .await
            .expect("vote");
        let err = budgets::add_project(&app, &official, OPEN, b, &project("5000"))
            .await
            .expect_err("after ballots");
        assert_eq!(code(err), "budget-has-ballots");
    }
}
