//! Opinion maps: statements, votes (one per participant and statement; a new vote replaces the
//! old one and takes a new place in the vote order) and the stored computation.

use crate::{Result, Store, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct MapRow {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub question: String,
    /// 1: participants' statements wait for a moderator; 0: they show at once.
    pub strict: i64,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub computed_at: Option<i64>,
    pub computed_votes: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct StatementRow {
    pub id: i64,
    pub map_id: i64,
    pub author_id: Option<i64>,
    pub text: String,
    /// `accepted`, `pending`, `rejected`.
    pub status: String,
    pub created_at: i64,
}

const MAP_SELECT: &str = "SELECT id, process_id, title, question, strict, created_at, closed_at, computed_at, \
     computed_votes FROM opinion_maps";

impl WriteTx {
    pub async fn insert_opinion_map(
        &mut self,
        process: i64,
        title: &str,
        question: &str,
        strict: bool,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO opinion_maps (process_id, title, question, strict, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(process)
        .bind(title.to_owned())
        .bind(question.to_owned())
        .bind(i64::from(strict))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    pub async fn insert_statement(
        &mut self,
        map: i64,
        author: Option<i64>,
        text: &str,
        status: &str,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO opinion_statements (map_id, author_id, text, status, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(map)
        .bind(author)
        .bind(text.to_owned())
        .bind(status.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Sets a statement's status; false when it was not `from`.
    pub async fn set_statement_status(&mut self, id: i64, from: &str, to: &str) -> Result<bool> {
        let r =
            sqlx::query("UPDATE opinion_statements SET status = $3 WHERE id = $1 AND status = $2")
                .bind(id)
                .bind(from.to_owned())
                .bind(to.to_owned())
                .execute(&mut *self.tx)
                .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Records a vote (replacing an earlier one on the same statement), placed after every vote
    /// of the map so far.
    pub async fn upsert_opinion_vote(
        &mut self,
        map: i64,
        statement: i64,
        user: i64,
        vote: i64,
        now: i64,
    ) -> Result<()> {
        let seq: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM opinion_votes WHERE map_id = $1",
        )
        .bind(map)
        .fetch_one(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO opinion_votes (map_id, statement_id, user_id, vote, at, seq) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (statement_id, user_id) DO UPDATE SET vote = excluded.vote, at = excluded.at, seq = excluded.seq",
        )
        .bind(map)
        .bind(statement)
        .bind(user)
        .bind(vote)
        .bind(now)
        .bind(seq)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Asks for a recomputation at `due` unless one is pending; true when this call asked.
    pub async fn request_recompute(&mut self, map: i64, due: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE opinion_maps SET recompute_due = $2 WHERE id = $1 AND recompute_due IS NULL",
        )
        .bind(map)
        .bind(due)
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Clears the pending request (the job starts): votes from now on ask again.
    pub async fn clear_recompute(&mut self, map: i64) -> Result<()> {
        sqlx::query("UPDATE opinion_maps SET recompute_due = NULL WHERE id = $1")
            .bind(map)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub async fn save_computation(
        &mut self,
        map: i64,
        votes: i64,
        state: &str,
        result: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE opinion_maps SET computed_at = $2, computed_votes = $3, state = $4, result = $5 WHERE id = $1",
        )
        .bind(map)
        .bind(now)
        .bind(votes)
        .bind(state.to_owned())
        .bind(result.to_owned())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn close_opinion_map(&mut self, map: i64, now: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE opinion_maps SET closed_at = $2 WHERE id = $1 AND closed_at IS NULL",
        )
        .bind(map)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }
}

impl Store {
    pub async fn opinion_maps(&self, process: i64) -> Result<Vec<MapRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{MAP_SELECT} WHERE process_id = $1 ORDER BY id"
        )))
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn opinion_map(&self, id: i64) -> Result<Option<MapRow>> {
        Ok(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{MAP_SELECT} WHERE id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// The stored state and result of the last computation.
    pub async fn opinion_computation(&self, id: i64) -> Result<(Option<String>, Option<String>)> {
        Ok(
            sqlx::query_as("SELECT state, result FROM opinion_maps WHERE id = $1")
                .bind(id)
                .fetch_one(self.pool())
                .await?,
        )
    }

    pub async fn statements(&self, map: i64) -> Result<Vec<StatementRow>> {
        Ok(sqlx::query_as(
            "SELECT id, map_id, author_id, text, status, created_at FROM opinion_statements WHERE map_id = $1 ORDER BY id",
        )
        .bind(map)
        .fetch_all(self.pool())
        .await?)
    }

    /// Every vote of a map in vote order: `(participant, statement, vote)`.
    pub async fn opinion_votes(&self, map: i64) -> Result<Vec<(i64, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT user_id, statement_id, vote FROM opinion_votes WHERE map_id = $1 ORDER BY seq",
        )
        .bind(map)
        .fetch_all(self.pool())
        .await?)
    }

    /// The statements a participant has voted on, with the vote.
    pub async fn my_opinion_votes(&self, map: i64, user: i64) -> Result<Vec<(i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT statement_id, vote FROM opinion_votes WHERE map_id = $1 AND user_id = $2 ORDER BY statement_id",
        )
        .bind(map)
        .bind(user)
        .fetch_all(self.pool())
        .await?)
    }

    /// `(statement, agree, disagree, pass)` counts.
    pub async fn statement_counts(&self, map: i64) -> Result<Vec<(i64, i64, i64, i64)>> {
        Ok(sqlx::query_as(
            "SELECT statement_id, SUM(CASE WHEN vote = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN vote = -1 THEN 1 ELSE 0 END), \
             SUM(CASE WHEN vote = 0 THEN 1 ELSE 0 END) FROM opinion_votes WHERE map_id = $1 GROUP BY statement_id ORDER BY statement_id",
        )
        .bind(map)
        .fetch_all(self.pool())
        .await?)
    }
}
