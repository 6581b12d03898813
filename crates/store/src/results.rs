//! Results (accountability): status, progress, dated updates and the proposals behind them.

use crate::{Result, Store, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct ResultRow {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub description: String,
    /// `planned`, `in-progress`, `completed`, `cancelled`.
    pub status: String,
    /// 0–100.
    pub progress: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct ResultUpdate {
    pub at: i64,
    pub status: String,
    pub progress: i64,
    pub text: String,
}

const SELECT: &str = "SELECT id, process_id, title, description, status, progress, created_at, updated_at FROM results";

impl WriteTx {
    pub async fn insert_result(
        &mut self,
        process: i64,
        title: &str,
        description: &str,
        proposals: &[i64],
        now: i64,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO results (process_id, title, description, status, progress, created_at, updated_at) \
             VALUES ($1, $2, $3, 'planned', 0, $4, $4) RETURNING id",
        )
        .bind(process)
        .bind(title.to_owned())
        .bind(description.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?;
        for p in proposals {
            sqlx::query("INSERT INTO result_proposals (result_id, proposal_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(*p)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(id)
    }

    pub async fn update_result(
        &mut self,
        id: i64,
        status: &str,
        progress: i64,
        text: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE results SET status = $2, progress = $3, updated_at = $4 WHERE id = $1")
            .bind(id)
            .bind(status.to_owned())
            .bind(progress)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        sqlx::query("INSERT INTO result_updates (result_id, at, status, progress, text) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(now)
            .bind(status.to_owned())
            .bind(progress)
            .bind(text.to_owned())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

impl Store {
    pub async fn result(&self, id: i64) -> Result<Option<ResultRow>> {
        Ok(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn results(&self, process: i64) -> Result<Vec<ResultRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE process_id = $1 ORDER BY id"
        )))
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    /// Results a proposal led to.
    pub async fn results_of_proposal(&self, proposal: i64) -> Result<Vec<ResultRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE id IN (SELECT result_id FROM result_proposals WHERE proposal_id = $1) ORDER BY id"
        )))
        .bind(proposal)
        .fetch_all(self.pool())
        .await?)
    }

    /// Proposals behind a result: `(id, title)`.
    pub async fn proposals_of_result(&self, result: i64) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT p.id, p.title FROM proposals p JOIN result_proposals r ON r.proposal_id = p.id WHERE r.result_id = $1 ORDER BY p.id",
        )
        .bind(result)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn result_updates(&self, result: i64) -> Result<Vec<ResultUpdate>> {
        Ok(sqlx::query_as("SELECT at, status, progress, text FROM result_updates WHERE result_id = $1 ORDER BY id")
            .bind(result)
            .fetch_all(self.pool())
            .await?)
    }
}
