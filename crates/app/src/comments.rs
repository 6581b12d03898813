//! Comments on proposals (and, as they arrive, debates, meetings and results): threaded replies,
//! a stance (for, neutral, against), up and down votes, edits kept in a history.

use crate::{App, Result, markdown, now, search};
use domain::DomainError;
use domain::accounts::UserId;
use domain::error::{Errors, FieldError};
use domain::organisations::parse_text;
use domain::participation::parse_alignment;
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::audit::Event;
use store::comments::{CommentRow, Subject};
use store::participation::PhaseRow;

/// Threads per page.
pub const PAGE: i64 = 50;

/// What a participant typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CommentInput {
    pub comment: String,
    pub alignment: String,
    pub parent: Option<i64>,
}

/// Comments are open while any phase but information, voting or implementation is under way.
pub fn commenting_open(phases: &[PhaseRow]) -> bool {
    crate::proposals::phase_open(
        phases,
        &["proposing", "supporting", "commenting", "evaluating"],
    )
}

fn parse_body(raw: &str) -> std::result::Result<String, FieldError> {
    let t = parse_text("comment", raw, 5000)?;
    if t.chars().count() < 2 {
        return Err(FieldError::new("comment", "comment-empty"));
    }
    Ok(t)
}

/// Comments on a published proposal of process `slug`.
pub async fn add(
    app: &App,
    actor: &Actor,
    slug: &str,
    proposal: i64,
    input: &CommentInput,
) -> Result<i64> {
    policy::can(actor, Action::Participate)?;
    let v = crate::proposals::view(app, actor, slug, proposal).await?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let mut errors = Errors::new();
    let body = errors.take(parse_body(&input.comment));
    let alignment = errors.take(parse_alignment(&input.alignment));
    errors.finish()?;
    let (Some(body), Some(alignment)) = (body, alignment) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    if v.proposal.state != "published" {
        return Err(DomainError::Conflict("proposal-not-published").into());
    }
    if !v.commenting_open {
        return Err(DomainError::Conflict("commenting-closed").into());
    }
    let parent = match input.parent {
        Some(pid) => match app.store.comment(pid).await? {
            Some((c, kind, subject)) if kind == "proposal" && subject == proposal => {
                Some((c.id, c.root_id))
            }
            _ => return Err(DomainError::invalid("comment", "comment-parent-invalid").into()),
        },
        None => None,
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_comment(
            Subject {
                kind: "proposal",
                id: proposal,
            },
            parent,
            user,
            &body,
            alignment,
            t,
        )
        .await?;
    tx.bump_proposal_comments(proposal).await?;
    let href = format!("/processes/{slug}/proposals/{proposal}#comment-{id}");
    search::index(
        &mut tx,
        "comment",
        id,
        Some(v.process.id),
        &v.proposal.title,
        &markdown::plain(&body),
        &href,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "comment.create",
        subject: format!("comment:{id}"),
        details: json!({"proposal": proposal, "parent": input.parent}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn own_comment(app: &App, id: i64) -> Result<(CommentRow, String, i64)> {
    Ok(app.store.comment(id).await?.ok_or(DomainError::NotFound)?)
}

/// Changes one's own comment; the former text stays in the edit history.
pub async fn edit(app: &App, actor: &Actor, id: i64, raw: &str) -> Result<()> {
    let (c, _, _) = own_comment(app, id).await?;
    policy::can(actor, Action::EditOwn(UserId(c.author_id)))?;
    let body = parse_body(raw).map_err(|e| DomainError::Invalid(vec![e]))?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.edit_comment(id, &body, t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(c.author_id),
        action: "comment.edit",
        subject: format!("comment:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Votes a comment up (+1) or down (−1), or takes the vote back (0). Not on one's own comments.
pub async fn vote(app: &App, actor: &Actor, id: i64, value: i64) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let (c, _, _) = own_comment(app, id).await?;
    if c.author_id == user {
        return Err(DomainError::Conflict("comment-own-vote").into());
    }
    if !(-1..=1).contains(&value) {
        return Err(DomainError::invalid("vote", "vote-invalid").into());
    }
    let mut tx = app.store.write().await?;
    tx.vote_comment(id, user, value).await?;
    tx.commit().await?;
    Ok(())
}

/// A comment with its replies, in reading order.
pub struct Thread {
    pub comment: CommentRow,
    pub depth: usize,
    pub html: String,
}

/// A page of threads on a proposal, flattened in reading order with depths; and the number of
/// threads.
pub async fn threads(app: &App, proposal: i64, page: i64) -> Result<(Vec<Thread>, i64)> {
    let (roots, replies, n) = app
        .store
        .comment_threads(
            Subject {
                kind: "proposal",
                id: proposal,
            },
            PAGE,
            (page.max(1) - 1) * PAGE,
        )
        .await?;
    let mut children: std::collections::HashMap<i64, Vec<CommentRow>> =
        std::collections::HashMap::new();
    for r in replies {
        if let Some(p) = r.parent_id {
            children.entry(p).or_default().push(r);
        }
    }
    let mut out = Vec::new();
    // Depth-first, replies in the order written; deep replies are indented at most four levels.
    let mut stack: Vec<(CommentRow, usize)> = roots.into_iter().rev().map(|r| (r, 0)).collect();
    while let Some((c, depth)) = stack.pop() {
        if let Some(kids) = children.remove(&c.id) {
            stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
        }
        let html = markdown::render(&c.body);
        out.push(Thread {
            comment: c,
            depth: depth.min(4),
            html,
        });
    }
    Ok((out, n))
}
