//! Accounts: registration with e-mail confirmation, log-in by password or by e-mailed link,
//! password reset, log-out, the account page, and the sessions behind them.
//!
//! Answers never tell whether an address has an account: registering a taken address, asking a
//! link or a reset for an unknown one all answer "if the address is ours, a message is on its way"
//! (the owner of a taken address gets a note instead of a second account).

use crate::ratelimit::{
    self, LINK_REQUESTS_PER_ACCOUNT, LINK_REQUESTS_PER_ADDRESS, LOGIN_FAILURES_PER_ACCOUNT,
};
use crate::secret::{hash_token, random_token};
use crate::{App, AppError, Result, mail, now};
use argon2::password_hash::phc::PasswordHash;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use domain::accounts::{DisplayName, Email, Lang, NewPassword};
use domain::error::Errors;
use domain::organisations::{OrgId, OrgRole};
use domain::participation::SpaceRole;
use domain::policy::{self, Action, Actor};
use domain::{DomainError, FieldError};
use serde_json::json;
use store::accounts::{NewUser, UserRow};
use store::audit::Event;
use store::{StoreError, WriteTx};

/// A new session: the secret for the cookie (only its hash is stored) and its user.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub user_id: i64,
}

/// What a person typed in the registration form.
#[derive(Debug, Clone, Default)]
pub struct Registration {
    pub name: String,
    pub email: String,
    pub password: String,
    pub lang: Lang,
}

const CONFIRM: &str = "confirm";
const LOGIN_LINK: &str = "login";
const RESET: &str = "reset";
const LINK_SECS: i64 = 30 * 60;
const CONFIRM_SECS: i64 = 7 * 24 * 3600;

/// Hashes a password with Argon2id (m=19 MiB, t=2, p=1), off the async threads.
pub async fn hash_password(password: &str) -> Result<String> {
    let pw = password.to_owned();
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .hash_password(pw.as_bytes())
            .map(|h: PasswordHash| h.to_string())
            .map_err(|e| AppError::Internal(format!("hash: {e}")))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Checks a password against a stored hash; with no hash it still spends the same time, so the
/// answer time does not tell whether the account exists.
async fn verify_password(password: &str, hash: Option<&str>) -> bool {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$bW0ZgCcMXdrzCT8SIgNGBlPg8cPH4GnO0bzC0CCxvqo";
    let (pw, h, real) = (
        password.to_owned(),
        hash.unwrap_or(DUMMY).to_owned(),
        hash.is_some(),
    );
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(pw.as_bytes(), h.as_str())
            .is_ok()
            && real
    })
    .await
    .unwrap_or(false)
}

fn link(app: &App, path: &str, token: &str) -> String {
    format!("{}{path}{token}", app.config.base_url.trim_end_matches('/'))
}

async fn new_session(tx: &mut WriteTx, app: &App, user: i64, now: i64) -> Result<Session> {
    let token = random_token();
    tx.insert_session(
        &hash_token(&token),
        user,
        now,
        now + app.config.session_days * 86_400,
    )
    .await?;
    Ok(Session {
        token,
        user_id: user,
    })
}

fn lang_of(user: &UserRow) -> Lang {
    Lang::from_code(&user.lang).unwrap_or_default()
}

