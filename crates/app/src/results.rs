//! Results (accountability): the organisation records what it does — each result with a status,
//! a progress percentage and dated updates — and links it to the proposals it comes from, so
//! anyone can trace a proposal to what became of it.

use crate::{App, Result, now};
use domain::DomainError;
use domain::error::{Errors, FieldError};
use domain::organisations::{OrgId, parse_text};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::audit::Event;
use store::participation::ProcessRow;
use store::results::{ResultRow, ResultUpdate};

pub const STATUSES: [&str; 4] = ["planned", "in-progress", "completed", "cancelled"];

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ResultInput {
    pub title: String,
    pub description: String,
    /// Ids of the process's proposals, comma-separated or one per field.
    pub proposals: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct UpdateInput {
    pub status: String,
    pub progress: String,
    pub text: String,
}

async fn manage(app: &App, actor: &Actor, slug: &str) -> Result<ProcessRow> {
    let (p, _, _) = crate::participation::view(app, actor, slug).await?;
    policy::can(actor, Action::ManageProcesses(OrgId(p.org_id)))?;
    Ok(p)
}

/// Records a result linked to proposals of the same process; returns its id.
pub async fn create(
    app: &App,
    actor: &Actor,
    slug: &str,
    input: &ResultInput,
    proposals: &[i64],
) -> Result<i64> {
    let p = manage(app, actor, slug).await?;
    let mut errors = Errors::new();
    let title = errors.take(parse_text("title", &input.title, 200).and_then(|t| {
        if t.chars().count() < 3 {
            Err(FieldError::new("title", "text-required"))
        } else {
            Ok(t)
        }
    }));
    let description = errors.take(parse_text("description", &input.description, 5000));
    for id in proposals {
        let ok = app
            .store
            .proposal(*id)
            .await?
            .is_some_and(|x| x.process_id == p.id && x.state != "draft");
        if !ok {
            errors.push(FieldError::new("proposals", "result-proposal-invalid"));
            break;
        }
    }
    errors.finish()?;
    let (Some(title), Some(description)) = (title, description) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_result(p.id, &title, &description, proposals, t)
        .await?;
    crate::search::index(
        &mut tx,
        "result",
        id,
        Some(p.id),
        &title,
        &description,
        &format!("/processes/{}/results/{id}", p.slug),
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "result.create",
        subject: format!("result:{id}"),
        details: json!({"process": p.id, "proposals": proposals}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Records progress: a status, a percentage and what happened.
pub async fn update(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &UpdateInput,
) -> Result<()> {
    let p = manage(app, actor, slug).await?;
    let r = app
        .store
        .result(id)
        .await?
        .filter(|r| r.process_id == p.id)
        .ok_or(DomainError::NotFound)?;
    let mut errors = Errors::new();
    let status = errors.take(
        STATUSES
            .iter()
            .copied()
            .find(|s| *s == input.status.trim())
            .ok_or(FieldError::new("status", "result-status-invalid")),
    );
    let progress = errors.take(
        input
            .progress
            .trim()
            .trim_end_matches('%')
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=100).contains(n))
            .ok_or(FieldError::new("progress", "progress-invalid")),
    );
    let text = errors.take(parse_text("text", &input.text, 5000).and_then(|t| {
        if t.chars().count() < 3 {
            Err(FieldError::new("text", "text-required"))
        } else {
            Ok(t)
        }
    }));
    errors.finish()?;
    let (Some(status), Some(progress), Some(text)) = (status, progress, text) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.update_result(r.id, status, progress, &text, t).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "result.update",
        subject: format!("result:{id}"),
        details: json!({"status": status, "progress": progress}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A result with its proposals and updates.
pub struct ResultView {
    pub process: ProcessRow,
    pub result: ResultRow,
    pub proposals: Vec<(i64, String)>,
    pub updates: Vec<ResultUpdate>,
    pub can_manage: bool,
}

pub async fn view(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<ResultView> {
    let (process, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    let result = app
        .store
        .result(id)
        .await?
        .filter(|r| r.process_id == process.id)
        .ok_or(DomainError::NotFound)?;
    Ok(ResultView {
        proposals: app.store.proposals_of_result(id).await?,
        updates: app.store.result_updates(id).await?,
        process,
        result,
        can_manage,
    })
}

/// Results of a process, and the published proposals organisers can link.
pub async fn list(
    app: &App,
    actor: &Actor,
    slug: &str,
) -> Result<(ProcessRow, Vec<ResultRow>, Vec<(i64, String)>, bool)> {
    let (p, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    let results = app.store.results(p.id).await?;
    let linkable = if can_manage {
        app.store
            .proposal_texts(p.id)
            .await?
            .into_iter()
            .map(|(id, t, _)| (id, t))
            .collect()
    } else {
        vec![]
    };
    Ok((p, results, linkable, can_manage))
}
