//! Errors of the domain. Every variant carries a stable code that is also the Fluent message id
//! the web face shows, so a message is translated in one place and never built from a cause.

use std::fmt;

/// A value that failed to parse, tied to the form field it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub code: &'static str,
}

impl FieldError {
    pub const fn new(field: &'static str, code: &'static str) -> Self {
        Self { field, code }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// One or more fields are invalid; nothing was changed.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The actor may not do this.
    #[error("forbidden")]
    Forbidden,
    /// The thing does not exist, or the actor may not know that it does.
    #[error("not found")]
    NotFound,
    /// The change conflicts with what is stored (e.g. a slug already taken); the code says what.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Too many attempts; try again later.
    #[error("rate limited")]
    RateLimited,
}

impl DomainError {
    pub fn invalid(field: &'static str, code: &'static str) -> Self {
        Self::Invalid(vec![FieldError::new(field, code)])
    }

    /// The Fluent message id of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid(_) => "error-invalid",
            Self::Forbidden => "error-forbidden",
            Self::NotFound => "error-not-found",
            Self::Conflict(code) => code,
            Self::RateLimited => "error-rate-limited",
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.code)
    }
}

/// Collects field errors while parsing a whole form, so the user sees every problem at once.
#[derive(Debug, Default)]
pub struct Errors(Vec<FieldError>);

impl Errors {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the value when it parsed, records the error otherwise.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// `Ok(())` when nothing failed.
    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(DomainError::Invalid(self.0))
        }
    }
}
