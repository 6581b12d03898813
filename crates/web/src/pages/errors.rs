//! Translated error pages (404, 403, 409, 422, 429, 500, 503) and the JSON error envelope.

use crate::ctx::Ctx;
use crate::error::ErrorMarker;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    c: &'a Ctx,
    title: &'a str,
    message: &'a str,
    status: u16,
}

/// The page (or JSON envelope) for an error response.
pub fn render(c: &Ctx, marker: ErrorMarker, api: bool) -> Response {
    let status = marker.status;
    let message = if app::i18n::has(marker.code) {
        marker.code
    } else {
        "error-internal"
    };
    if api {
        let body = serde_json::json!({"errors": [{"code": marker.code, "detail": c.t(message)}]});
        return (status, axum::Json(body)).into_response();
    }
    let title = match status {
        StatusCode::NOT_FOUND => "error-not-found-title",
        StatusCode::FORBIDDEN => "error-forbidden-title",
        StatusCode::TOO_MANY_REQUESTS => "error-rate-limited-title",
        s if s.is_server_error() => "error-internal-title",
        _ => "error-request-title",
    };
    let page = ErrorPage {
        c,
        title,
        message,
        status: status.as_u16(),
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(_) => status.into_response(),
    }
}

/// The fallback for addresses nothing answers.
pub async fn not_found() -> Response {
    ErrorMarker::response(StatusCode::NOT_FOUND, "error-not-found")
}
