//! Spaces on SQLite and PostgreSQL: a private space seen only by its members, roles that open
//! debates, answer and moderate, co-organisers who manage, amendments accepted and rejected,
//! endorsements, proposals born in meetings, follows with notifications and the e-mail digest.

mod common;

use common::{actor, code, demo_app};
use domain::accounts::UserId;
use domain::policy::Actor;
use learning_city_app::amendments::{self, AmendmentInput};
use learning_city_app::comments::{self, CommentInput, On};
use learning_city_app::debates::{self, DebateInput};
use learning_city_app::participation::{self, PhaseInput, ProcessInput};
use learning_city_app::proposals::{self, AnswerInput, ProposalInput};
use learning_city_app::spaces::{self, RoleInput};
use learning_city_app::{App, notifications, search};
use store::accounts::NewUser;
use store::testing::stores;

const PARK: &str = "il-futuro-del-parco-della-dora";

async fn person(app: &App, email: &str) -> Actor {
    let mut tx = app.store.write().await.expect("tx");
    let id = tx
        .insert_user(NewUser {
            email,
            name: "Persona di prova",
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

fn role(email: &str, role: &str) -> RoleInput {
    RoleInput {
        email: email.into(),
        role: role.into(),
    }
}

fn comment(text: &str) -> CommentInput {
    CommentInput {
        comment: text.into(),
        alignment: "0".into(),
        parent: None,
    }
}

/// A published private process of Valdora with a proposing and a commenting phase open today.
async fn private_space(app: &App, official: &Actor) -> String {
    let slug = participation::create(
        app,
        official,
        "comune-di-valdora",
        &ProcessInput {
            title: "Consulta dei giovani amministratori".into(),
            kind: "assembly".into(),
            slug: "consulta-giovani".into(),
            question: "Come coinvolgere i giovani nelle scelte del comune?".into(),
            promise: "La giunta discute ogni proposta della consulta entro un mese.".into(),
            iap2: "involve".into(),
            private: "1".into(),
        },
    )
    .await
    .expect("create");
    let today = participation::today();
    participation::add_phase(
        app,
        official,
        &slug,
        &PhaseInput {
            phase_kind: "proposing".into(),
            phase_title: "Proposte della consulta".into(),
            starts_on: "2020-01-01".into(),
            ends_on: "2099-12-31".into(),
        },
    )
    .await
    .expect("phase");
    assert!(today.as_str() > "2020-01-01");
    participation::publish(app, official, &slug)
        .await
        .expect("publish");
    slug
}

#[tokio::test]
async fn a_private_space_is_seen_only_by_its_members_and_roles_act_in_it() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let other_admin = actor(&app, "associazione@demo.example").await;
        let slug = private_space(&app, &official).await;
        let _ = person(&app, "membro@example.org").await;
        let _ = person(&app, "facilita@example.org").await;
        let outsider = person(&app, "esterno@example.org").await;

        // Nobody outside sees it, not even another organisation's administrator.
        for who in [&Actor::anonymous(), &outsider, &other_admin] {
            let e = participation::view(&app, who, &slug)
                .await
                .expect_err("hidden");
            assert_eq!(code(e), "not-found");
        }
        let visible = spaces::visible_processes(&app, &outsider, None)
            .await
            .expect("list");
        assert!(visible.iter().all(|p| p.slug != slug));

        // Roles: only those who manage the space give them, to existing accounts only.
        let e = spaces::grant_role(
            &app,
            &outsider,
            &slug,
            &role("membro@example.org", "member"),
        )
        .await
        .expect_err("outsider");
        assert_eq!(code(e), "not-found");
        let e = spaces::grant_role(
            &app,
            &official,
            &slug,
            &role("nessuno@example.org", "member"),
        )
        .await
        .expect_err("no account");
        assert_eq!(code(e), "space-role-no-account");
        let e = spaces::grant_role(&app, &official, &slug, &role("membro@example.org", "king"))
            .await
            .expect_err("bad role");
        assert_eq!(code(e), "space-role-invalid");
        spaces::grant_role(
            &app,
            &official,
            &slug,
            &role("membro@example.org", "member"),
        )
        .await
        .expect("member");
        let e = spaces::grant_role(
            &app,
            &official,
            &slug,
            &role("MEMBRO@example.org", "member"),
        )
        .await
        .expect_err("twice");
        assert_eq!(code(e), "space-role-held");
        spaces::grant_role(
            &app,
            &official,
            &slug,
            &role("facilita@example.org", "facilitator"),
        )
        .await
        .expect("facilitator");
        let member = actor(&app, "membro@example.org").await;
        let facilitator = actor(&app, "facilita@example.org").await;
        let visible = spaces::visible_processes(&app, &member, None)
            .await
            .expect("list");
        assert!(visible.iter().any(|p| p.slug == slug));
        participation::view(&app, &member, &slug)
            .await
            .expect("member sees");

        // A facilitator opens a debate; a member may not.
        let input = DebateInput {
            title: "Quali orari per la sala studio?".into(),
            body: "La sala studio chiude alle 19: è abbastanza?".into(),
        };
        let e = debates::open(&app, &member, &slug, &input)
            .await
            .expect_err("member");
        assert_eq!(code(e), "forbidden");
        let bad = DebateInput {
            title: "Corta".into(),
            body: String::new(),
        };
        let e = debates::open(&app, &facilitator, &slug, &bad)
            .await
            .expect_err("bad");
        assert_eq!(code(e), "text-required");
        let d = debates::open(&app, &facilitator, &slug, &input)
            .await
            .expect("open");
        let c1 = comments::add_on(
            &app,
            &member,
            &slug,
            On::Debate(d),
            &comment("Fino alle 22 almeno"),
        )
        .await
        .expect("comment");
        let e = comments::add_on(&app, &outsider, &slug, On::Debate(d), &comment("Anche io"))
            .await
            .expect_err("outsider");
        assert_eq!(code(e), "not-found");
        let e = comments::vote(&app, &outsider, &slug, c1, 1)
            .await
            .expect_err("vote");
        assert_eq!(code(e), "not-found");
        let e = debates::close(&app, &member, &slug, d, "Sintesi del dibattito sugli orari")
            .await
            .expect_err("member closes");
        assert_eq!(code(e), "forbidden");
        debates::close(
            &app,
            &facilitator,
            &slug,
            d,
            "Si chiede l'apertura fino alle 22.",
        )
        .await
        .expect("close");
        let e = comments::add_on(&app, &member, &slug, On::Debate(d), &comment("Tardi?"))
            .await
            .expect_err("closed");
        assert_eq!(code(e), "debate-closed");
        let e = debates::close(
            &app,
            &facilitator,
            &slug,
            d,
            "Seconda sintesi del dibattito",
        )
        .await
        .expect_err("twice");
        assert_eq!(code(e), "debate-closed");
        let (_, debate, _) = debates::view(&app, &member, &slug, d).await.expect("view");
        assert_eq!(debate.comments, 1);
        assert_eq!(debate.summary, "Si chiede l'apertura fino alle 22.");

        // Private content never reaches search, whatever the words.
        let hits = search::search(&app, "sala studio orari", None, 1)
            .await
            .expect("search");
        assert_eq!(hits.total, 0);

        // A co-organiser's administrator manages the space.
        let e = spaces::add_coorganiser(&app, &official, &slug, "comune-di-valdora")
            .await
            .expect_err("owner");
        assert_eq!(code(e), "coorganiser-owner");
        spaces::add_coorganiser(&app, &official, &slug, "associazione-orti-di-quartiere")
            .await
            .expect("coorganiser");
        let (_, _, manages) = participation::view(&app, &other_admin, &slug)
            .await
            .expect("sees");
        assert!(manages);
        // Made public, it appears for everyone (and its debate in search).
        spaces::set_private(&app, &other_admin, &slug, false)
            .await
            .expect("public");
        participation::view(&app, &Actor::anonymous(), &slug)
            .await
            .expect("public now");
        let hits = search::search(&app, "sala studio", None, 1)
            .await
            .expect("search");
        assert_eq!(hits.total, 1);
        assert_eq!(hits.hits[0].kind, "debate");

        // The audit log says who changed what.
        let entries = store::audit::recent(&app.store, 200).await.expect("audit");
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        for a in [
            "space.grant_role",
            "space.add_coorganiser",
            "space.set_private",
            "debate.open",
            "debate.close",
        ] {
            assert!(actions.contains(&a), "{a} audited");
        }
    }
}

#[tokio::test]
async fn evaluators_answer_and_moderators_hide_in_their_space_only() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let official = actor(&app, "funzionario@demo.example").await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let _ = person(&app, "valuta@example.org").await;
        let _ = person(&app, "modera@example.org").await;
        spaces::grant_role(
            &app,
            &official,
            PARK,
            &role("valuta@example.org", "evaluator"),
        )
        .await
        .expect("evaluator");
        spaces::grant_role(
            &app,
            &official,
            PARK,
            &role("modera@example.org", "moderator"),
        )
        .await
        .expect("moderator");
        let evaluator = actor(&app, "valuta@example.org").await;
        let moderator = actor(&app, "modera@example.org").await;
        let list = proposals::list(&app, &anna, PARK, Default::default(), "")
            .await
            .expect("list");
        let pid = list.proposals[0].id;
        let answer = AnswerInput {
            answer: "evaluating".into(),
            answer_text: "La valutiamo con l'ufficio tecnico.".into(),
        };
        let e = proposals::answer(&app, &moderator, PARK, pid, &answer)
            .await
            .expect_err("moderator");
        assert_eq!(code(e), "forbidden");
        proposals::answer(&app, &evaluator, PARK, pid, &answer)
            .await
            .expect("evaluator answers");
        // The moderator hides a comment; the evaluator may not.
        let (threads, _) = comments::threads(&app, pid, 1).await.expect("threads");
        let cid = threads[0].comment.id;
        let e = learning_city_app::moderation::decide(
            &app,
            &evaluator,
            "comment",
            cid,
            Some("off-topic"),
        )
        .await
        .expect_err("evaluator");
        assert_eq!(code(e), "forbidden");
        learning_city_app::moderation::decide(&app, &moderator, "comment", cid, Some("off-topic"))
            .await
            .expect("moderator hides");
        // Roles end when taken back.
        spaces::revoke_role(
            &app,
            &official,
            PARK,
            evaluator.user.expect("id").0,
            "evaluator",
        )
        .await
        .expect("revoke");
        let evaluator = actor(&app, "valuta@example.org").await;
        let e = proposals::answer(&app, &evaluator, PARK, pid, &answer)
            .await
            .expect_err("revoked");
        assert_eq!(code(e), "forbidden");
    }
}

