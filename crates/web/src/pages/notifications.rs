//! A person's notifications and digest choice, and the follow buttons' form.

use super::{NoticeQuery, notice, page, see_other};
use crate::ctx::Ctx;
use crate::error::WebResult;
use app::App;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use domain::participation::DigestFrequency;
use store::spaces::NotificationRow;

#[derive(Template)]
#[template(path = "notifications.html")]
struct InboxPage {
    c: Ctx,
    items: Vec<NotificationRow>,
    digest: &'static str,
    frequencies: Vec<&'static str>,
    notice: &'static str,
}

pub async fn inbox(State(app): State<App>, c: Ctx, Query(n): Query<NoticeQuery>) -> WebResult {
    let items = app::notifications::inbox(&app, &c.actor).await?;
    let digest = app::notifications::digest_of(&app, &c.actor).await?.code();
    page(InboxPage {
        c,
        items,
        digest,
        frequencies: DigestFrequency::ALL.iter().map(|f| f.code()).collect(),
        notice: notice(n.notice.as_deref()),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DigestForm {
    pub digest: String,
}

pub async fn set_digest(State(app): State<App>, c: Ctx, Form(f): Form<DigestForm>) -> WebResult {
    app::notifications::set_digest(&app, &c.actor, &f.digest).await?;
    see_other("/notifications?notice=notice-saved")
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct FollowForm {
    pub kind: String,
    pub id: i64,
    pub on: String,
    pub back: String,
}

/// Follows or stops following, then goes back to the page (only to a page of this site).
pub async fn follow(State(app): State<App>, c: Ctx, Form(f): Form<FollowForm>) -> WebResult {
    app::notifications::follow(&app, &c.actor, &f.kind, f.id, f.on == "1").await?;
    let back = if f.back.starts_with('/') && !f.back.starts_with("//") && !f.back.contains('\\') {
        f.back
    } else {
        "/notifications".to_owned()
    };
    see_other(&back)
}
