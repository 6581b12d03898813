//! Background jobs: a `jobs` table that any node's worker claims from.
//!
//! Engine-specific (named here, tested on both): PostgreSQL claims with
//! `FOR UPDATE SKIP LOCKED` so concurrent workers never take the same job; SQLite claims with one
//! atomic `UPDATE … RETURNING`, which its single writer makes safe. A job whose worker died is
//! claimed again once its lock expires. Jobs must be idempotent: they may run more than once.

use crate::{Backend, Result, Store, WriteTx};

/// A claimed job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}

/// A job as listed for operators and tests.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct JobRow {
    pub id: i64,
    pub kind: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: Option<String>,
}

impl WriteTx {
    /// Queues a job in the same transaction as the change that asks for it (an outbox), so a
    /// change is never committed without its follow-up, nor a follow-up without its change.
    pub async fn enqueue(
        &mut self,
        kind: &str,
        payload: &serde_json::Value,
        now: i64,
        max_attempts: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO jobs (kind, payload, status, attempts, max_attempts, run_at, created_at) \
             VALUES ($1, $2, 'queued', 0, $3, $4, $4) RETURNING id",
        )
        .bind(kind.to_owned())
        .bind(payload.to_string())
        .bind(max_attempts)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }
}

impl Store {
    /// Claims the oldest job that is due (or whose previous worker's lock expired), locking it
    /// for `lock_secs`.
    pub async fn claim_job(&self, now: i64, lock_secs: i64) -> Result<Option<Job>> {
        let sql = match self.backend() {
            Backend::Postgres => {
                "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $1 \
                 WHERE id = (SELECT id FROM jobs \
                   WHERE (status = 'queued' AND run_at <= $2) OR (status = 'running' AND locked_until < $2) \
                   ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) \
                 RETURNING id, kind, payload, attempts, max_attempts"
            }
            Backend::Sqlite => {
                "UPDATE jobs SET status = 'running', attempts = attempts + 1, locked_until = $1 \
                 WHERE id = (SELECT id FROM jobs \
                   WHERE (status = 'queued' AND run_at <= $2) OR (status = 'running' AND locked_until < $2) \
                   ORDER BY run_at, id LIMIT 1) \
                 RETURNING id, kind, payload, attempts, max_attempts"
            }
        };
        Ok(sqlx::query_as(sql)
            .bind(now + lock_secs)
            .bind(now)
            .fetch_optional(self.pool())
            .await?)
    }

    pub async fn complete_job(&self, id: i64, now: i64) -> Result<()> {
        sqlx::query("UPDATE jobs SET status = 'done', locked_until = NULL, finished_at = $2, last_error = NULL WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Records a failure: the job runs again at `retry_at`, or is marked failed when it has used
    /// all its attempts.
    pub async fn fail_job(&self, job: &Job, error: &str, retry_at: i64) -> Result<()> {
        let status = if job.attempts >= job.max_attempts {
            "failed"
        } else {
            "queued"
        };
        sqlx::query("UPDATE jobs SET status = $2, run_at = $3, locked_until = NULL, last_error = $4 WHERE id = $1")
            .bind(job.id)
            .bind(status)
            .bind(retry_at)
            .bind(error.chars().take(2000).collect::<String>())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn jobs(&self) -> Result<Vec<JobRow>> {
        Ok(
            sqlx::query_as("SELECT id, kind, status, attempts, last_error FROM jobs ORDER BY id")
                .fetch_all(self.pool())
                .await?,
        )
    }
}

impl Store {
    /// Payloads of the most recent jobs of `kind`, newest first, with their status (the demo
    /// mailbox reads the `mail.send` jobs).
    pub async fn recent_jobs_of_kind(
        &self,
        kind: &str,
        limit: i64,
    ) -> Result<Vec<(i64, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, status, payload FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT $2",
        )
        .bind(kind.to_owned())
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }
}
