//! Proposals, supports, answers and comments, told through the use cases on the demo network, on
//! SQLite and PostgreSQL: the lifecycle from draft to implemented, the rules phases and roles
//! impose, concurrent supports, and search finding the same hits on both engines.

mod common;

use common::{actor, demo_app};
use domain::DomainError;
use domain::accounts::UserId;
use domain::organisations::OrgId;
use domain::policy::Actor;
use learning_city_app::comments::{self, CommentInput};
use learning_city_app::proposals::{self, AnswerInput, ProposalInput};
use learning_city_app::{App, AppError, search};
use store::accounts::NewUser;
use store::proposals::ProposalFilter;
use store::testing::stores;

const PARK: &str = "il-futuro-del-parco-della-dora";
const SQUARE: &str = "piazza-del-mercato";
const YOUTH: &str = "centro-giovani-san-michele";

/// `n` residents of Valdora with no password, created in one transaction. Their verification is
/// given to them here: the census's own story is in `verification.rs`.
async fn residents(app: &App, n: usize, prefix: &str) -> Vec<Actor> {
    let valdora = app
        .store
        .org_by_slug("comune-di-valdora")
        .await
        .expect("load")
        .expect("exists")
        .id;
    let mut tx = app.store.write().await.expect("tx");
    let mut out = Vec::new();
    for i in 0..n {
        let email = format!("{prefix}{i}@example.org");
        let id = tx
            .insert_user(NewUser {
                email: &email,
                name: "Resident",
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
            verified: vec![OrgId(valdora)],
            ..Actor::default()
        });
    }
    tx.commit().await.expect("commit");
    out
}

fn conflict(e: AppError) -> &'static str {
    match e {
        AppError::Domain(DomainError::Conflict(code)) => code,
        e => panic!("expected a conflict, got {e:?}"),
    }
}

fn fields(e: AppError) -> Vec<(&'static str, &'static str)> {
    match e {
        AppError::Domain(DomainError::Invalid(list)) => {
            list.into_iter().map(|f| (f.field, f.code)).collect()
        }
        e => panic!("expected invalid input, got {e:?}"),
    }
}

fn input(title: &str) -> ProposalInput {
    ProposalInput {
        title: title.into(),
        body: "Piantare **alberi** lungo il viale per fare ombra ai giochi.".into(),
        category: "environment".into(),
        place: "Viale dei tigli".into(),
        cost: "12.500".into(),
        meeting: String::new(),
    }
}

