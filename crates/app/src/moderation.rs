//! Moderation. Anyone taking part can report a proposal or a comment with a reason; after
//! [`HIDE_AFTER`] reports from different people it is hidden until a moderator (an administrator
//! of the organisation running the process) decides. Moderators hide and restore; authors of
//! hidden content may appeal once; instance administrators block accounts. What was hidden and
//! why is public in the moderation log — never who reported or who decided.

use crate::{App, Result, markdown, now, search};
use domain::DomainError;
use domain::accounts::UserId;
use domain::error::FieldError;
use domain::organisations::{OrgId, parse_text};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::audit::Event;
use store::moderation::{AppealRow, LogEntry, Reported};

/// Reports from different people that hide an item until a moderator decides.
pub const HIDE_AFTER: i64 = 3;

pub const REASONS: [&str; 5] = ["spam", "offensive", "off-topic", "personal-data", "other"];

/// A moderated item: its organisation, author, and where it lives.
struct Item {
    org: i64,
    process: i64,
    author: i64,
    title: String,
    body: String,
    href: String,
}

async fn item(app: &App, kind: &str, id: i64) -> Result<Item> {
    match kind {
        "proposal" => {
            let p = app
                .store
                .proposal(id)
                .await?
                .filter(|p| p.state != "draft")
                .ok_or(DomainError::NotFound)?;
            let process = app
                .store
                .process_by_id(p.process_id)
                .await?
                .ok_or(DomainError::NotFound)?;
            Ok(Item {
                org: process.org_id,
                process: process.id,
                author: p.author_id,
                href: format!("/processes/{}/proposals/{id}", process.slug),
                title: p.title,
                body: markdown::plain(&p.body),
            })
        }
        "comment" => {
            let (c, subject_kind, subject) =
                app.store.comment(id).await?.ok_or(DomainError::NotFound)?;
            let on =
                crate::comments::On::parse(&subject_kind, subject).ok_or(DomainError::NotFound)?;
            let place = crate::comments::locate(app, on).await?;
            Ok(Item {
                org: place.process.org_id,
                process: place.process.id,
                author: c.author_id,
                href: format!("{}#comment-{id}", on.href(&place.process.slug)),
                title: place.title,
                body: markdown::plain(&c.body),
            })
        }
        _ => Err(DomainError::NotFound.into()),
    }
}

async fn space_of_item(app: &App, it: &Item) -> Result<domain::policy::Space> {
    let process = app
        .store
        .process_by_id(it.process)
        .await?
        .ok_or(DomainError::NotFound)?;
    crate::spaces::space_of(app, &process).await
}

fn reason_of(raw: &str) -> std::result::Result<&'static str, FieldError> {
    REASONS
        .iter()
        .copied()
        .find(|r| *r == raw.trim())
        .ok_or(FieldError::new("reason", "report-reason-invalid"))
}

/// Reports an item; reporting twice counts once. Returns true when the item is now hidden.
pub async fn report(
    app: &App,
    actor: &Actor,
    kind: &str,
    id: i64,
    reason: &str,
    details: &str,
) -> Result<bool> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let it = item(app, kind, id).await?;
    if policy::can(actor, Action::ViewSpace(&space_of_item(app, &it).await?)).is_err() {
        return Err(DomainError::NotFound.into());
    }
    let reason = reason_of(reason).map_err(|e| DomainError::Invalid(vec![e]))?;
    let details =
        parse_text("details", details, 1000).map_err(|e| DomainError::Invalid(vec![e]))?;
    if it.author == user {
        return Err(DomainError::Conflict("report-own").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    let Some(count) = tx
        .report(it.org, kind, id, user, reason, &details, t)
        .await?
    else {
        return Ok(false);
    };
    let hide = count == HIDE_AFTER;
    if hide {
        tx.set_hidden(it.org, kind, id, Some(reason), t).await?;
        tx.unindex(kind, id).await?;
    }
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "moderation.report",
        subject: format!("{kind}:{id}"),
        details: json!({"reason": reason, "reports": count, "hidden": hide}),
    })
    .await?;
    tx.commit().await?;
    Ok(hide)
}

