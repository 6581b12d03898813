//! Participatory processes and their phases.

use crate::{Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct ProcessRow {
    pub id: i64,
    pub org_id: i64,
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub question: String,
    pub promise: String,
    pub iap2: String,
    pub published_at: Option<i64>,
    pub created_at: i64,
    /// How many proposals one person may support in this process (0: no limit).
    pub support_limit: i64,
    /// Supports a proposal needs to go to evaluation (0: no threshold).
    pub support_threshold: i64,
    /// 1 when only verified residents may propose.
    pub verify_proposing: i64,
    /// 1 when only verified residents may support.
    pub verify_supporting: i64,
    /// 1 when only the space's members (and those who manage it) see it.
    pub private: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct PhaseRow {
    pub id: i64,
    pub process_id: i64,
    pub kind: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
}

const PROCESS_SELECT: &str = "SELECT p.id, p.org_id, o.slug AS org_slug, o.name AS org_name, p.slug, p.kind, p.title, \
     p.question, p.promise, p.iap2, p.published_at, p.created_at, p.support_limit, p.support_threshold, p.verify_proposing, p.verify_supporting, p.private FROM processes p JOIN organisations o ON o.id = p.org_id";

/// The fields of a process a writer sets.
pub struct ProcessFields<'a> {
    pub slug: &'a str,
    pub kind: &'a str,
    pub title: &'a str,
    pub question: &'a str,
    pub promise: &'a str,
    pub iap2: &'a str,
}

impl WriteTx {
    /// Inserts a draft process; [`StoreError::Duplicate`] when the slug is taken.
    pub async fn insert_process(
        &mut self,
        org: i64,
        f: &ProcessFields<'_>,
        now: i64,
    ) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO processes (org_id, slug, kind, title, question, promise, iap2, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(org)
        .bind(f.slug.to_owned())
        .bind(f.kind.to_owned())
        .bind(f.title.to_owned())
        .bind(f.question.to_owned())
        .bind(f.promise.to_owned())
        .bind(f.iap2.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)
    }

    pub async fn publish_process(&mut self, id: i64, now: i64) -> Result<()> {
        sqlx::query("UPDATE processes SET published_at = COALESCE(published_at, $2) WHERE id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Sets how many proposals one person may support and the threshold (0: none).
    pub async fn set_support_rules(&mut self, id: i64, limit: i64, threshold: i64) -> Result<()> {
        sqlx::query(
            "UPDATE processes SET support_limit = $2, support_threshold = $3 WHERE id = $1",
        )
        .bind(id)
        .bind(limit)
        .bind(threshold)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn insert_phase(
        &mut self,
        process: i64,
        kind: &str,
        title: &str,
        starts_on: &str,
        ends_on: &str,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO process_phases (process_id, kind, title, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(process)
        .bind(kind.to_owned())
        .bind(title.to_owned())
        .bind(starts_on.to_owned())
        .bind(ends_on.to_owned())
        .fetch_one(&mut *self.tx)
        .await?)
    }
}

impl Store {
    pub async fn process_by_id(&self, id: i64) -> Result<Option<ProcessRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{PROCESS_SELECT} WHERE p.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn process_by_slug(&self, slug: &str) -> Result<Option<ProcessRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{PROCESS_SELECT} WHERE p.slug = $1"
        )))
        .bind(slug.to_owned())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Published processes, newest first; with `org`, only that organisation's.
    pub async fn published_processes(&self, org: Option<i64>) -> Result<Vec<ProcessRow>> {
        let sql = match org {
            Some(_) => format!(
                "{PROCESS_SELECT} WHERE p.published_at IS NOT NULL AND p.org_id = $1 ORDER BY p.published_at DESC, p.id DESC"
            ),
            None => format!(
                "{PROCESS_SELECT} WHERE p.published_at IS NOT NULL ORDER BY p.published_at DESC, p.id DESC"
            ),
        };
        let q = sqlx::query_as(sqlx::AssertSqlSafe(sql));
        let q = match org {
            Some(o) => q.bind(o),
            None => q,
        };
        Ok(q.fetch_all(self.pool()).await?)
    }

    /// Draft processes of an organisation (for its administrators).
    pub async fn draft_processes(&self, org: i64) -> Result<Vec<ProcessRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{PROCESS_SELECT} WHERE p.published_at IS NULL AND p.org_id = $1 ORDER BY p.created_at DESC, p.id DESC"
        )))
        .bind(org)
        .fetch_all(self.pool())
        .await?)
    }

    /// Phases of a process in date order.
    pub async fn phases(&self, process: i64) -> Result<Vec<PhaseRow>> {
        Ok(sqlx::query_as(
            "SELECT id, process_id, kind, title, starts_on, ends_on FROM process_phases WHERE process_id = $1 \
             ORDER BY starts_on, ends_on, id",
        )
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }
}
