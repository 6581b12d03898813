//! Rate limits kept in the database, so that every web node sees the same counts.

use crate::{Result, Store};

impl Store {
    /// Counts the events of `key` since `since`.
    pub async fn rate_count(&self, key: &str, since: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at >= $2")
                .bind(key.to_owned())
                .bind(since)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Records one event of `key` at `now`.
    pub async fn rate_record(&self, key: &str, now: i64) -> Result<()> {
        sqlx::query("INSERT INTO rate_events (key, at) VALUES ($1, $2)")
            .bind(key.to_owned())
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Forgets events older than `before`.
    pub async fn rate_prune(&self, before: i64) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM rate_events WHERE at < $1")
            .bind(before)
            .execute(self.pool())
            .await?
            .rows_affected())
    }
}
