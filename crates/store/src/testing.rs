//! Fresh databases for tests (used by the test suites of this and the upper crates).
//!
//! SQLite always: a new file in the system's temporary folder. PostgreSQL when
//! `LEARNING_CITY_TEST_POSTGRES_URL` is set: a new database created on that server. With
//! `CI=true` a missing PostgreSQL is a failure, not a skip.

use crate::{Result, Store, StoreError};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// The URL of a new, empty SQLite file.
pub fn sqlite_url() -> String {
    let path = std::env::temp_dir().join(format!("{}.sqlite3", unique("lc_test")));
    format!("sqlite:{}?mode=rwc", path.display())
}

/// The URL of a new, empty PostgreSQL database, or `None` when no server is configured.
///
/// # Panics
/// When `CI=true` and `LEARNING_CITY_TEST_POSTGRES_URL` is not set: CI must test both engines.
pub async fn postgres_url() -> Result<Option<String>> {
    let Ok(base) = std::env::var("LEARNING_CITY_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but LEARNING_CITY_TEST_POSTGRES_URL is not set: PostgreSQL tests cannot be skipped in CI"
        );
        eprintln!(
            "skipped: PostgreSQL (set LEARNING_CITY_TEST_POSTGRES_URL to run these tests on it)"
        );
        return Ok(None);
    };
    let name = unique("lc_test");
    let admin = Store::connect(&base).await?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(admin.pool())
        .await
        .map_err(StoreError::from)?;
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap_or((base.as_str(), ""));
    Ok(Some(format!("{prefix}/{name}")))
}

/// Fresh, migrated stores: SQLite, and PostgreSQL when configured.
pub async fn stores() -> Result<Vec<Store>> {
    let mut out = vec![Store::open(&sqlite_url()).await?];
    if let Some(url) = postgres_url().await? {
        out.push(Store::open(&url).await?);
    }
    Ok(out)
}
