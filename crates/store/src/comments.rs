//! Threaded comments on any subject (`proposal`, later debates, meetings, results): replies
//! share their thread's root, so a page of threads is two queries however deep the replies go.

use crate::{Result, Store, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct CommentRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub root_id: Option<i64>,
    pub author_id: i64,
    pub author_name: String,
    pub body: String,
    /// −1 against, 0 neutral, +1 for.
    pub alignment: i64,
    pub ups: i64,
    pub downs: i64,
    pub created_at: i64,
    pub edited_at: Option<i64>,
    /// Why moderation hid it, when it did.
    pub hidden_reason: Option<String>,
}

const SELECT: &str = "SELECT c.id, c.parent_id, c.root_id, c.author_id, u.name AS author_name, c.body, c.alignment, \
     c.ups, c.downs, c.created_at, c.edited_at, c.hidden_reason FROM comments c JOIN users u ON u.id = c.author_id";

/// Where a comment is posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject<'a> {
    pub kind: &'a str,
    pub id: i64,
}

impl WriteTx {
    /// Inserts a comment; a reply takes its parent's thread root.
    pub async fn insert_comment(
        &mut self,
        subject: Subject<'_>,
        parent: Option<(i64, Option<i64>)>,
        author: i64,
        body: &str,
        alignment: i64,
        now: i64,
    ) -> Result<i64> {
        let (parent_id, root_id) = match parent {
            Some((p, root)) => (Some(p), Some(root.unwrap_or(p))),
            None => (None, None),
        };
        Ok(sqlx::query_scalar(
            "INSERT INTO comments (subject_kind, subject_id, parent_id, root_id, author_id, body, alignment, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(subject.kind.to_owned())
        .bind(subject.id)
        .bind(parent_id)
        .bind(root_id)
        .bind(author)
        .bind(body.to_owned())
        .bind(alignment)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Replaces a comment's text, keeping the former one in the edit history.
    pub async fn edit_comment(&mut self, id: i64, body: &str, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO comment_edits (comment_id, at, body) SELECT id, $2, body FROM comments WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("UPDATE comments SET body = $2, edited_at = $3 WHERE id = $1")
            .bind(id)
            .bind(body.to_owned())
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Sets a person's vote on a comment (+1, −1, or 0 to take it back), keeping the counters.
    pub async fn vote_comment(&mut self, comment: i64, user: i64, value: i64) -> Result<()> {
        let old: Option<i64> = sqlx::query_scalar(
            "SELECT value FROM comment_votes WHERE comment_id = $1 AND user_id = $2",
        )
        .bind(comment)
        .bind(user)
        .fetch_optional(&mut *self.tx)
        .await?;
        let old = old.unwrap_or(0);
        if old == value {
            return Ok(());
        }
        sqlx::query("DELETE FROM comment_votes WHERE comment_id = $1 AND user_id = $2")
            .bind(comment)
            .bind(user)
            .execute(&mut *self.tx)
            .await?;
        if value != 0 {
            sqlx::query(
                "INSERT INTO comment_votes (comment_id, user_id, value) VALUES ($1, $2, $3)",
            )
            .bind(comment)
            .bind(user)
            .bind(value)
            .execute(&mut *self.tx)
            .await?;
        }
        let up = i64::from(value == 1) - i64::from(old == 1);
        let down = i64::from(value == -1) - i64::from(old == -1);
        sqlx::query("UPDATE comments SET ups = ups + $2, downs = downs + $3 WHERE id = $1")
            .bind(comment)
            .bind(up)
            .bind(down)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

impl Store {
    pub async fn comment(&self, id: i64) -> Result<Option<(CommentRow, String, i64)>> {
        let row: Option<CommentRow> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?;
        let Some(row) = row else { return Ok(None) };
        let (kind, subject): (String, i64) =
            sqlx::query_as("SELECT subject_kind, subject_id FROM comments WHERE id = $1")
                .bind(id)
                .fetch_one(self.pool())
                .await?;
        Ok(Some((row, kind, subject)))
    }

    /// A page of threads (top-level comments, oldest first) with every reply in them, and the
    /// number of threads.
    pub async fn comment_threads(
        &self,
        subject: Subject<'_>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<CommentRow>, Vec<CommentRow>, i64)> {
        let roots: Vec<CommentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE c.subject_kind = $1 AND c.subject_id = $2 AND c.parent_id IS NULL ORDER BY c.id LIMIT $3 OFFSET $4"
        )))
        .bind(subject.kind.to_owned())
        .bind(subject.id)
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let threads: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments WHERE subject_kind = $1 AND subject_id = $2 AND parent_id IS NULL",
        )
        .bind(subject.kind.to_owned())
        .bind(subject.id)
        .fetch_one(self.pool())
        .await?;
        let replies = if roots.is_empty() {
            vec![]
        } else {
            let ids: Vec<String> = roots.iter().map(|r| r.id.to_string()).collect();
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "{SELECT} WHERE c.root_id IN ({}) ORDER BY c.id",
                ids.join(",")
            )))
            .fetch_all(self.pool())
            .await?
        };
        Ok((roots, replies, threads))
    }

    /// Former texts of a comment, oldest first: `(at, body)`.
    pub async fn comment_edits(&self, id: i64) -> Result<Vec<(i64, String)>> {
        Ok(
            sqlx::query_as("SELECT at, body FROM comment_edits WHERE comment_id = $1 ORDER BY id")
                .bind(id)
                .fetch_all(self.pool())
                .await?,
        )
    }
}
