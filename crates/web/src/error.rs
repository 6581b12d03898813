//! One error at the edge. Handlers return [`WebError`]; it becomes an empty response carrying an
//! [`ErrorMarker`], and the context middleware renders the translated page (or the JSON envelope
//! `{"errors":[{"code","detail"}]}` under `/api/`). Causes are logged here, never shown.

use app::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::DomainError;

/// Marks a response as an error to render: its status and the Fluent id of its message.
#[derive(Debug, Clone, Copy)]
pub struct ErrorMarker {
    pub status: StatusCode,
    pub code: &'static str,
}

impl ErrorMarker {
    pub fn response(status: StatusCode, code: &'static str) -> Response {
        let mut r = status.into_response();
        r.extensions_mut().insert(ErrorMarker { status, code });
        r
    }
}

#[derive(Debug)]
pub struct WebError(pub AppError);

impl<E: Into<AppError>> From<E> for WebError {
    fn from(e: E) -> Self {
        WebError(e.into())
    }
}

impl WebError {
    pub fn internal(e: impl std::fmt::Display) -> Self {
        WebError(AppError::Internal(e.to_string()))
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let (status, code) = match &self.0 {
            AppError::Domain(d) => match d {
                DomainError::NotFound => (StatusCode::NOT_FOUND, "error-not-found"),
                DomainError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden"),
                DomainError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "error-rate-limited"),
                DomainError::Conflict(code) => (StatusCode::CONFLICT, *code),
                DomainError::Invalid(_) => (StatusCode::UNPROCESSABLE_ENTITY, "error-invalid"),
            },
            AppError::Store(e) => {
                tracing::error!(error = %e, "storage error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal")
            }
        };
        ErrorMarker::response(status, code)
    }
}

pub type WebResult<T = Response> = Result<T, WebError>;

/// Field errors of a form, looked up by field name in templates.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub Vec<(String, String)>);

impl FormErrors {
    /// Splits a use-case error into field errors (shown next to fields) or a page error.
    pub fn from_app(e: AppError) -> Result<Self, WebError> {
        match e {
            AppError::Domain(DomainError::Invalid(list)) => Ok(Self(
                list.into_iter()
                    .map(|f| (f.field.to_owned(), f.code.to_owned()))
                    .collect(),
            )),
            AppError::Domain(DomainError::RateLimited) => {
                Ok(Self(vec![("form".into(), "error-rate-limited".into())]))
            }
            AppError::Domain(DomainError::Conflict(code)) if code != "token-invalid" => {
                Ok(Self(vec![("form".into(), code.to_owned())]))
            }
            other => Err(WebError(other)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// 200 for a form shown fresh, 422 for one sent back with errors.
    pub fn status(&self) -> StatusCode {
        if self.0.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        }
    }

    /// The message code for `field`, or an empty string.
    pub fn get(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|(f, _)| f == field)
    }
}
