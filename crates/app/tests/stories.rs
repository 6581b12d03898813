//! Story tests: the foundation's lifecycles, told through the use cases, on SQLite and (when
//! configured) PostgreSQL.

use domain::accounts::Lang;
use domain::policy::Actor;
use domain::{DomainError, FieldError};
use learning_city_app::accounts::{self, Registration};
use learning_city_app::{App, AppError, Config, demo, jobs, networks, organisations};
use store::Store;
use store::audit::{self, Verdict};
use store::testing::stores;

fn app_on(store: Store) -> App {
    let mut config = Config::default();
    let dir = std::env::temp_dir().join(format!(
        "lc_mail_{}_{}",
        std::process::id(),
        store::testing::sqlite_url().len() + rand_suffix()
    ));
    config.mail.dir = dir.display().to_string();
    App::with_store(store, config).expect("app")
}

fn rand_suffix() -> usize {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as usize)
        .unwrap_or(0)
}

/// The messages queued so far: `(to, subject, body)`.
async fn outbox(app: &App) -> Vec<(String, String, String)> {
    let rows = app
        .store
        .recent_jobs_of_kind("mail.send", 100)
        .await
        .expect("jobs");
    rows.into_iter()
        .rev()
        .map(|(_, _, payload)| {
            let m: learning_city_app::mail::OutgoingMail =
                serde_json::from_str(&payload).expect("payload");
            (m.to, m.subject, m.body)
        })
        .collect()
}

/// The token at the end of the first link in `body` that contains `path`.
fn token_in(body: &str, path: &str) -> String {
    let line = body
        .lines()
        .find(|l| l.contains(path))
        .unwrap_or_else(|| panic!("no {path} link in {body}"));
    line.rsplit('/').next().expect("token").trim().to_owned()
}

async fn admin(app: &App) -> Actor {
    let id = accounts::create_admin(
        app,
        "root@example.org",
        "Root Admin",
        "correct horse battery",
    )
    .await
    .expect("admin");
    let user = app
        .store
        .user_by_id(id)
        .await
        .expect("load")
        .expect("exists");
    accounts::actor_of(app, &user).await.expect("actor")
}

async fn actor_for(app: &App, email: &str) -> Actor {
    let user = app
        .store
        .user_by_email(email)
        .await
        .expect("load")
        .expect("exists");
    accounts::actor_of(app, &user).await.expect("actor")
}

