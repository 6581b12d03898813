//! Proposals in a process: drafts, publication, edits, withdrawal, supports (one per person, a
//! database key) and the status history with the organisation's official answers.

use crate::{Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct ProposalRow {
    pub id: i64,
    pub process_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub title: String,
    pub body: String,
    pub category: String,
    pub place: String,
    pub cost: Option<i64>,
    /// `draft`, `published` or `withdrawn`.
    pub state: String,
    /// The official answer: `evaluating`, `accepted`, `rejected`, `implemented`, or none yet.
    pub answer: Option<String>,
    pub answer_text: String,
    pub supports: i64,
    pub comments: i64,
    pub created_at: i64,
    pub published_at: Option<i64>,
    pub updated_at: i64,
    /// Why moderation hid it, when it did.
    pub hidden_reason: Option<String>,
    /// The meeting the proposal was born in.
    pub meeting_id: Option<i64>,
}

/// One entry of a proposal's history.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct ProposalEvent {
    pub id: i64,
    pub at: i64,
    /// `created`, `published`, `edited`, `withdrawn`, `answered`.
    pub kind: String,
    pub state: Option<String>,
    pub text: String,
}

/// What an author sets.
pub struct ProposalFields<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub category: &'a str,
    pub place: &'a str,
    pub cost: Option<i64>,
}

/// How a list of proposals is narrowed and ordered.
#[derive(Debug, Clone, Default)]
pub struct ProposalFilter {
    pub category: Option<String>,
    /// `none` (not answered yet) or an answer code.
    pub answer: Option<String>,
    /// Include withdrawn proposals.
    pub withdrawn: bool,
    /// Only proposals holding every one of these words (for each word, the stems any of which
    /// must occur: `engines::text::query_terms`), through the search index.
    pub words: Vec<Vec<String>>,
    /// `recent` (default), `supports`, `comments`, `oldest`.
    pub order: String,
    pub limit: i64,
    pub offset: i64,
}

const SELECT: &str = "SELECT p.id, p.process_id, p.author_id, u.name AS author_name, p.title, p.body, p.category, \
     p.place, p.cost, p.state, p.answer, p.answer_text, p.supports, p.comments, p.created_at, p.published_at, \
     p.updated_at, p.hidden_reason, p.meeting_id FROM proposals p JOIN users u ON u.id = p.author_id";