#[tokio::test]
async fn a_proposal_goes_from_draft_to_implemented() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let official = actor(&app, "funzionario@demo.example").await;
        let other_admin = actor(&app, "associazione@demo.example").await;

        let id = proposals::create(&app, &anna, PARK, &input("Alberi e ombra nel parco giochi"))
            .await
            .expect("draft");
        // A draft is visible to its author only; the similar published proposal is offered.
        let v = proposals::view(&app, &anna, PARK, id).await.expect("view");
        assert_eq!(v.proposal.state, "draft");
        assert_eq!(v.proposal.cost, Some(12_500));
        assert_eq!(
            v.similar.first().map(|s| s.1.as_str()),
            Some("Più alberi e ombra vicino ai giochi")
        );
        let err = proposals::view(&app, &Actor::anonymous(), PARK, id)
            .await
            .err()
            .expect("hidden");
        assert!(matches!(err, AppError::Domain(DomainError::NotFound)));
        let (list, total) = app
            .store
            .proposals(
                v.process.id,
                &ProposalFilter {
                    limit: 50,
                    ..Default::default()
                },
            )
            .await
            .expect("list");
        assert_eq!(total, 6, "drafts are not listed");
        assert!(list.iter().all(|p| p.id != id));

        proposals::publish(&app, &anna, PARK, id)
            .await
            .expect("publish");
        assert_eq!(
            conflict(
                proposals::publish(&app, &anna, PARK, id)
                    .await
                    .expect_err("twice")
            ),
            "proposal-not-draft"
        );
        // The author edits within the window while nobody supports it.
        let mut changed = input("Alberi e ombra nel parco giochi di via Livorno");
        changed.cost = String::new();
        proposals::update(&app, &anna, PARK, id, &changed)
            .await
            .expect("edit");
        // Someone else may not edit it.
        let err = proposals::update(&app, &official, PARK, id, &changed)
            .await
            .expect_err("other");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));

        let people = residents(&app, 3, "sostenitore").await;
        for p in &people {
            proposals::support(&app, p, PARK, id)
                .await
                .expect("support");
        }
        proposals::support(&app, &people[0], PARK, id)
            .await
            .expect("again is a no-op");
        let v = proposals::view(&app, &anna, PARK, id).await.expect("view");
        assert_eq!(v.proposal.supports, 3);
        assert_eq!(app.store.count_supports(id).await.expect("count"), 3);
        assert_eq!(v.proposal.cost, None);
        assert!(!v.can_edit, "supported proposals cannot be edited");
        assert_eq!(
            conflict(
                proposals::update(&app, &anna, PARK, id, &changed)
                    .await
                    .expect_err("locked")
            ),
            "proposal-not-editable"
        );
        proposals::unsupport(&app, &people[2], PARK, id)
            .await
            .expect("take back");
        assert_eq!(app.store.count_supports(id).await.expect("count"), 2);

        // Only the owning municipality's administrators answer.
        let answer = |a: &str, t: &str| AnswerInput {
            answer: a.into(),
            answer_text: t.into(),
        };
        let err = proposals::answer(
            &app,
            &other_admin,
            PARK,
            id,
            &answer("accepted", "Va bene così"),
        )
        .await
        .expect_err("other org");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        let bad = proposals::answer(&app, &official, PARK, id, &answer("maybe", "no"))
            .await
            .expect_err("bad");
        assert_eq!(
            fields(bad),
            vec![
                ("answer", "answer-invalid"),
                ("answer_text", "answer-text-short")
            ]
        );
        for (code, text) in [
            ("evaluating", "La valutiamo con il servizio verde."),
            ("accepted", "Entra nel progetto del parco."),
            ("implemented", "Piantati 12 tigli a ottobre."),
        ] {
            proposals::answer(&app, &official, PARK, id, &answer(code, text))
                .await
                .expect("answer");
        }
        let v = proposals::view(&app, &Actor::anonymous(), PARK, id)
            .await
            .expect("public");
        assert_eq!(v.proposal.answer.as_deref(), Some("implemented"));
        let history: Vec<(String, Option<String>)> = v
            .events
            .iter()
            .map(|e| (e.kind.clone(), e.state.clone()))
            .collect();
        let s = |x: &str| Some(x.to_owned());
        assert_eq!(
            history,
            vec![
                ("created".into(), s("draft")),
                ("published".into(), s("published")),
                ("edited".into(), None),
                ("answered".into(), s("evaluating")),
                ("answered".into(), s("accepted")),
                ("answered".into(), s("implemented")),
            ]
        );
        assert_eq!(
            conflict(
                proposals::withdraw(&app, &anna, PARK, id)
                    .await
                    .expect_err("implemented")
            ),
            "proposal-not-withdrawable"
        );
        // Search finds it by a stem of a word in its new title, in either language's stemming.
        let r = search::search(&app, "livorno alberi", Some("proposal"), 1)
            .await
            .expect("search");
        assert_eq!(r.hits.first().map(|h| h.item_id), Some(id));
        assert!(matches!(
            store::audit::verify(&app.store).await.expect("verify"),
            store::audit::Verdict::Intact { .. }
        ));
    }
}