fn invalid_fields(e: AppError) -> Vec<FieldError> {
    match e {
        AppError::Domain(DomainError::Invalid(f)) => f,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn a_resident_registers_confirms_logs_in_edits_and_logs_out() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        let reg = Registration {
            name: "Anna Rossi".into(),
            email: "Anna@Example.ORG".into(),
            password: "una frase lunga".into(),
            lang: Lang::En,
        };
        accounts::register(&app, &reg, "10.0.0.1")
            .await
            .expect("register");
        let user = app
            .store
            .user_by_email("anna@example.org")
            .await
            .expect("load")
            .expect("stored lowercased");
        assert_eq!(
            (
                user.name.as_str(),
                user.lang.as_str(),
                user.email_confirmed_at
            ),
            ("Anna Rossi", "en", None)
        );
        assert!(
            user.password_hash
                .as_deref()
                .is_some_and(|h| h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"))
        );

        // Unconfirmed: the right password is refused and a fresh link is mailed.
        let err = accounts::login(&app, "anna@example.org", "una frase lunga", "10.0.0.1")
            .await
            .expect_err("unconfirmed");
        assert_eq!(
            invalid_fields(err),
            vec![FieldError::new("email", "login-unconfirmed")]
        );
        let mails = outbox(&app).await;
        assert_eq!(mails.len(), 2);
        assert_eq!(mails[0].1, "Confirm your email address");
        assert!(
            mails[0]
                .2
                .starts_with("Hello Anna Rossi,\n\nto confirm your address")
        );

        accounts::confirm_email(&app, &token_in(&mails[0].2, "/confirm/"))
            .await
            .expect("confirm");
        let again = accounts::confirm_email(&app, &token_in(&mails[0].2, "/confirm/"))
            .await
            .expect_err("single use");
        assert!(matches!(
            again,
            AppError::Domain(DomainError::Conflict("token-invalid"))
        ));

        let session = accounts::login(&app, "anna@example.org", "una frase lunga", "10.0.0.1")
            .await
            .expect("login");
        let (row, actor) = accounts::session_actor(&app, &session.token)
            .await
            .expect("lookup")
            .expect("live session");
        assert_eq!(row.id, user.id);
        accounts::update_account(&app, &actor, "Anna Maria Rossi", "it")
            .await
            .expect("update");
        let bad = accounts::update_account(&app, &actor, "<i>Anna</i>", "de")
            .await
            .expect_err("bad input");
        assert_eq!(
            invalid_fields(bad),
            vec![
                FieldError::new("name", "name-markup"),
                FieldError::new("lang", "lang-invalid")
            ]
        );
        let row = app
            .store
            .user_by_id(user.id)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(
            (row.name.as_str(), row.lang.as_str()),
            ("Anna Maria Rossi", "it")
        );

        accounts::logout(&app, &session.token)
            .await
            .expect("logout");
        assert!(
            accounts::session_actor(&app, &session.token)
                .await
                .expect("lookup")
                .is_none()
        );
        assert!(matches!(
            audit::verify(&app.store).await.expect("verify"),
            Verdict::Intact { entries: 5 }
        ));
    }
}

#[tokio::test]
async fn registering_a_taken_address_reveals_nothing_and_stores_nothing() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        let reg = Registration {
            name: "Anna Rossi".into(),
            email: "anna@example.org".into(),
            password: "una frase lunga".into(),
            lang: Lang::It,
        };
        accounts::register(&app, &reg, "10.0.0.1")
            .await
            .expect("first");
        let second = Registration {
            name: "Impostore".into(),
            password: "altra frase lunga".into(),
            ..reg
        };
        accounts::register(&app, &second, "10.0.0.2")
            .await
            .expect("same answer as a new account");
        assert_eq!(app.store.count_users().await.expect("count"), 1);
        let mails = outbox(&app).await;
        assert_eq!(
            mails.iter().map(|m| m.1.as_str()).collect::<Vec<_>>(),
            ["Conferma il tuo indirizzo email", "Hai già un account"]
        );

        let bad = Registration {
            name: "a".repeat(10_000),
            email: "not-an-address".into(),
            password: "short".into(),
            lang: Lang::It,
        };
        let fields = invalid_fields(
            accounts::register(&app, &bad, "10.0.0.3")
                .await
                .expect_err("invalid"),
        );
        assert_eq!(
            fields,
            vec![
                FieldError::new("name", "name-too-long"),
                FieldError::new("email", "email-invalid"),
                FieldError::new("password", "password-too-short")
            ]
        );
        assert_eq!(app.store.count_users().await.expect("count"), 1);
        assert_eq!(outbox(&app).await.len(), 2, "no mail for a refused form");
    }
}

#[tokio::test]
async fn links_log_in_once_and_a_reset_ends_other_sessions() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        admin(&app).await;
        let old = accounts::login(
            &app,
            "root@example.org",
            "correct horse battery",
            "10.0.0.1",
        )
        .await
        .expect("login");

        accounts::request_login_link(&app, "root@example.org", "10.0.0.1")
            .await
            .expect("link");
        accounts::request_login_link(&app, "nobody@example.org", "10.0.0.1")
            .await
            .expect("same answer for an unknown address");
        let mails = outbox(&app).await;
        assert_eq!(mails.len(), 1, "nothing is sent to an unknown address");
        let token = token_in(&mails[0].2, "/login/link/");
        accounts::login_with_link(&app, &token)
            .await
            .expect("link login");
        assert!(
            accounts::login_with_link(&app, &token).await.is_err(),
            "a link works once"
        );

        accounts::request_password_reset(&app, "root@example.org", "10.0.0.1")
            .await
            .expect("reset mail");
        let token = token_in(&outbox(&app).await[1].2, "/password/reset/");
        let short = accounts::reset_password(&app, &token, "short")
            .await
            .expect_err("short");
        assert_eq!(
            invalid_fields(short),
            vec![FieldError::new("password", "password-too-short")]
        );
        accounts::reset_password(&app, &token, "a brand new passphrase")
            .await
            .expect("reset");
        assert!(
            accounts::session_actor(&app, &old.token)
                .await
                .expect("lookup")
                .is_none(),
            "old session ended"
        );
        assert!(
            accounts::login(
                &app,
                "root@example.org",
                "correct horse battery",
                "10.0.0.1"
            )
            .await
            .is_err()
        );
        accounts::login(
            &app,
            "root@example.org",
            "a brand new passphrase",
            "10.0.0.1",
        )
        .await
        .expect("new password");
    }
}