impl WriteTx {
    /// Inserts a draft proposal.
    pub async fn insert_proposal(
        &mut self,
        process: i64,
        author: i64,
        f: &ProposalFields<'_>,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO proposals (process_id, author_id, title, body, category, place, cost, state, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8, $8) RETURNING id",
        )
        .bind(process)
        .bind(author)
        .bind(f.title.to_owned())
        .bind(f.body.to_owned())
        .bind(f.category.to_owned())
        .bind(f.place.to_owned())
        .bind(f.cost)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    pub async fn update_proposal(
        &mut self,
        id: i64,
        f: &ProposalFields<'_>,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE proposals SET title = $2, body = $3, category = $4, place = $5, cost = $6, updated_at = $7 WHERE id = $1",
        )
        .bind(id)
        .bind(f.title.to_owned())
        .bind(f.body.to_owned())
        .bind(f.category.to_owned())
        .bind(f.place.to_owned())
        .bind(f.cost)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Moves a proposal to `published` or `withdrawn`; the first publication is dated.
    pub async fn set_proposal_state(&mut self, id: i64, state: &str, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE proposals SET state = $2, updated_at = $3, \
             published_at = CASE WHEN $2 = 'published' THEN COALESCE(published_at, $3) ELSE published_at END WHERE id = $1",
        )
        .bind(id)
        .bind(state.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn answer_proposal(
        &mut self,
        id: i64,
        answer: &str,
        text: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE proposals SET answer = $2, answer_text = $3, updated_at = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(answer.to_owned())
        .bind(text.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn proposal_event(
        &mut self,
        proposal: i64,
        at: i64,
        kind: &str,
        state: Option<&str>,
        text: &str,
    ) -> Result<()> {
        sqlx::query("INSERT INTO proposal_events (proposal_id, at, kind, state, text) VALUES ($1, $2, $3, $4, $5)")
            .bind(proposal)
            .bind(at)
            .bind(kind.to_owned())
            .bind(state.map(str::to_owned))
            .bind(text.to_owned())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// How many proposals of `process` the user supports, read inside the write lock.
    pub async fn supports_of_user(&mut self, user: i64, process: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM proposal_supports WHERE user_id = $1 AND process_id = $2",
        )
        .bind(user)
        .bind(process)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Adds a support; false when the user already supports the proposal (the primary key).
    pub async fn support(
        &mut self,
        proposal: i64,
        process: i64,
        user: i64,
        now: i64,
    ) -> Result<bool> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO proposal_supports (proposal_id, user_id, process_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING proposal_id",
        )
        .bind(proposal)
        .bind(user)
        .bind(process)
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)?;
        if inserted.is_some() {
            sqlx::query("UPDATE proposals SET supports = supports + 1 WHERE id = $1")
                .bind(proposal)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(inserted.is_some())
    }

    /// Removes a support; false when there was none.
    pub async fn unsupport(&mut self, proposal: i64, user: i64) -> Result<bool> {
        let removed: Option<i64> = sqlx::query_scalar(
            "DELETE FROM proposal_supports WHERE proposal_id = $1 AND user_id = $2 RETURNING proposal_id",
        )
        .bind(proposal)
        .bind(user)
        .fetch_optional(&mut *self.tx)
        .await?;
        if removed.is_some() {
            sqlx::query("UPDATE proposals SET supports = supports - 1 WHERE id = $1")
                .bind(proposal)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(removed.is_some())
    }

    pub async fn bump_proposal_comments(&mut self, proposal: i64) -> Result<()> {
        sqlx::query("UPDATE proposals SET comments = comments + 1 WHERE id = $1")
            .bind(proposal)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

impl Store {
    pub async fn proposal(&self, id: i64) -> Result<Option<ProposalRow>> {
        Ok(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE p.id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Published (and, when asked, withdrawn) proposals of a process, with the total count.
    /// The page is read through the indexes without the bodies of the rows it skips; the total
    /// is a separate count over the same conditions.
    pub async fn proposals(
        &self,
        process: i64,
        f: &ProposalFilter,
    ) -> Result<(Vec<ProposalRow>, i64)> {
        let mut conditions = format!(
            " WHERE p.process_id = $1 AND p.hidden_reason IS NULL AND p.state {}",
            if f.withdrawn {
                "IN ('published', 'withdrawn')"
            } else {
                "= 'published'"
            }
        );
        let mut n = 1;
        if f.category.is_some() {
            n += 1;
            conditions.push_str(&format!(" AND p.category = ${n}"));
        }
        match f.answer.as_deref() {
            Some("none") => conditions.push_str(" AND p.answer IS NULL"),
            Some(_) => {
                n += 1;
                conditions.push_str(&format!(" AND p.answer = ${n}"));
            }
            None => {}
        }
        let mut words = Vec::new();
        if !f.words.is_empty() {
            let q = crate::search::Query {
                words: &f.words,
                kind: Some("proposal"),
                process_id: Some(process),
                limit: 0,
                offset: 0,
                facets: false,
            };
            let (_, filter, binds) = self.filter(&q, n).await?;
            conditions.push_str(&format!(
                " AND p.id IN (SELECT d.item_id FROM search_docs d{filter} AND d.kind = 'proposal')"
            ));
            words = binds;
        }
        let order = match f.order.as_str() {
            "supports" => " ORDER BY p.supports DESC, p.id DESC",
            "comments" => " ORDER BY p.comments DESC, p.id DESC",
            "oldest" => " ORDER BY p.id ASC",
            _ => " ORDER BY p.id DESC",
        };
        // The page's ids first (index only), then their rows.
        let ids_sql = format!(
            "SELECT p.id FROM proposals p{conditions}{order} LIMIT {} OFFSET {}",
            f.limit.clamp(1, 200),
            f.offset.max(0)
        );
        let count_sql = format!("SELECT COUNT(*) FROM proposals p{conditions}");
        let mut iq = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(ids_sql)).bind(process);
        let mut cq = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql)).bind(process);
        if let Some(c) = &f.category {
            iq = iq.bind(c.clone());
            cq = cq.bind(c.clone());
        }
        if let Some(a) = f.answer.as_deref().filter(|a| *a != "none") {
            iq = iq.bind(a.to_owned());
            cq = cq.bind(a.to_owned());
        }
        for w in words {
            iq = iq.bind(w.clone());
            cq = cq.bind(w);
        }
        let page = iq.fetch_all(self.pool()).await?;
        let total = cq.fetch_one(self.pool()).await?;
        if page.is_empty() {
            return Ok((vec![], total));
        }
        let list: Vec<String> = page.iter().map(i64::to_string).collect();
        let rows: Vec<ProposalRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.id IN ({})",
            list.join(",")
        )))
        .fetch_all(self.pool())
        .await?;
        // In the page's order.
        let mut ordered = Vec::with_capacity(rows.len());
        for id in page {
            if let Some(r) = rows.iter().find(|r| r.id == id) {
                ordered.push(r.clone());
            }
        }
        Ok((ordered, total))
    }

    /// An author's drafts in a process.
    pub async fn drafts_of(&self, process: i64, author: i64) -> Result<Vec<ProposalRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE p.process_id = $1 AND p.author_id = $2 AND p.state = 'draft' ORDER BY p.id DESC"
        )))
        .bind(process)
        .bind(author)
        .fetch_all(self.pool())
        .await?)
    }

    /// Published proposals of a process as `(id, title, body)`, for similarity.
    pub async fn proposal_texts(&self, process: i64) -> Result<Vec<(i64, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, title, body FROM proposals WHERE process_id = $1 AND state = 'published' AND hidden_reason IS NULL ORDER BY id",
        )
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn proposal_events(&self, proposal: i64) -> Result<Vec<ProposalEvent>> {
        Ok(sqlx::query_as(
            "SELECT id, at, kind, state, text FROM proposal_events WHERE proposal_id = $1 ORDER BY id",
        )
        .bind(proposal)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn supports(&self, proposal: i64, user: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM proposal_supports WHERE proposal_id = $1 AND user_id = $2",
        )
        .bind(proposal)
        .bind(user)
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    /// The number of support rows of a proposal (the stored counter must equal it).
    pub async fn count_supports(&self, proposal: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM proposal_supports WHERE proposal_id = $1")
                .bind(proposal)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Categories in use in a process with their counts of published proposals.
    pub async fn proposal_categories(&self, process: i64) -> Result<Vec<(String, i64)>> {
        Ok(sqlx::query_as(
            "SELECT category, COUNT(*) FROM proposals WHERE process_id = $1 AND state = 'published' \
             AND hidden_reason IS NULL GROUP BY category ORDER BY category",
        )
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }
}
