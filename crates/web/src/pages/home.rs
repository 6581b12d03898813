//! The home page (the network at a glance), the accessibility statement and the demo mailbox.

use super::page;
use crate::ctx::Ctx;
use crate::error::{WebError, WebResult};
use app::App;
use askama::Template;
use axum::extract::State;
use axum::response::IntoResponse;
use domain::DomainError;
use domain::organisations::OrgKind;
use store::networks::{CommitmentRow, NetworkCard};
use store::organisations::TerritoryRow;

/// Every network body with its number of members.
pub async fn network_cards(app: &App) -> Result<Vec<NetworkCard>, WebError> {
    Ok(app.store.network_cards().await?)
}

#[derive(Template)]
#[template(path = "home.html")]
struct Home {
    c: Ctx,
    counts: Vec<(String, i64)>,
    networks: Vec<NetworkCard>,
    commitments: Vec<CommitmentRow>,
    territories: Vec<TerritoryRow>,
}

pub async fn home(State(app): State<App>, c: Ctx) -> WebResult {
    let by_kind = app.store.count_orgs_by_kind().await?;
    // In the order of OrgKind::ALL, so the page reads the same every time.
    let counts = OrgKind::ALL
        .iter()
        .filter_map(|k| by_kind.iter().find(|(kind, _)| kind == k.code()).cloned())
        .collect();
    page(Home {
        counts,
        networks: network_cards(&app).await?,
        commitments: app.store.commitments().await?,
        territories: app.store.territories().await?,
        c,
    })
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct Accessibility {
    c: Ctx,
}

pub async fn accessibility(c: Ctx) -> WebResult {
    page(Accessibility { c })
}

pub struct MailView {
    pub id: i64,
    pub to: String,
    pub subject: String,
    pub lines: Vec<String>,
    pub status_key: String,
}

#[derive(Template)]
#[template(path = "demo_mail.html")]
struct DemoMail {
    c: Ctx,
    mails: Vec<MailView>,
}

/// The demo mailbox: the messages queued for sending, newest first (demo mode only).
pub async fn demo_mail(State(app): State<App>, c: Ctx) -> WebResult {
    if !app.config.demo {
        return Err(DomainError::NotFound.into());
    }
    let rows = app
        .store
        .recent_jobs_of_kind(app::mail::SEND_JOB, 50)
        .await?;
    let mails = rows
        .into_iter()
        .filter_map(|(id, status, payload)| {
            let m: app::mail::OutgoingMail = serde_json::from_str(&payload).ok()?;
            Some(MailView {
                id,
                to: m.to,
                subject: m.subject,
                lines: m.body.lines().map(str::to_owned).collect(),
                status_key: format!("job-status-{status}"),
            })
        })
        .collect();
    page(DemoMail { c, mails })
}

pub async fn health(State(app): State<App>) -> WebResult {
    let problems = app.store.integrity_check().await?;
    let status = if problems.is_empty() {
        "ok"
    } else {
        "degraded"
    };
    Ok(axum::Json(serde_json::json!({"status": status})).into_response())
}