#[tokio::test]
async fn amendments_are_accepted_or_rejected_by_the_author_and_followers_hear_of_it() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let marco = person(&app, "marco@example.org").await;
        let follower = person(&app, "segue@example.org").await;
        let association = actor(&app, "associazione@demo.example").await;
        let id = proposals::create(
            &app,
            &anna,
            PARK,
            &ProposalInput {
                title: "Una fontanella vicino ai giochi".into(),
                body: "Serve acqua potabile per i bambini nelle giornate calde.".into(),
                category: "environment".into(),
                place: "Area giochi".into(),
                cost: "3000".into(),
                meeting: String::new(),
            },
        )
        .await
        .expect("create");
        proposals::publish(&app, &anna, PARK, id)
            .await
            .expect("publish");
        notifications::follow(&app, &follower, "proposal", id, true)
            .await
            .expect("follow");

        let change = AmendmentInput {
            title: "Due fontanelle vicino ai giochi".into(),
            body: "Serve acqua potabile per i bambini: una fontanella per lato del parco.".into(),
        };
        let e = amendments::propose(&app, &anna, PARK, id, &change)
            .await
            .expect_err("own");
        assert_eq!(code(e), "amendment-own");
        let e = amendments::propose(&app, &marco, PARK, id, &AmendmentInput::default())
            .await
            .expect_err("empty");
        assert_eq!(code(e), "proposal-title-short");
        let first = amendments::propose(&app, &marco, PARK, id, &change)
            .await
            .expect("amend");
        let second = amendments::propose(
            &app,
            &marco,
            PARK,
            id,
            &AmendmentInput {
                title: "Nessuna fontanella ma una panchina".into(),
                body: "Meglio una panchina all'ombra che una fontanella.".into(),
            },
        )
        .await
        .expect("amend again");
        // Only the author decides.
        let e = amendments::decide(&app, &marco, PARK, id, first, true)
            .await
            .expect_err("not author");
        assert_eq!(code(e), "forbidden");
        amendments::decide(&app, &anna, PARK, id, first, true)
            .await
            .expect("accept");
        amendments::decide(&app, &anna, PARK, id, second, false)
            .await
            .expect("reject");
        let e = amendments::decide(&app, &anna, PARK, id, second, true)
            .await
            .expect_err("decided");
        assert_eq!(code(e), "amendment-decided");
        let v = proposals::view(&app, &Actor::anonymous(), PARK, id)
            .await
            .expect("view");
        assert_eq!(v.proposal.title, "Due fontanelle vicino ai giochi");
        let states: Vec<&str> = v.amendments.iter().map(|a| a.state.as_str()).collect();
        assert_eq!(states, ["accepted", "rejected"]);
        assert!(v.events.iter().any(|e| e.kind == "amended"));
        // The accepted text is what search finds now.
        let hits = search::search(&app, "fontanelle", Some("proposal"), 1)
            .await
            .expect("search");
        assert_eq!(hits.hits.iter().filter(|h| h.item_id == id).count(), 1);

        // An organisation endorses once.
        let org = association.memberships[0].0.0;
        amendments::endorse(&app, &association, PARK, id, org)
            .await
            .expect("endorse");
        let e = amendments::endorse(&app, &association, PARK, id, org)
            .await
            .expect_err("twice");
        assert_eq!(code(e), "endorsed-already");
        let e = amendments::endorse(&app, &marco, PARK, id, org)
            .await
            .expect_err("not admin");
        assert_eq!(code(e), "forbidden");
        let v = proposals::view(&app, &Actor::anonymous(), PARK, id)
            .await
            .expect("view");
        assert_eq!(v.endorsements.len(), 1);

        // The follower heard of two amendments proposed, one accepted, one rejected; the author
        // (who follows her proposal) of the two proposed; marco (following since amending) of
        // the decisions.
        let kinds = |list: Vec<store::spaces::NotificationRow>| {
            let mut k: Vec<String> = list.into_iter().map(|n| n.kind).collect();
            k.sort();
            k
        };
        let seen = kinds(notifications::inbox(&app, &follower).await.expect("inbox"));
        assert_eq!(
            seen,
            [
                "amendment-accepted",
                "amendment-proposed",
                "amendment-proposed",
                "amendment-rejected"
            ]
        );
        // Anna also follows the whole park in the demo: its debate's opening and comments.
        let seen = kinds(notifications::inbox(&app, &anna).await.expect("inbox"));
        let amended: Vec<&String> = seen.iter().filter(|k| k.starts_with("amendment")).collect();
        assert_eq!(amended, ["amendment-proposed", "amendment-proposed"]);
        assert_eq!(seen.iter().filter(|k| *k == "debate-opened").count(), 1);
        let seen = kinds(notifications::inbox(&app, &marco).await.expect("inbox"));
        assert_eq!(seen, ["amendment-accepted", "amendment-rejected"]);
        let user = follower.user.expect("id").0;
        assert_eq!(
            app.store.unread_notifications(user).await.expect("unread"),
            0
        );

        // The digest: weekly by default, one message with the four items, never twice.
        let before = app
            .store
            .recent_jobs_of_kind("mail.send", 1000)
            .await
            .expect("jobs")
            .len();
        let now = learning_city_app::now();
        let sent = notifications::send_digests(&app, now)
            .await
            .expect("digests");
        assert_eq!(sent, 3);
        assert_eq!(
            notifications::send_digests(&app, now).await.expect("again"),
            0
        );
        let mails = app
            .store
            .recent_jobs_of_kind("mail.send", 1000)
            .await
            .expect("jobs");
        assert_eq!(mails.len(), before + 3);
        let to_follower = mails
            .iter()
            .find(|(_, _, p)| p.contains("segue@example.org"))
            .expect("follower's digest");
        assert!(to_follower.2.contains("Due fontanelle vicino ai giochi"));
        assert!(
            to_follower
                .2
                .contains("/processes/il-futuro-del-parco-della-dora/proposals/")
        );
        // Nothing new: a week later still nothing to send; someone who chose never gets none.
        notifications::set_digest(&app, &marco, "never")
            .await
            .expect("never");
        let e = notifications::set_digest(&app, &marco, "hourly")
            .await
            .expect_err("bad");
        assert_eq!(code(e), "digest-invalid");
        comments::add(
            &app,
            &anna,
            PARK,
            id,
            &comment("Grazie a tutti per gli emendamenti"),
        )
        .await
        .expect("comment");
        let later = now + 8 * 86_400;
        assert_eq!(
            notifications::send_digests(&app, later)
                .await
                .expect("later"),
            1
        );
    }
}

