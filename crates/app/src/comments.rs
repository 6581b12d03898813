//! Comments on proposals, debates, meetings and results: threaded replies,
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
use store::participation::{PhaseRow, ProcessRow};

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

/// What a comment is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Proposal(i64),
    Debate(i64),
    Meeting(i64),
    Result(i64),
}

impl On {
    pub fn kind(self) -> &'static str {
        match self {
            On::Proposal(_) => "proposal",
            On::Debate(_) => "debate",
            On::Meeting(_) => "meeting",
            On::Result(_) => "result",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            On::Proposal(id) | On::Debate(id) | On::Meeting(id) | On::Result(id) => id,
        }
    }

    pub fn parse(kind: &str, id: i64) -> Option<On> {
        match kind {
            "proposal" => Some(On::Proposal(id)),
            "debate" => Some(On::Debate(id)),
            "meeting" => Some(On::Meeting(id)),
            "result" => Some(On::Result(id)),
            _ => None,
        }
    }

    /// The page of the thing in process `slug`.
    pub fn href(self, slug: &str) -> String {
        format!("/processes/{slug}/{}s/{}", self.kind(), self.id())
    }
}

/// Where a commented thing lives: its process and its title.
pub struct Located {
    pub process: ProcessRow,
    pub title: String,
}

/// The process and title of the thing a comment is on; [`DomainError::NotFound`] when it does not
/// exist or is a draft.
pub async fn locate(app: &App, on: On) -> Result<Located> {
    let (process_id, title) = match on {
        On::Proposal(id) => app
            .store
            .proposal(id)
            .await?
            .filter(|p| p.state != "draft")
            .map(|p| (p.process_id, p.title)),
        On::Debate(id) => app.store.debate(id).await?.map(|d| (d.process_id, d.title)),
        On::Meeting(id) => app
            .store
            .meeting(id)
            .await?
            .map(|m| (m.process_id, m.title)),
        On::Result(id) => app.store.result(id).await?.map(|r| (r.process_id, r.title)),
    }
    .ok_or(DomainError::NotFound)?;
    let process = app
        .store
        .process_by_id(process_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(Located { process, title })
}

/// Comments on a published proposal of process `slug`.
pub async fn add(
    app: &App,
    actor: &Actor,
    slug: &str,
    proposal: i64,
    input: &CommentInput,
) -> Result<i64> {
    add_on(app, actor, slug, On::Proposal(proposal), input).await
}

/// Comments on a proposal, debate, meeting or result of process `slug`. Proposals take comments
/// while a phase that allows them is open, debates until they are closed, meetings and results
/// always.
pub async fn add_on(
    app: &App,
    actor: &Actor,
    slug: &str,
    on: On,
    input: &CommentInput,
) -> Result<i64> {
    policy::can(actor, Action::Participate)?;
    let (process, phases, _) = crate::participation::view(app, actor, slug).await?;
    let space = crate::spaces::space_of(app, &process).await?;
    policy::can(actor, Action::ParticipateIn(&space))?;
    let place = locate(app, on).await?;
    if place.process.id != process.id {
        return Err(DomainError::NotFound.into());
    }
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let mut errors = Errors::new();
    let body = errors.take(parse_body(&input.comment));
    let alignment = errors.take(parse_alignment(&input.alignment));
    errors.finish()?;
    let (Some(body), Some(alignment)) = (body, alignment) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    match on {
        On::Proposal(id) => {
            let p = app.store.proposal(id).await?.ok_or(DomainError::NotFound)?;
            if p.state != "published" {
                return Err(DomainError::Conflict("proposal-not-published").into());
            }
            if !commenting_open(&phases) {
                return Err(DomainError::Conflict("commenting-closed").into());
            }
        }
        On::Debate(id) => {
            let d = app.store.debate(id).await?.ok_or(DomainError::NotFound)?;
            if d.closed_at.is_some() {
                return Err(DomainError::Conflict("debate-closed").into());
            }
        }
        On::Meeting(_) | On::Result(_) => {}
    }
    let parent = match input.parent {
        Some(pid) => match app.store.comment(pid).await? {
            Some((c, kind, subject)) if kind == on.kind() && subject == on.id() => {
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
                kind: on.kind(),
                id: on.id(),
            },
            parent,
            user,
            &body,
            alignment,
            t,
        )
        .await?;
    match on {
        On::Proposal(p) => tx.bump_proposal_comments(p).await?,
        On::Debate(d) => tx.bump_debate_comments(d).await?,
        On::Meeting(_) | On::Result(_) => {}
    }
    let href = format!("{}#comment-{id}", on.href(slug));
    search::index(
        &mut tx,
        "comment",
        id,
        Some(process.id),
        &place.title,
        &markdown::plain(&body),
        &href,
    )
    .await?;
    tx.notify_followers(
        &[(on.kind(), on.id()), ("process", process.id)],
        Some(user),
        "comment",
        &place.title,
        &href,
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "comment.create",
        subject: format!("comment:{id}"),
        details: json!({on.kind(): on.id(), "parent": input.parent}),
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

/// Votes a comment up (+1) or down (−1), or takes the vote back (0). Not on one's own comments;
/// only on comments of process `slug`, by those who may take part in it.
pub async fn vote(app: &App, actor: &Actor, slug: &str, id: i64, value: i64) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let (c, kind, subject) = own_comment(app, id).await?;
    let on = On::parse(&kind, subject).ok_or(DomainError::NotFound)?;
    let (process, _, _) = crate::participation::view(app, actor, slug).await?;
    if locate(app, on).await?.process.id != process.id {
        return Err(DomainError::NotFound.into());
    }
    policy::can(
        actor,
        Action::ParticipateIn(&crate::spaces::space_of(app, &process).await?),
    )?;
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
    threads_on(app, On::Proposal(proposal), page).await
}

/// A page of threads on anything commented, as [`threads`].
pub async fn threads_on(app: &App, on: On, page: i64) -> Result<(Vec<Thread>, i64)> {
    let (roots, replies, n) = app
        .store
        .comment_threads(
            Subject {
                kind: on.kind(),
                id: on.id(),
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
