//! Page handlers: extract, call one use case, render. One file per area.

pub mod accounts;
pub mod admin;
pub mod budgets;
pub mod comments;
pub mod debates;
pub mod errors;
pub mod home;
pub mod meetings;
pub mod moderation;
pub mod networks;
pub mod notifications;
pub mod opinion;
pub mod organisations;
pub mod participation;
pub mod proposals;
pub mod results;
pub mod surveys;
pub mod verification;

use crate::error::{FormErrors, WebError, WebResult};
use app::AppError;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};

/// The options of a choice: each value's code with the message key `prefix` + code.
pub fn keyed<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    prefix: &str,
) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|k| (code(*k), format!("{prefix}{}", code(*k))))
        .collect()
}

/// Renders a page with 200.
pub fn page<T: Template>(t: T) -> WebResult {
    page_status(StatusCode::OK, t)
}

/// Renders a page with a status (422 for a form sent back with errors).
pub fn page_status<T: Template>(status: StatusCode, t: T) -> WebResult {
    let html = t.render().map_err(WebError::internal)?;
    Ok((status, Html(html)).into_response())
}

/// 303 See Other after a successful form.
pub fn see_other(to: &str) -> WebResult {
    Ok(Redirect::to(to).into_response())
}

/// The end of a form's handler: 303 to `to(value)` when the use case succeeded; when it refused
/// the form, the page rendered again by `again` with the errors next to the fields (and what the
/// user typed, which `again` keeps); any other error is the error page.
pub async fn redirect_or_again<T, Fut>(
    done: Result<T, AppError>,
    to: impl FnOnce(T) -> String,
    again: impl FnOnce(FormErrors) -> Fut,
) -> WebResult
where
    Fut: std::future::Future<Output = WebResult>,
{
    match done {
        Ok(v) => see_other(&to(v)),
        Err(e) => again(FormErrors::from_app(e)?).await,
    }
}

/// The success notices a page may show, chosen by `?notice=`; anything else shows nothing.
pub fn notice(raw: Option<&str>) -> &'static str {
    const KNOWN: [&str; 28] = [
        "notice-amendment",
        "notice-statement-pending",
        "notice-statement-added",
        "notice-endorsed",
        "notice-reported",
        "notice-appealed",
        "notice-answered-survey",
        "notice-registered",
        "notice-waiting",
        "notice-cancelled",
        "notice-verified",
        "notice-draft-saved",
        "notice-withdrawn",
        "notice-supported",
        "notice-unsupported",
        "notice-answered",
        "notice-commented",
        "notice-comment-voted",
        "notice-published",
        "notice-saved",
        "notice-invited",
        "notice-member-changed",
        "notice-joined",
        "notice-member-added",
        "notice-signed",
        "notice-created",
        "notice-granted",
        "notice-confirmed",
    ];
    KNOWN.into_iter().find(|k| Some(*k) == raw).unwrap_or("")
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeQuery {
    pub notice: Option<String>,
}