#[tokio::test]
async fn an_address_hammering_one_account_is_refused_while_its_owner_logs_in_elsewhere() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        admin(&app).await;
        let mut refused = 0;
        let mut wrong = 0;
        for _ in 0..30 {
            match accounts::login(&app, "root@example.org", "wrong password!", "203.0.113.9").await
            {
                Err(AppError::Domain(DomainError::RateLimited)) => refused += 1,
                Err(AppError::Domain(DomainError::Invalid(_))) => wrong += 1,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!((wrong, refused), (10, 20));
        // Even the right password is refused from the hammering address…
        assert!(matches!(
            accounts::login(
                &app,
                "root@example.org",
                "correct horse battery",
                "203.0.113.9"
            )
            .await,
            Err(AppError::Domain(DomainError::RateLimited))
        ));
        // …but not from the owner's.
        accounts::login(
            &app,
            "root@example.org",
            "correct horse battery",
            "198.51.100.7",
        )
        .await
        .expect("owner logs in");
    }
}

#[tokio::test]
async fn organisations_members_invitations_and_the_last_admin() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        let root = admin(&app).await;
        let input = organisations::OrgInput {
            name: "Comune di Prova".into(),
            kind: "municipality".into(),
            territory_name: "Prova".into(),
            istat_code: "001999".into(),
            nuts3: "itc11".into(),
            population: "12.345".into(),
            description: "<script>alert(1)</script> resta testo".into(),
            ..Default::default()
        };
        let slug = organisations::create(&app, &root, &input)
            .await
            .expect("create");
        assert_eq!(slug, "comune-di-prova");
        let org = app
            .store
            .org_by_slug(&slug)
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(
            org.description, "<script>alert(1)</script> resta testo",
            "stored as typed, escaped when shown"
        );
        let territory = app
            .store
            .territory(org.territory_id.expect("territory"))
            .await
            .expect("load")
            .expect("exists");
        assert_eq!(
            (territory.nuts3.as_deref(), territory.population),
            (Some("ITC11"), Some(12_345))
        );
        let dup = organisations::create(&app, &root, &input)
            .await
            .expect_err("duplicate");
        assert!(
            matches!(dup, AppError::Domain(DomainError::Invalid(ref f)) if f[0].code == "istat-taken" || f[0].code == "slug-taken")
        );

        // Someone without a role cannot create or edit.
        accounts::register(
            &app,
            &Registration {
                name: "Bea Neri".into(),
                email: "bea@example.org".into(),
                password: "una frase lunga".into(),
                lang: Lang::It,
            },
            "10.0.0.1",
        )
        .await
        .expect("register");
        let bea = actor_for(&app, "bea@example.org").await;
        assert!(matches!(
            organisations::create(&app, &bea, &input).await,
            Err(AppError::Domain(DomainError::Forbidden))
        ));
        assert!(matches!(
            organisations::update(&app, &bea, &slug, &input).await,
            Err(AppError::Domain(DomainError::Forbidden))
        ));

        // The admin invites Bea as an administrator; she accepts once.
        organisations::invite(&app, &root, &slug, "bea@example.org", "admin", Lang::It)
            .await
            .expect("invite");
        let mail = outbox(&app)
            .await
            .into_iter()
            .find(|m| m.1.starts_with("Invito"))
            .expect("invitation mail");
        assert_eq!(mail.1, "Invito a unirti a Comune di Prova");
        let token = token_in(&mail.2, "/invitations/");
        assert_eq!(
            organisations::accept_invitation(&app, &bea, &token)
                .await
                .expect("accept"),
            slug
        );
        assert!(
            organisations::accept_invitation(&app, &bea, &token)
                .await
                .is_err(),
            "an invitation is used once"
        );
        let bea = actor_for(&app, "bea@example.org").await;
        let edited = organisations::OrgInput {
            name: "Comune di Prova Nuova".into(),
            ..input.clone()
        };
        organisations::update(&app, &bea, &slug, &edited)
            .await
            .expect("admin edits");
        assert_eq!(
            app.store
                .org_by_slug(&slug)
                .await
                .expect("load")
                .expect("exists")
                .name,
            "Comune di Prova Nuova"
        );

        // The last administrator cannot step down.
        let bea_id = bea.user.expect("user").0;
        let last = organisations::change_member(&app, &bea, &slug, bea_id, "member")
            .await
            .expect_err("last admin");
        assert!(matches!(
            last,
            AppError::Domain(DomainError::Conflict("last-admin"))
        ));
        assert!(matches!(
            audit::verify(&app.store).await.expect("verify"),
            Verdict::Intact { .. }
        ));
    }
}