#[tokio::test]
async fn a_proposal_born_in_a_meeting_is_linked_to_it() {
    for store in stores().await.expect("stores") {
        let app = demo_app(store).await;
        let anna = actor(&app, "cittadina@demo.example").await;
        let (_, meetings, _) = learning_city_app::meetings::list(&app, &anna, PARK)
            .await
            .expect("meetings");
        let meeting = meetings[0].id;
        let input = |m: String| ProposalInput {
            title: "Orti condivisi lungo il fiume".into(),
            body: "Nata al laboratorio: orti per le scuole lungo la Dora.".into(),
            category: "environment".into(),
            place: String::new(),
            cost: String::new(),
            meeting: m,
        };
        let e = proposals::create(&app, &anna, PARK, &input("999999".into()))
            .await
            .expect_err("bad");
        assert_eq!(code(e), "proposal-meeting-invalid");
        let id = proposals::create(&app, &anna, PARK, &input(meeting.to_string()))
            .await
            .expect("create");
        proposals::publish(&app, &anna, PARK, id)
            .await
            .expect("publish");
        let v = proposals::view(&app, &anna, PARK, id).await.expect("view");
        assert_eq!(v.meeting.map(|m| m.0), Some(meeting));
        let born = app.store.meeting_proposals(meeting).await.expect("born");
        assert_eq!(born, vec![(id, "Orti condivisi lungo il fiume".to_owned())]);
    }
}
