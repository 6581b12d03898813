//! Moderation: reports, moderators' decisions, appeals, the public log and the moderators' queue.

use super::{page, see_other};
use crate::ctx::Ctx;
use crate::error::WebResult;
use app::App;
use app::moderation as moder;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use store::moderation::{AppealRow, LogEntry, Reported};
use store::organisations::OrgRow;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub kind: String,
    pub id: i64,
    pub reason: String,
    pub details: String,
}

fn with_notice(href: &str, notice: &str) -> String {
    match href.split_once('#') {
        Some((path, anchor)) => format!("{path}?notice={notice}#{anchor}"),
        None => format!("{href}?notice={notice}"),
    }
}

pub async fn report(State(app): State<App>, c: Ctx, Form(f): Form<ReportForm>) -> WebResult {
    moder::report(&app, &c.actor, &f.kind, f.id, &f.reason, &f.details).await?;
    let href = moder::href_of(&app, &f.kind, f.id).await?;
    see_other(&with_notice(&href, "notice-reported"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DecideForm {
    pub kind: String,
    pub id: i64,
    /// `hide` or `restore`.
    pub action: String,
    pub reason: String,
}

pub async fn decide(State(app): State<App>, c: Ctx, Form(f): Form<DecideForm>) -> WebResult {
    let hide = (f.action == "hide").then_some(f.reason.as_str());
    moder::decide(&app, &c.actor, &f.kind, f.id, hide).await?;
    let href = moder::href_of(&app, &f.kind, f.id).await?;
    see_other(&with_notice(&href, "notice-saved"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AppealForm {
    pub kind: String,
    pub id: i64,
    pub appeal: String,
}

pub async fn appeal(State(app): State<App>, c: Ctx, Form(f): Form<AppealForm>) -> WebResult {
    moder::appeal(&app, &c.actor, &f.kind, f.id, &f.appeal).await?;
    let href = moder::href_of(&app, &f.kind, f.id).await?;
    see_other(&with_notice(&href, "notice-appealed"))
}

#[derive(Template)]
#[template(path = "moderation_log.html")]
struct LogPage {
    c: Ctx,
    entries: Vec<LogEntry>,
}

impl LogPage {
    fn reason_key(&self, r: &str) -> String {
        format!("report-reason-{r}")
    }
}

pub async fn log(State(app): State<App>, c: Ctx) -> WebResult {
    let entries = moder::log(&app).await?;
    page(LogPage { c, entries })
}

#[derive(Template)]
#[template(path = "moderation_queue.html")]
struct QueuePage {
    c: Ctx,
    org: OrgRow,
    reported: Vec<Reported>,
    appeals: Vec<AppealRow>,
}

impl QueuePage {
    fn reason_key(&self, r: &str) -> String {
        format!("report-reason-{r}")
    }
}

pub async fn queue(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let (org, reported, appeals) = moder::queue(&app, &c.actor, &slug).await?;
    page(QueuePage {
        c,
        org,
        reported,
        appeals,
    })
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct BlockForm {
    pub email: String,
    pub blocked: String,
}

pub async fn block(State(app): State<App>, c: Ctx, Form(f): Form<BlockForm>) -> WebResult {
    moder::block_by_email(&app, &c.actor, &f.email, f.blocked == "1").await?;
    see_other("/admin?notice=notice-saved")
}