#[tokio::test]
async fn networks_and_commitments() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        let root = admin(&app).await;
        let net = organisations::create(
            &app,
            &root,
            &organisations::OrgInput {
                name: "Rete Test".into(),
                kind: "network".into(),
                ..Default::default()
            },
        )
        .await
        .expect("network");
        let assoc = organisations::create(
            &app,
            &root,
            &organisations::OrgInput {
                name: "Associazione Test".into(),
                kind: "association".into(),
                ..Default::default()
            },
        )
        .await
        .expect("association");
        let bad = networks::add_member(&app, &root, &net, "missing-org", "2024-02-30")
            .await
            .expect_err("bad input");
        assert_eq!(
            invalid_fields(bad),
            vec![
                FieldError::new("since", "date-invalid"),
                FieldError::new("org", "org-unknown")
            ]
        );
        networks::add_member(&app, &root, &net, &assoc, "2024-02-29")
            .await
            .expect("add");
        let members = app
            .store
            .network_members(app.store.org_by_slug(&net).await.expect("l").expect("e").id)
            .await
            .expect("members");
        assert_eq!(
            members
                .iter()
                .map(|m| (m.slug.as_str(), m.date.as_str()))
                .collect::<Vec<_>>(),
            [("associazione-test", "2024-02-29")]
        );
        assert!(matches!(
            networks::add_member(&app, &root, &assoc, &net, "2024-01-01").await,
            Err(AppError::Domain(DomainError::Conflict("not-a-network")))
        ));

        demo::seed(&app).await.expect("demo beside the test data");
        networks::sign(
            &app,
            &root,
            "manifesto-citta-che-apprendono",
            &assoc,
            "2025-01-10",
        )
        .await
        .expect("sign");
        let twice = networks::sign(
            &app,
            &root,
            "manifesto-citta-che-apprendono",
            &assoc,
            "2025-01-11",
        )
        .await
        .expect_err("twice");
        assert_eq!(
            invalid_fields(twice),
            vec![FieldError::new("org", "already-signed")]
        );
    }
}

#[tokio::test]
async fn the_demo_network_mirrors_a_real_one() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        demo::seed(&app).await.expect("seed");
        let counts = app.store.count_orgs_by_kind().await.expect("counts");
        let get = |k: &str| {
            counts
                .iter()
                .find(|(kind, _)| kind == k)
                .map(|(_, n)| *n)
                .unwrap_or(0)
        };
        assert_eq!(
            [
                get("municipality"),
                get("association"),
                get("university"),
                get("consortium"),
                get("network")
            ],
            [12, 25, 5, 2, 4]
        );
        let manifesto = app
            .store
            .commitment_by_slug("manifesto-citta-che-apprendono")
            .await
            .expect("load")
            .expect("exists");
        let signatories = app
            .store
            .signatures(manifesto.id)
            .await
            .expect("signatures");
        assert_eq!(
            signatories
                .iter()
                .filter(|s| s.kind == "municipality")
                .count(),
            5
        );
        let consortium = app
            .store
            .org_by_slug("consorzio-universitario-alpino")
            .await
            .expect("l")
            .expect("e");
        let members = app
            .store
            .network_members(consortium.id)
            .await
            .expect("members");
        assert!(members.len() >= 2 && members.iter().all(|m| m.kind == "university"));
        for a in demo::ACCOUNTS.iter() {
            accounts::login(&app, a.email, demo::PASSWORD, "127.0.0.1")
                .await
                .unwrap_or_else(|e| panic!("{}: {e:?}", a.email));
        }
        assert!(
            matches!(audit::verify(&app.store).await.expect("verify"), Verdict::Intact { entries } if entries > 100)
        );
        assert_eq!(
            app.store.meta("demo").await.expect("meta").as_deref(),
            Some("true")
        );
    }
}