#[tokio::test]
async fn phases_and_limits_decide_what_is_open() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        // The square's proposing and supporting phases are over; the youth centre never collects
        // proposals.
        for slug in [SQUARE, YOUTH] {
            assert_eq!(
                conflict(
                    proposals::create(&app, &anna, slug, &input("Una proposta fuori tempo"))
                        .await
                        .expect_err("closed")
                ),
                "proposing-closed"
            );
        }
        let v = proposals::list(
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
        .expect("list");
        let first = v.proposals[0].id;
        assert_eq!(
            conflict(
                proposals::support(&app, &anna, SQUARE, first)
                    .await
                    .expect_err("closed")
            ),
            "supporting-closed"
        );
        // Anonymous people may read but not take part.
        let err = proposals::create(
            &app,
            &Actor::anonymous(),
            PARK,
            &input("Anonima e senza nome"),
        )
        .await
        .expect_err("anonymous");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));
        // Bad input: every field's reason, nothing stored.
        let before = app
            .store
            .proposal_texts(v.process.id)
            .await
            .expect("texts")
            .len();
        let bad = ProposalInput {
            title: "Corto".into(),
            body: "x".repeat(10_001),
            category: "weather".into(),
            place: "p".repeat(201),
            cost: "-5".into(),
            meeting: String::new(),
        };
        let mut got = fields(
            proposals::create(&app, &anna, PARK, &bad)
                .await
                .expect_err("bad"),
        );
        got.sort();
        assert_eq!(
            got,
            vec![
                ("body", "text-too-long"),
                ("category", "category-invalid"),
                ("cost", "cost-invalid"),
                ("place", "text-too-long"),
                ("title", "proposal-title-short"),
            ]
        );
        assert_eq!(
            app.store
                .proposal_texts(v.process.id)
                .await
                .expect("texts")
                .len(),
            before
        );
        // The park allows five supports per person.
        let park = proposals::list(
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
        assert_eq!(park.process.support_limit, 5);
        assert_eq!(park.proposals.len(), 6);
        for p in &park.proposals[..5] {
            proposals::support(&app, &anna, PARK, p.id)
                .await
                .expect("within limit");
        }
        assert_eq!(
            conflict(
                proposals::support(&app, &anna, PARK, park.proposals[5].id)
                    .await
                    .expect_err("limit")
            ),
            "support-limit-reached"
        );
        proposals::unsupport(&app, &anna, PARK, park.proposals[0].id)
            .await
            .expect("free one");
        proposals::support(&app, &anna, PARK, park.proposals[5].id)
            .await
            .expect("now fits");
    }
}

#[tokio::test]
async fn concurrent_supports_count_exactly() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
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
        let target = list.proposals[5].clone();
        // 200 simultaneous supports by one person store exactly one.
        let mut tasks = Vec::new();
        for _ in 0..200 {
            let (app, anna) = (app.clone(), anna.clone());
            tasks.push(tokio::spawn(async move {
                proposals::support(&app, &anna, PARK, target.id).await
            }));
        }
        for t in tasks {
            t.await.expect("join").expect("support");
        }
        assert_eq!(
            app.store.count_supports(target.id).await.expect("n"),
            target.supports + 1
        );
        // 1 000 people supporting at once give exactly 1 000 more.
        let people = residents(&app, 1000, "folla").await;
        let mut tasks = Vec::new();
        for p in people {
            let app = app.clone();
            tasks.push(tokio::spawn(async move {
                proposals::support(&app, &p, PARK, target.id).await
            }));
        }
        for t in tasks {
            t.await.expect("join").expect("support");
        }
        let after = app
            .store
            .proposal(target.id)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(after.supports, target.supports + 1001);
        assert_eq!(
            app.store.count_supports(target.id).await.expect("n"),
            target.supports + 1001
        );
        println!(
            "concurrent supports: 200 same-person → 1, 1000 people → {}",
            after.supports - target.supports - 1
        );
    }
}

#[tokio::test]
async fn comments_thread_vote_and_keep_their_history() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let marco = actor(&app, "ricercatore@demo.example").await;
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
        let pid = list.proposals[3].id;
        let c = |text: &str, al: &str, parent: Option<i64>| CommentInput {
            comment: text.into(),
            alignment: al.into(),
            parent,
        };
        let root = comments::add(
            &app,
            &anna,
            PARK,
            pid,
            &c("Sono a favore <script>alert(1)</script>", "1", None),
        )
        .await
        .expect("comment");
        let reply = comments::add(&app, &marco, PARK, pid, &c("Anche io", "0", Some(root)))
            .await
            .expect("reply");
        let deeper = comments::add(&app, &anna, PARK, pid, &c("Grazie!", "", Some(reply)))
            .await
            .expect("deeper");
        let bad = comments::add(&app, &anna, PARK, pid, &c(" ", "2", None))
            .await
            .expect_err("bad");
        assert_eq!(
            fields(bad),
            vec![
                ("comment", "comment-empty"),
                ("alignment", "alignment-invalid")
            ]
        );
        // A reply to a comment of another proposal is refused.
        let other = list.proposals[0].id;
        let err = comments::add(&app, &anna, PARK, other, &c("Fuori posto", "0", Some(root)))
            .await
            .expect_err("cross");
        assert_eq!(fields(err), vec![("comment", "comment-parent-invalid")]);

        comments::vote(&app, &marco, PARK, root, 1)
            .await
            .expect("up");
        comments::vote(&app, &marco, PARK, root, 1)
            .await
            .expect("same again");
        comments::vote(&app, &marco, PARK, root, -1)
            .await
            .expect("change");
        assert_eq!(
            conflict(
                comments::vote(&app, &anna, PARK, root, 1)
                    .await
                    .expect_err("own")
            ),
            "comment-own-vote"
        );
        comments::edit(&app, &anna, root, "Sono a favore, con qualche dubbio")
            .await
            .expect("edit");
        let err = comments::edit(&app, &marco, root, "Hijack")
            .await
            .expect_err("not mine");
        assert!(matches!(err, AppError::Domain(DomainError::Forbidden)));

        let (threads, n) = comments::threads(&app, pid, 1).await.expect("threads");
        assert_eq!(n, 1);
        let shape: Vec<(i64, usize, i64, i64)> = threads
            .iter()
            .map(|t| (t.comment.id, t.depth, t.comment.ups, t.comment.downs))
            .collect();
        assert_eq!(
            shape,
            vec![(root, 0, 0, 1), (reply, 1, 0, 0), (deeper, 2, 0, 0)]
        );
        assert_eq!(
            threads[0].html,
            "<p>Sono a favore, con qualche dubbio</p>\n"
        );
        assert_eq!(
            app.store
                .comment_edits(root)
                .await
                .expect("edits")
                .into_iter()
                .map(|e| e.1)
                .collect::<Vec<_>>(),
            vec!["Sono a favore <script>alert(1)</script>".to_owned()]
        );
        let p = app
            .store
            .proposal(pid)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(p.comments, 3);
    }
}

