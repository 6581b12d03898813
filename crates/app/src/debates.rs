//! Debates: an open question put to a space by its facilitators, discussed in comments, closed
//! with a summary of what was said. The summary is what the space takes forward.

use crate::{App, Result, markdown, now, search};
use domain::DomainError;
use domain::error::{Errors, FieldError};
use domain::organisations::parse_text;
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::audit::Event;
use store::participation::ProcessRow;
use store::spaces::DebateRow;

/// What a facilitator typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct DebateInput {
    pub title: String,
    pub body: String,
}

fn text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> std::result::Result<String, FieldError> {
    let t = parse_text(field, raw, max)?;
    if t.chars().count() < min {
        return Err(FieldError::new(field, "text-required"));
    }
    Ok(t)
}

/// A debate of process `slug` as the actor may see it, and whether they facilitate the space.
pub async fn view(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(ProcessRow, DebateRow, bool)> {
    let (p, _, _) = crate::participation::view(app, actor, slug).await?;
    let d = app
        .store
        .debate(id)
        .await?
        .filter(|d| d.process_id == p.id)
        .ok_or(DomainError::NotFound)?;
    let space = crate::spaces::space_of(app, &p).await?;
    let facilitates = policy::can(actor, Action::Facilitate(&space)).is_ok();
    Ok((p, d, facilitates))
}

/// The debates of a process (open ones first) and whether the actor may open new ones.
pub async fn list(
    app: &App,
    actor: &Actor,
    slug: &str,
) -> Result<(ProcessRow, Vec<DebateRow>, bool)> {
    let (p, _, _) = crate::participation::view(app, actor, slug).await?;
    let space = crate::spaces::space_of(app, &p).await?;
    let facilitates = policy::can(actor, Action::Facilitate(&space)).is_ok();
    let debates = app.store.debates(p.id).await?;
    Ok((p, debates, facilitates))
}

/// Opens a debate (facilitators); its followers are those of the space, told at once.
pub async fn open(app: &App, actor: &Actor, slug: &str, input: &DebateInput) -> Result<i64> {
    let (p, _, facilitates) = list(app, actor, slug).await?;
    if !facilitates || p.published_at.is_none() {
        return Err(DomainError::Forbidden.into());
    }
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let mut errors = Errors::new();
    let title = errors.take(text("title", &input.title, 10, 200));
    let body = errors.take(text("body", &input.body, 15, 10_000));
    errors.finish()?;
    let (Some(title), Some(body)) = (title, body) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx.insert_debate(p.id, user, &title, &body, t).await?;
    let href = format!("/processes/{slug}/debates/{id}");
    search::index(
        &mut tx,
        "debate",
        id,
        Some(p.id),
        &title,
        &markdown::plain(&body),
        &href,
    )
    .await?;
    tx.notify_followers(
        &[("process", p.id)],
        Some(user),
        "debate-opened",
        &title,
        &href,
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "debate.open",
        subject: format!("debate:{id}"),
        details: json!({"process": p.id}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Closes an open debate with its summary (facilitators); followers of the debate are told.
pub async fn close(app: &App, actor: &Actor, slug: &str, id: i64, summary: &str) -> Result<()> {
    let (p, d, facilitates) = view(app, actor, slug, id).await?;
    if !facilitates {
        return Err(DomainError::Forbidden.into());
    }
    let summary =
        text("summary", summary, 15, 10_000).map_err(|e| DomainError::Invalid(vec![e]))?;
    let t = now();
    let mut tx = app.store.write().await?;
    if !tx.close_debate(id, &summary, t).await? {
        return Err(DomainError::Conflict("debate-closed").into());
    }
    let href = format!("/processes/{slug}/debates/{id}");
    search::index(
        &mut tx,
        "debate",
        id,
        Some(p.id),
        &d.title,
        &format!("{} {}", markdown::plain(&d.body), markdown::plain(&summary)),
        &href,
    )
    .await?;
    tx.notify_followers(
        &[("debate", id)],
        actor.user.map(|u| u.0),
        "debate-closed",
        &d.title,
        &href,
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "debate.close",
        subject: format!("debate:{id}"),
        details: json!({"process": p.id}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}
