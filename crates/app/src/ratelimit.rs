//! Rate limits, counted in the database so every node sees the same numbers.
//!
//! Log-in: an address that failed [`LOGIN_FAILURES_PER_ADDRESS`] times in 15 minutes is refused
//! until the window passes; an account that failed [`LOGIN_FAILURES_PER_ACCOUNT`] times is
//! slowed (each further attempt waits [`SLOWDOWN`]) but never locked, so an attacker hammering one
//! account from one address cannot keep its owner out from another address. The messages never
//! say whether an account exists.

use crate::{AppError, Result, now};
use domain::DomainError;
use std::time::Duration;
use store::Store;

pub const WINDOW_SECS: i64 = 15 * 60;
pub const LOGIN_FAILURES_PER_ADDRESS: i64 = 10;
pub const LOGIN_FAILURES_PER_ACCOUNT: i64 = 20;
pub const SLOWDOWN: Duration = Duration::from_secs(1);
pub const LINK_REQUESTS_PER_ADDRESS: i64 = 10;
pub const LINK_REQUESTS_PER_ACCOUNT: i64 = 3;
pub const REGISTRATIONS_PER_ADDRESS: i64 = 10;

/// Refuses when `key` already had `limit` events in the window.
pub async fn check(store: &Store, key: &str, limit: i64) -> Result<()> {
    let n = store
        .rate_count(key, now() - WINDOW_SECS)
        .await
        .map_err(AppError::from)?;
    if n >= limit {
        Err(DomainError::RateLimited.into())
    } else {
        Ok(())
    }
}

/// Counts one event of `key`.
pub async fn record(store: &Store, key: &str) -> Result<()> {
    store.rate_record(key, now()).await?;
    Ok(())
}

/// True when `key` had `limit` events or more in the window.
pub async fn over(store: &Store, key: &str, limit: i64) -> Result<bool> {
    Ok(store.rate_count(key, now() - WINDOW_SECS).await? >= limit)
}