/// Hides (with a reason) or restores an item (moderators); settles pending appeals.
pub async fn decide(
    app: &App,
    actor: &Actor,
    kind: &str,
    id: i64,
    hide: Option<&str>,
) -> Result<()> {
    let it = item(app, kind, id).await?;
    policy::can(
        actor,
        Action::ModerateSpace(&space_of_item(app, &it).await?),
    )?;
    let reason = match hide {
        Some(r) => Some(reason_of(r).map_err(|e| DomainError::Invalid(vec![e]))?),
        None => None,
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_hidden(it.org, kind, id, reason, t).await?;
    match reason {
        Some(_) => {
            tx.unindex(kind, id).await?;
            tx.decide_appeals(kind, id, "upheld").await?;
        }
        None => {
            search::index(
                &mut tx,
                kind,
                id,
                Some(it.process),
                &it.title,
                &it.body,
                &it.href,
            )
            .await?;
            tx.decide_appeals(kind, id, "restored").await?;
        }
    }
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: if reason.is_some() {
            "moderation.hide"
        } else {
            "moderation.restore"
        },
        subject: format!("{kind}:{id}"),
        details: json!({"reason": reason}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The author of a hidden item asks for it back, once.
pub async fn appeal(app: &App, actor: &Actor, kind: &str, id: i64, text: &str) -> Result<()> {
    let it = item(app, kind, id).await?;
    policy::can(actor, Action::EditOwn(UserId(it.author)))?;
    let text = parse_text("appeal", text, 2000).map_err(|e| DomainError::Invalid(vec![e]))?;
    if text.chars().count() < 10 {
        return Err(DomainError::invalid("appeal", "appeal-short").into());
    }
    let hidden = match kind {
        "proposal" => app
            .store
            .proposal(id)
            .await?
            .and_then(|p| p.hidden_reason)
            .is_some(),
        _ => app
            .store
            .comment(id)
            .await?
            .and_then(|c| c.0.hidden_reason)
            .is_some(),
    };
    if !hidden {
        return Err(DomainError::Conflict("appeal-not-hidden").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    if !tx.appeal(it.org, kind, id, it.author, &text, t).await? {
        return Err(DomainError::Conflict("appeal-twice").into());
    }
    tx.audit(Event {
        at: t,
        actor: Some(it.author),
        action: "moderation.appeal",
        subject: format!("{kind}:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// [`block`] for the account with the address `email` (what the administration form gives):
/// not found when no account has it, or when it is no address at all.
pub async fn block_by_email(app: &App, actor: &Actor, email: &str, blocked: bool) -> Result<()> {
    policy::can(actor, Action::Administer)?;
    let email = domain::accounts::Email::parse(email).map_err(|_| DomainError::NotFound)?;
    let user = app
        .store
        .user_by_email(email.as_str())
        .await?
        .ok_or(DomainError::NotFound)?;
    block(app, actor, user.id, blocked).await
}

/// Blocks or unblocks an account (instance administrators).
pub async fn block(app: &App, actor: &Actor, user: i64, blocked: bool) -> Result<()> {
    policy::can(actor, Action::Administer)?;
    if actor.user.map(|u| u.0) == Some(user) {
        return Err(DomainError::Conflict("block-self").into());
    }
    app.store
        .user_by_id(user)
        .await?
        .ok_or(DomainError::NotFound)?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_blocked(user, blocked, t).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: if blocked {
            "user.block"
        } else {
            "user.unblock"
        },
        subject: format!("user:{user}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Where an item is shown, to come back to after a moderation step.
pub async fn href_of(app: &App, kind: &str, id: i64) -> Result<String> {
    Ok(item(app, kind, id).await?.href)
}

/// The public log.
pub async fn log(app: &App) -> Result<Vec<LogEntry>> {
    Ok(app.store.moderation_log(200).await?)
}

/// What an organisation's moderators see: reported items and appeals.
pub async fn queue(
    app: &App,
    actor: &Actor,
    org_slug: &str,
) -> Result<(store::organisations::OrgRow, Vec<Reported>, Vec<AppealRow>)> {
    let org = crate::organisations::by_slug(app, org_slug).await?;
    policy::can(actor, Action::Moderate(OrgId(org.id)))?;
    let reported = app.store.reported(org.id).await?;
    let appeals = app.store.appeals(org.id).await?;
    Ok((org, reported, appeals))
}
