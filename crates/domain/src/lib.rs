//! # learning-city-domain
//!
//! The rules of Learning City as plain Rust: entities, newtypes that can only hold valid values
//! ("parse, don't validate"), and [`policy`], the one place that says who may do what.
//! No I/O here: no database, no HTTP, no async runtime (a CI check keeps it so).
//!
//! - [`accounts`]: e-mail addresses, passwords, display names, languages.
//! - [`organisations`]: organisation kinds, slugs, territories, roles, networks and commitments.
//! - [`participation`]: process kinds, the IAP2 spectrum, phases and their dates.
//! - [`policy`]: the permission policy, tested as a matrix.
//! - [`error`]: the error type whose codes are also Fluent message ids.

pub mod accounts;
pub mod error;
pub mod organisations;
pub mod participation;
pub mod policy;
pub mod verification;

pub use error::{DomainError, FieldError};
