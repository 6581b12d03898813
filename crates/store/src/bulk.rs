//! Bulk inserts for generated data (the large demo that benchmarks run on): many rows per
//! statement, inside the caller's transaction. Not used by the use cases.

use crate::{Result, WriteTx};

/// Rows per statement: well under SQLite's 32 766 bound parameters.
const CHUNK: usize = 500;

impl WriteTx {
    async fn bulk(&mut self, head: &str, width: usize, rows: &[Vec<BulkValue>]) -> Result<()> {
        for chunk in rows.chunks(CHUNK) {
            let mut sql = String::from(head);
            sql.push_str(" VALUES ");
            for (r, _) in chunk.iter().enumerate() {
                if r > 0 {
                    sql.push_str(", ");
                }
                sql.push('(');
                for c in 0..width {
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("${}", r * width + c + 1));
                }
                sql.push(')');
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in chunk {
                for v in row {
                    q = match v {
                        BulkValue::Int(n) => q.bind(*n),
                        BulkValue::Text(t) => q.bind(t.clone()),
                    };
                }
            }
            q.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// Inserts confirmed accounts without passwords; returns their ids in order.
    pub async fn bulk_users(&mut self, rows: &[(String, String)], now: i64) -> Result<Vec<i64>> {
        let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM users")
            .fetch_one(&mut *self.tx)
            .await?;
        let values: Vec<Vec<BulkValue>> = rows
            .iter()
            .map(|(email, name)| {
                vec![
                    BulkValue::Text(email.clone()),
                    BulkValue::Text(name.clone()),
                    BulkValue::Int(now),
                    BulkValue::Int(now),
                ]
            })
            .collect();
        self.bulk(
            "INSERT INTO users (email, name, email_confirmed_at, created_at)",
            4,
            &values,
        )
        .await?;
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE id > $1 ORDER BY id")
                .bind(first)
                .fetch_all(&mut *self.tx)
                .await?,
        )
    }

    /// Inserts published proposals `(author, title, body, category, supports, comments, at)`;
    /// returns their ids in order.
    pub async fn bulk_proposals(
        &mut self,
        process: i64,
        rows: &[BulkProposal],
    ) -> Result<Vec<i64>> {
        let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM proposals")
            .fetch_one(&mut *self.tx)
            .await?;
        let values: Vec<Vec<BulkValue>> = rows
            .iter()
            .map(|(author, title, body, category, supports, comments, at)| {
                vec![
                    BulkValue::Int(process),
                    BulkValue::Int(*author),
                    BulkValue::Text(title.clone()),
                    BulkValue::Text(body.clone()),
                    BulkValue::Text((*category).to_owned()),
                    BulkValue::Int(*supports),
                    BulkValue::Int(*comments),
                    BulkValue::Text("published".into()),
                    BulkValue::Int(*at),
                    BulkValue::Int(*at),
                    BulkValue::Int(*at),
                ]
            })
            .collect();
        self.bulk(
            "INSERT INTO proposals (process_id, author_id, title, body, category, supports, comments, state, created_at, published_at, updated_at)",
            11,
            &values,
        )
        .await?;
        Ok(
            sqlx::query_scalar("SELECT id FROM proposals WHERE id > $1 ORDER BY id")
                .bind(first)
                .fetch_all(&mut *self.tx)
                .await?,
        )
    }

    /// Inserts top-level comments on proposals `(proposal, author, body, at)`; returns their ids.
    pub async fn bulk_comments(&mut self, rows: &[(i64, i64, String, i64)]) -> Result<Vec<i64>> {
        let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM comments")
            .fetch_one(&mut *self.tx)
            .await?;
        let values: Vec<Vec<BulkValue>> = rows
            .iter()
            .map(|(p, a, body, at)| {
                vec![
                    BulkValue::Text("proposal".into()),
                    BulkValue::Int(*p),
                    BulkValue::Int(*a),
                    BulkValue::Text(body.clone()),
                    BulkValue::Int(*at),
                ]
            })
            .collect();
        self.bulk(
            "INSERT INTO comments (subject_kind, subject_id, author_id, body, created_at)",
            5,
            &values,
        )
        .await?;
        Ok(
            sqlx::query_scalar("SELECT id FROM comments WHERE id > $1 ORDER BY id")
                .bind(first)
                .fetch_all(&mut *self.tx)
                .await?,
        )
    }

    /// Indexes many documents `(kind, item, process, title, body, href, terms)` at once.
    pub async fn bulk_index(&mut self, docs: &[BulkDoc]) -> Result<()> {
        let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM search_docs")
            .fetch_one(&mut *self.tx)
            .await?;
        let values: Vec<Vec<BulkValue>> = docs
            .iter()
            .map(|(kind, item, process, title, body, href, _)| {
                vec![
                    BulkValue::Text((*kind).to_owned()),
                    BulkValue::Int(*item),
                    BulkValue::Int(*process),
                    BulkValue::Text(title.clone()),
                    BulkValue::Text(body.clone()),
                    BulkValue::Text(href.clone()),
                ]
            })
            .collect();
        self.bulk(
            "INSERT INTO search_docs (kind, item_id, process_id, title, body, href)",
            6,
            &values,
        )
        .await?;
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM search_docs WHERE id > $1 ORDER BY id")
                .bind(first)
                .fetch_all(&mut *self.tx)
                .await?;
        let mut terms = Vec::new();
        for (doc, id) in docs.iter().zip(ids) {
            for (t, w) in &doc.6 {
                terms.push(vec![
                    BulkValue::Text(t.clone()),
                    BulkValue::Int(id),
                    BulkValue::Int(*w),
                ]);
            }
        }
        self.bulk("INSERT INTO search_terms (term, doc_id, weight)", 3, &terms)
            .await
    }
}

/// A generated search document: `(kind, item, process, title, body, href, terms)`.
pub type BulkDoc = (
    &'static str,
    i64,
    i64,
    String,
    String,
    String,
    Vec<(String, i64)>,
);

/// A generated proposal: `(author, title, body, category, supports, comments, at)`.
pub type BulkProposal = (i64, String, String, &'static str, i64, i64, i64);

/// A value of a generated row.
pub enum BulkValue {
    Int(i64),
    Text(String),
}
