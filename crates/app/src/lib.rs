//! # learning-city-app
//!
//! The use cases of Learning City. Each one follows the same path: authorise through
//! `domain::policy`, parse and check the input, write the change and its audit entry in one
//! store transaction, and queue the follow-up jobs (mail) in that same transaction.
//!
//! - [`config`]: the effective configuration (defaults, `learning-city.toml`, environment).
//! - [`i18n`]: Fluent messages in Italian and English, shared by pages and e-mails.
//! - [`accounts`]: registration, confirmation, log-in (password or e-mailed link), reset, sessions.
//! - [`organisations`]: organisations, territories, members and invitations.
//! - [`networks`]: network bodies' members and commitments.
//! - [`participation`]: participatory processes and their phases; [`spaces`]: private spaces,
//!   roles held in a space, co-organisers.
//! - [`proposals`], [`comments`], [`meetings`], [`surveys`], [`results`]: what happens in a
//!   process; [`debates`] (open questions closed with a summary); [`amendments`] (and
//!   endorsements); [`notifications`] (follows, in-app notifications, the e-mail digest);
//!   [`markdown`] renders participants' text inert; [`search`] indexes all of it.
//! - [`budgets`]: participatory budgets in a process: projects, ballots with receipts, paper
//!   ballots entered twice, the count explained beside greedy's, the pabulib export.
//! - [`opinion`]: opinion maps: statements, votes in routing order, the throttled
//!   recomputation job, the stored result.
//! - [`moderation`]: reports, hidden content, appeals, blocked accounts, the public log.
//! - [`verification`]: residents verified against an organisation's census (salted hashes).
//! - [`ratelimit`]: limits on log-in, link requests and registration.
//! - [`jobs`]: the worker that runs queued jobs with retries; [`mail`]: the mailer it uses.
//! - [`demo`]: the demo network ([`demo_large`]: the large consultation benchmarks use);
//!   [`secret`]: random tokens.

pub mod accounts;
pub mod amendments;
pub mod budgets;
pub mod comments;
pub mod config;
pub mod debates;
pub mod demo;
mod demo_budgets;
pub mod demo_large;
pub mod demo_opinion;
mod demo_proposals;
mod demo_spaces;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod markdown;
pub mod meetings;
pub mod moderation;
pub mod networks;
pub mod notifications;
pub mod opinion;
pub mod organisations;
pub mod participation;
pub mod proposals;
pub mod ratelimit;
pub mod results;
pub mod search;
pub mod secret;
pub mod spaces;
pub mod surveys;
pub mod verification;

use domain::DomainError;
use std::sync::Arc;
use store::{Store, StoreError};

pub use config::Config;

/// Errors of a use case: a domain error the user can act on, or an internal failure that is
/// logged and shown as a generic error page.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("storage: {0}")]
    Store(StoreError),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Store(e)
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

/// The application: the store, the configuration and the mailer. Cheap to clone.
#[derive(Clone, Debug)]
pub struct App {
    pub store: Store,
    pub config: Arc<Config>,
    pub mailer: Arc<mail::Mailer>,
    /// The last budget counts, kept while their ballots stay the same (see `budgets::results`).
    counts: budgets::Counts,
}

impl App {
    /// Opens the database named in `config` (migrating it) and builds the mailer.
    pub async fn open(config: Config) -> Result<Self> {
        let store = Store::open(&config.database_url).await?;
        Self::with_store(store, config)
    }

    pub fn with_store(store: Store, config: Config) -> Result<Self> {
        let mailer = mail::Mailer::new(&config.mail)?;
        Ok(Self {
            store,
            config: Arc::new(config),
            mailer: Arc::new(mailer),
            counts: budgets::Counts::default(),
        })
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}