#[tokio::test]
async fn the_audit_log_names_the_first_changed_or_removed_entry() {
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        demo::seed(&app).await.expect("seed");
        let Verdict::Intact { entries } = audit::verify(&app.store).await.expect("verify") else {
            panic!("broken after seed")
        };
        sqlx::query("UPDATE audit_log SET details = '{\"forged\":true}' WHERE seq = 7")
            .execute(app.store.pool())
            .await
            .expect("tamper");
        assert_eq!(
            audit::verify(&app.store).await.expect("verify"),
            Verdict::Broken {
                seq: 7,
                reason: "entry changed".into()
            }
        );
        sqlx::query("DELETE FROM audit_log WHERE seq = 3")
            .execute(app.store.pool())
            .await
            .expect("remove");
        assert_eq!(
            audit::verify(&app.store).await.expect("verify"),
            Verdict::Broken {
                seq: 3,
                reason: "entry removed".into()
            }
        );
        let last = entries;
        let store2 = app_on(
            Store::open(&store::testing::sqlite_url())
                .await
                .expect("fresh"),
        );
        demo::seed(&store2).await.expect("seed");
        sqlx::query("DELETE FROM audit_log WHERE seq = $1")
            .bind(last)
            .execute(store2.store.pool())
            .await
            .expect("remove tail");
        assert_eq!(
            audit::verify(&store2.store).await.expect("verify"),
            Verdict::Broken {
                seq: last,
                reason: "latest entries removed".into()
            }
        );
    }
}

#[tokio::test]
async fn mail_is_sent_by_jobs_to_files_and_retried_when_smtp_fails() {
    for store in stores().await.expect("stores") {
        let backend = store.backend();
        let app = app_on(store.clone());
        accounts::register(
            &app,
            &Registration {
                name: "Anna Rossi".into(),
                email: "anna@example.org".into(),
                password: "una frase lunga".into(),
                lang: Lang::It,
            },
            "10.0.0.1",
        )
        .await
        .expect("register");
        assert_eq!(jobs::drain(&app).await.expect("drain"), 1);
        let files: Vec<_> = std::fs::read_dir(&app.config.mail.dir)
            .expect("mail dir")
            .map(|e| e.expect("entry").path())
            .collect();
        assert_eq!(files.len(), 1);
        let eml = std::fs::read_to_string(&files[0]).expect("eml");
        assert!(eml.contains("To: anna@example.org"), "{eml}");
        assert_eq!(app.store.jobs().await.expect("jobs")[0].status, "done");

        // SMTP on a closed local port: the job fails, is kept, and waits for its retry.
        let mut config = (*app.config).clone();
        config.mail.smtp_url = "smtp://127.0.0.1:9".into();
        let smtp_app = App::with_store(store, config).expect("app");
        accounts::request_login_link(&smtp_app, "anna@example.org", "10.0.0.1")
            .await
            .expect("link");
        assert_eq!(
            jobs::drain(&smtp_app).await.expect("drain"),
            1,
            "{backend:?}: one attempt, then it waits"
        );
        let rows = smtp_app.store.jobs().await.expect("jobs");
        assert_eq!((rows[1].status.as_str(), rows[1].attempts), ("queued", 1));
        assert!(rows[1].last_error.as_deref().is_some_and(|e| !e.is_empty()));
    }
}