/// Registers an account and mails a confirmation link. Refuses bad input with every field's
/// problem at once and stores nothing.
pub async fn register(app: &App, input: &Registration, address: &str) -> Result<()> {
    let mut errors = Errors::new();
    let name = errors.take(DisplayName::parse("name", &input.name));
    let email = errors.take(Email::parse(&input.email));
    let password = errors.take(NewPassword::parse(&input.password));
    errors.finish()?;
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let rate_key = format!("register:addr:{address}");
    ratelimit::check(&app.store, &rate_key, ratelimit::REGISTRATIONS_PER_ADDRESS).await?;
    ratelimit::record(&app.store, &rate_key).await?;

    let hash = hash_password(password.expose()).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    let new = NewUser {
        email: email.as_str(),
        name: name.as_str(),
        password_hash: Some(&hash),
        lang: input.lang.code(),
        confirmed_at: None,
        instance_admin: false,
        now: t,
    };
    match tx.insert_user(new).await {
        Ok(user) => {
            let token = random_token();
            tx.insert_token(&hash_token(&token), user, CONFIRM, t, t + CONFIRM_SECS)
                .await?;
            let args = [
                ("name", name.as_str().to_owned()),
                ("link", link(app, "/confirm/", &token)),
            ];
            mail::queue(
                &mut tx,
                t,
                email.as_str(),
                input.lang,
                "mail-confirm",
                &args,
            )
            .await?;
            tx.audit(Event {
                at: t,
                actor: Some(user),
                action: "user.register",
                subject: format!("user:{user}"),
                details: json!({}),
            })
            .await?;
        }
        Err(StoreError::Duplicate) => {
            // Same answer as a new account; the owner learns someone tried.
            drop(tx);
            let Some(existing) = app.store.user_by_email(email.as_str()).await? else {
                return Ok(());
            };
            let mut tx = app.store.write().await?;
            let args = [
                ("name", existing.name.clone()),
                ("link", format!("{}/login", app.config.base_url)),
            ];
            mail::queue(
                &mut tx,
                t,
                &existing.email,
                lang_of(&existing),
                "mail-already",
                &args,
            )
            .await?;
            tx.commit().await?;
            return Ok(());
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(())
}

/// Confirms an e-mail address with the link's token.
pub async fn confirm_email(app: &App, token: &str) -> Result<i64> {
    let t = now();
    let mut tx = app.store.write().await?;
    let user = tx
        .use_token(&hash_token(token), CONFIRM, t)
        .await?
        .ok_or(DomainError::Conflict("token-invalid"))?;
    tx.confirm_email(user, t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "user.confirm",
        subject: format!("user:{user}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Logs in with e-mail and password from `address`.
pub async fn login(app: &App, email: &str, password: &str, address: &str) -> Result<Session> {
    let addr_key = format!("login-fail:addr:{address}");
    ratelimit::check(&app.store, &addr_key, ratelimit::LOGIN_FAILURES_PER_ADDRESS).await?;
    let email = Email::parse(email).ok();
    let account_key = format!(
        "login-fail:account:{}",
        email.as_ref().map(Email::as_str).unwrap_or_default()
    );
    if ratelimit::over(&app.store, &account_key, LOGIN_FAILURES_PER_ACCOUNT).await? {
        tokio::time::sleep(ratelimit::SLOWDOWN).await;
    }
    let user = match &email {
        Some(e) => app.store.user_by_email(e.as_str()).await?,
        None => None,
    };
    let ok = verify_password(
        password,
        user.as_ref().and_then(|u| u.password_hash.as_deref()),
    )
    .await;
    let (true, Some(user)) = (ok, user) else {
        ratelimit::record(&app.store, &addr_key).await?;
        ratelimit::record(&app.store, &account_key).await?;
        return Err(DomainError::invalid("password", "login-failed").into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    if user.email_confirmed_at.is_none() {
        let token = random_token();
        tx.insert_token(&hash_token(&token), user.id, CONFIRM, t, t + CONFIRM_SECS)
            .await?;
        let args = [
            ("name", user.name.clone()),
            ("link", link(app, "/confirm/", &token)),
        ];
        mail::queue(
            &mut tx,
            t,
            &user.email,
            lang_of(&user),
            "mail-confirm",
            &args,
        )
        .await?;
        tx.commit().await?;
        return Err(DomainError::invalid("email", "login-unconfirmed").into());
    }
    let session = new_session(&mut tx, app, user.id, t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user.id),
        action: "user.login",
        subject: format!("user:{}", user.id),
        details: json!({"method": "password"}),
    })
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// Mails a one-time link of `purpose` to the address when it has an account; the same quiet
/// answer otherwise. Limited per address and per account.
async fn mail_link(
    app: &App,
    email: &str,
    address: &str,
    purpose: &str,
    path: &str,
    key: &str,
) -> Result<()> {
    let email = Email::parse(email).map_err(|e| DomainError::Invalid(vec![e]))?;
    let addr_key = format!("link:addr:{address}");
    ratelimit::check(&app.store, &addr_key, LINK_REQUESTS_PER_ADDRESS).await?;
    ratelimit::record(&app.store, &addr_key).await?;
    let account_key = format!("link:account:{}", email.as_str());
    if ratelimit::over(&app.store, &account_key, LINK_REQUESTS_PER_ACCOUNT).await? {
        // Quietly send nothing more: the answer must not differ from an unknown address.
        return Ok(());
    }
    ratelimit::record(&app.store, &account_key).await?;
    let Some(user) = app.store.user_by_email(email.as_str()).await? else {
        return Ok(());
    };
    let t = now();
    let token = random_token();
    let mut tx = app.store.write().await?;
    tx.insert_token(&hash_token(&token), user.id, purpose, t, t + LINK_SECS)
        .await?;
    let args = [
        ("name", user.name.clone()),
        ("link", link(app, path, &token)),
    ];
    mail::queue(&mut tx, t, &user.email, lang_of(&user), key, &args).await?;
    tx.commit().await?;
    Ok(())
}

/// Mails a log-in link (valid 30 minutes, once).
pub async fn request_login_link(app: &App, email: &str, address: &str) -> Result<()> {
    mail_link(
        app,
        email,
        address,
        LOGIN_LINK,
        "/login/link/",
        "mail-login-link",
    )
    .await
}

/// Mails a password-reset link (valid 30 minutes, once).
pub async fn request_password_reset(app: &App, email: &str, address: &str) -> Result<()> {
    mail_link(app, email, address, RESET, "/password/reset/", "mail-reset").await
}

/// Logs in with a mailed link; following it also confirms the address.
pub async fn login_with_link(app: &App, token: &str) -> Result<Session> {
    let t = now();
    let mut tx = app.store.write().await?;
    let user = tx
        .use_token(&hash_token(token), LOGIN_LINK, t)
        .await?
        .ok_or(DomainError::Conflict("token-invalid"))?;
    tx.confirm_email(user, t).await?;
    let session = new_session(&mut tx, app, user, t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "user.login",
        subject: format!("user:{user}"),
        details: json!({"method": "link"}),
    })
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// Sets a new password with a reset link, ends every other session and logs in.
pub async fn reset_password(app: &App, token: &str, password: &str) -> Result<Session> {
    let password = NewPassword::parse(password).map_err(|e| DomainError::Invalid(vec![e]))?;
    let hash = hash_password(password.expose()).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    let user = tx
        .use_token(&hash_token(token), RESET, t)
        .await?
        .ok_or(DomainError::Conflict("token-invalid"))?;
    tx.set_password(user, &hash).await?;
    tx.confirm_email(user, t).await?;
    tx.delete_sessions_of(user).await?;
    let session = new_session(&mut tx, app, user, t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "user.password_reset",
        subject: format!("user:{user}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(session)
}

/// Ends the session behind `token`.
pub async fn logout(app: &App, token: &str) -> Result<()> {
    let t = now();
    let mut tx = app.store.write().await?;
    if let Some(user) = tx.delete_session(&hash_token(token)).await? {
        tx.audit(Event {
            at: t,
            actor: Some(user),
            action: "user.logout",
            subject: format!("user:{user}"),
            details: json!({}),
        })
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The account and roles behind a session cookie, when it is live.
pub async fn session_actor(app: &App, token: &str) -> Result<Option<(UserRow, Actor)>> {
    let Some(user) = app.store.session_user(&hash_token(token), now()).await? else {
        return Ok(None);
    };
    let actor = actor_of(app, &user).await?;
    Ok(Some((user, actor)))
}

/// The roles a user holds, as the policy sees them.
pub async fn actor_of(app: &App, user: &UserRow) -> Result<Actor> {
    let memberships = app
        .store
        .memberships_of(user.id)
        .await?
        .into_iter()
        .filter_map(|(org, role)| OrgRole::parse(&role).ok().map(|r| (OrgId(org), r)))
        .collect();
    let verified = app
        .store
        .verified_orgs(user.id)
        .await?
        .into_iter()
        .map(OrgId)
        .collect();
    Ok(Actor {
        user: Some(domain::accounts::UserId(user.id)),
        instance_admin: user.instance_admin == 1,
        memberships,
        verified,
        blocked: app.store.is_blocked(user.id).await?,
        spaces: app
            .store
            .space_roles_of(user.id)
            .await?
            .into_iter()
            .filter_map(|(p, role)| SpaceRole::parse(&role).ok().map(|r| (p, r)))
            .collect(),
    })
}

/// Changes one's own name and language.
pub async fn update_account(app: &App, actor: &Actor, name: &str, lang: &str) -> Result<()> {
    policy::can(actor, Action::ManageOwnAccount)?;
    let user = actor.user.ok_or(DomainError::Forbidden)?.0;
    let mut errors = Errors::new();
    let name = errors.take(DisplayName::parse("name", name));
    let lang = errors.take(Lang::from_code(lang).ok_or(FieldError::new("lang", "lang-invalid")));
    errors.finish()?;
    let (Some(name), Some(lang)) = (name, lang) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.update_profile(user, name.as_str(), lang.code()).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "user.update",
        subject: format!("user:{user}"),
        details: json!({"lang": lang.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Creates an instance administrator (from the command line), confirmed at once.
pub async fn create_admin(app: &App, email: &str, name: &str, password: &str) -> Result<i64> {
    let mut errors = Errors::new();
    let name = errors.take(DisplayName::parse("name", name));
    let email = errors.take(Email::parse(email));
    let password = errors.take(NewPassword::parse(password));
    errors.finish()?;
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let hash = hash_password(password.expose()).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    let new = NewUser {
        email: email.as_str(),
        name: name.as_str(),
        password_hash: Some(&hash),
        lang: "it",
        confirmed_at: Some(t),
        instance_admin: true,
        now: t,
    };
    let id = tx.insert_user(new).await.map_err(|e| match e {
        StoreError::Duplicate => AppError::Domain(DomainError::Conflict("email-taken")),
        e => e.into(),
    })?;
    tx.audit(Event {
        at: t,
        actor: None,
        action: "user.create_admin",
        subject: format!("user:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}
