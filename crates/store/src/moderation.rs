//! Moderation: reports, hidden content, the public moderation log, appeals, blocked accounts.

use crate::{Result, Store, WriteTx};

/// The table of a moderated kind; anything else is refused (no SQL from input).
fn table(kind: &str) -> Option<&'static str> {
    match kind {
        "proposal" => Some("proposals"),
        "comment" => Some("comments"),
        _ => None,
    }
}

/// A public moderation log entry: what was done and why — never by whom.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct LogEntry {
    pub org_name: String,
    pub kind: String,
    pub item_id: i64,
    pub action: String,
    pub reason: String,
    pub at: i64,
}

/// An item reported in an organisation's processes, for its moderators.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct Reported {
    pub kind: String,
    pub item_id: i64,
    pub reports: i64,
    /// The most frequent reason.
    pub reason: String,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct AppealRow {
    pub id: i64,
    pub kind: String,
    pub item_id: i64,
    pub text: String,
    pub created_at: i64,
    pub decision: Option<String>,
}

impl WriteTx {
    /// Records a report; `None` when this person already reported the item, otherwise the number
    /// of reports the item now has.
    #[allow(clippy::too_many_arguments)]
    pub async fn report(
        &mut self,
        org: i64,
        kind: &str,
        item: i64,
        reporter: i64,
        reason: &str,
        details: &str,
        now: i64,
    ) -> Result<Option<i64>> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO reports (org_id, kind, item_id, reporter_id, reason, details, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(org)
        .bind(kind.to_owned())
        .bind(item)
        .bind(reporter)
        .bind(reason.to_owned())
        .bind(details.to_owned())
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?;
        if inserted.is_none() {
            return Ok(None);
        }
        Ok(Some(
            sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE kind = $1 AND item_id = $2")
                .bind(kind.to_owned())
                .bind(item)
                .fetch_one(&mut *self.tx)
                .await?,
        ))
    }

    /// Hides (`Some(reason)`) or restores (`None`) an item and logs it publicly.
    pub async fn set_hidden(
        &mut self,
        org: i64,
        kind: &str,
        item: i64,
        reason: Option<&str>,
        now: i64,
    ) -> Result<()> {
        let Some(t) = table(kind) else { return Ok(()) };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE {t} SET hidden_reason = $2 WHERE id = $1"
        )))
        .bind(item)
        .bind(reason.map(str::to_owned))
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("INSERT INTO moderation_log (org_id, kind, item_id, action, reason, at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(org)
            .bind(kind.to_owned())
            .bind(item)
            .bind(if reason.is_some() { "hidden" } else { "restored" })
            .bind(reason.unwrap_or("").to_owned())
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Records an author's appeal; false when they already appealed this item.
    pub async fn appeal(
        &mut self,
        org: i64,
        kind: &str,
        item: i64,
        user: i64,
        text: &str,
        now: i64,
    ) -> Result<bool> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO appeals (org_id, kind, item_id, user_id, text, created_at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(org)
        .bind(kind.to_owned())
        .bind(item)
        .bind(user)
        .bind(text.to_owned())
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(inserted.is_some())
    }

    pub async fn decide_appeals(&mut self, kind: &str, item: i64, decision: &str) -> Result<()> {
        sqlx::query("UPDATE appeals SET decision = $3 WHERE kind = $1 AND item_id = $2 AND decision IS NULL")
            .bind(kind.to_owned())
            .bind(item)
            .bind(decision.to_owned())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Blocks (`true`) or unblocks an account; blocking ends its sessions.
    pub async fn set_blocked(&mut self, user: i64, blocked: bool, now: i64) -> Result<()> {
        sqlx::query("UPDATE users SET blocked_at = $2 WHERE id = $1")
            .bind(user)
            .bind(blocked.then_some(now))
            .execute(&mut *self.tx)
            .await?;
        if blocked {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(())
    }
}

impl Store {
    pub async fn is_blocked(&self, user: i64) -> Result<bool> {
        let at: Option<i64> = sqlx::query_scalar("SELECT blocked_at FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(self.pool())
            .await?
            .flatten();
        Ok(at.is_some())
    }

    /// The public moderation log, newest first.
    pub async fn moderation_log(&self, limit: i64) -> Result<Vec<LogEntry>> {
        Ok(sqlx::query_as(
            "SELECT o.name AS org_name, m.kind, m.item_id, m.action, m.reason, m.at FROM moderation_log m \
             JOIN organisations o ON o.id = m.org_id ORDER BY m.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Items reported in an organisation's processes, most reported first.
    pub async fn reported(&self, org: i64) -> Result<Vec<Reported>> {
        Ok(sqlx::query_as(
            "SELECT kind, item_id, COUNT(*) AS reports, MIN(reason) AS reason FROM reports WHERE org_id = $1 \
             GROUP BY kind, item_id ORDER BY COUNT(*) DESC, item_id",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn appeals(&self, org: i64) -> Result<Vec<AppealRow>> {
        Ok(sqlx::query_as(
            "SELECT id, kind, item_id, text, created_at, decision FROM appeals WHERE org_id = $1 ORDER BY id DESC",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?)
    }
}