#[tokio::test]
async fn search_finds_the_same_hits_on_both_engines() {
    let mut seen: Vec<Vec<(String, String, i64)>> = Vec::new();
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let mut run = Vec::new();
        for q in [
            "parco",
            "giovani",
            "alberi ombra",
            "Università",
            "orti",
            "parks",
            "mercato contadino",
            "zzzz",
        ] {
            let r = search::search(&app, q, None, 1).await.expect("search");
            for h in r.hits {
                run.push((q.to_owned(), format!("{}:{}", h.kind, h.title), h.score));
            }
        }
        // Stems and folding: "giovani" finds "giovane"/"giovani", "Università" finds "universita".
        assert!(
            run.iter()
                .any(|(q, t, _)| q == "giovani" && t.contains("giovani"))
        );
        assert!(
            run.iter()
                .any(|(q, t, _)| q == "Università" && t.starts_with("organisation:Università"))
        );
        assert!(
            run.iter()
                .any(|(q, t, _)| q == "orti" && t == "proposal:Orti condivisi per il quartiere")
        );
        assert!(!run.iter().any(|(q, _, _)| q == "zzzz"));
        seen.push(run);
    }
    if seen.len() == 2 {
        assert_eq!(seen[0], seen[1], "SQLite and PostgreSQL disagree");
        println!(
            "search: {} identical hits on SQLite and PostgreSQL",
            seen[0].len()
        );
    }
}

/// The list's text filter finds every proposal holding the words (not only the best hundred of a
/// search), orders and pages them like the rest of the list, and counts them all.
#[tokio::test]
async fn the_text_filter_of_the_list_finds_every_matching_proposal() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let mut ids = Vec::new();
        for i in 0..105 {
            let mut proposal = input(&format!("Lampioni solari in via numero {i}"));
            proposal.body = "Più luce la sera con lampioni a energia solare.".into();
            let id = proposals::create(&app, &anna, PARK, &proposal)
                .await
                .expect("create");
            proposals::publish(&app, &anna, PARK, id)
                .await
                .expect("publish");
            ids.push(id);
        }
        let page = |n: i64| ProposalFilter {
            limit: 20,
            offset: (n - 1) * 20,
            order: "oldest".into(),
            ..Default::default()
        };
        let first = proposals::list(&app, &anna, PARK, page(1), "lampione")
            .await
            .expect("list");
        assert_eq!(first.total, 105);
        let got: Vec<i64> = first.proposals.iter().map(|p| p.id).collect();
        assert_eq!(got, ids[..20]);
        let last = proposals::list(&app, &anna, PARK, page(6), "lampioni solari")
            .await
            .expect("list");
        assert_eq!(last.total, 105);
        let got: Vec<i64> = last.proposals.iter().map(|p| p.id).collect();
        assert_eq!(got, ids[100..]);
        let none = proposals::list(&app, &anna, PARK, page(1), "lampioni ombrelloni")
            .await
            .expect("list");
        assert_eq!((none.total, none.proposals.len()), (0, 0));
    }
}