#[tokio::test]
async fn a_process_is_drafted_given_phases_and_published_by_its_organisation_only() {
    use learning_city_app::participation::{self, PhaseInput, ProcessInput};
    for store in stores().await.expect("stores") {
        let app = app_on(store);
        demo::seed(&app).await.expect("demo");
        let official = actor_for(&app, "funzionario@demo.example").await;
        let other = actor_for(&app, "associazione@demo.example").await;
        let citizen = actor_for(&app, "cittadina@demo.example").await;

        let bad = ProcessInput {
            title: "<b>x</b>".into(),
            kind: "party".into(),
            question: "".into(),
            promise: "ok".into(),
            iap2: "rule".into(),
            ..Default::default()
        };
        let fields = invalid_fields(
            participation::create(&app, &official, "comune-di-valdora", &bad)
                .await
                .expect_err("bad"),
        );
        let codes: Vec<&str> = fields.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [
                "name-markup",
                "process-kind-invalid",
                "text-required",
                "text-required",
                "iap2-invalid"
            ]
        );

        let input = ProcessInput {
            title: "Biblioteca aperta la sera".into(),
            kind: "consultation".into(),
            question: "Quali servizi vorresti la sera in biblioteca?".into(),
            promise: "Risponderemo a ogni proposta entro 30 giorni.".into(),
            iap2: "consult".into(),
            ..Default::default()
        };
        assert!(matches!(
            participation::create(&app, &other, "comune-di-valdora", &input).await,
            Err(AppError::Domain(DomainError::Forbidden))
        ));
        let slug = participation::create(&app, &official, "comune-di-valdora", &input)
            .await
            .expect("create");
        assert_eq!(slug, "biblioteca-aperta-la-sera");

        // A draft is invisible to everyone else, and cannot be published without a phase.
        assert!(matches!(
            participation::view(&app, &citizen, &slug).await,
            Err(AppError::Domain(DomainError::NotFound))
        ));
        assert!(matches!(
            participation::publish(&app, &official, &slug).await,
            Err(AppError::Domain(DomainError::Conflict(
                "process-needs-phase"
            )))
        ));
        let reversed = PhaseInput {
            phase_kind: "proposing".into(),
            phase_title: "Proposte".into(),
            starts_on: "2026-12-10".into(),
            ends_on: "2026-12-01".into(),
        };
        assert_eq!(
            invalid_fields(
                participation::add_phase(&app, &official, &slug, &reversed)
                    .await
                    .expect_err("dates")
            ),
            vec![FieldError::new("ends_on", "phase-ends-before-start")]
        );
        let phase = PhaseInput {
            ends_on: "2026-12-31".into(),
            ..reversed
        };
        participation::add_phase(&app, &official, &slug, &phase)
            .await
            .expect("phase");
        assert!(
            matches!(
                participation::publish(&app, &other, &slug).await,
                Err(AppError::Domain(DomainError::NotFound))
            ),
            "others do not even see the draft"
        );
        participation::publish(&app, &official, &slug)
            .await
            .expect("publish");

        let (p, phases, can_manage) = participation::view(&app, &citizen, &slug)
            .await
            .expect("published");
        assert!(!can_manage && p.published_at.is_some());
        assert_eq!(
            phases
                .iter()
                .map(|ph| (ph.starts_on.as_str(), ph.ends_on.as_str()))
                .collect::<Vec<_>>(),
            [("2026-12-10", "2026-12-31")]
        );
        assert!(
            matches!(participation::create(&app, &official, "comune-di-valdora", &input).await, Err(AppError::Domain(DomainError::Invalid(ref f))) if f[0].code == "slug-taken")
        );
        assert_eq!(
            app.store
                .published_processes(None)
                .await
                .expect("list")
                .len(),
            8,
            "seven demo processes (one private) and this one"
        );
        let public = learning_city_app::spaces::visible_processes(&app, &Actor::anonymous(), None)
            .await
            .expect("visible");
        assert_eq!(public.len(), 7, "the private working group is not listed");
        assert!(matches!(
            audit::verify(&app.store).await.expect("verify"),
            Verdict::Intact { .. }
        ));
    }
}
