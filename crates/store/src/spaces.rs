//! What makes a process a space people share: privacy, roles held in it, co-organising
//! organisations, debates, follows and notifications, amendments and endorsements.

use crate::{Result, Store, StoreError, WriteTx};

/// Someone holding a role in a space.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct RoleRow {
    pub user_id: i64,
    pub name: String,
    pub role: String,
}

/// An organisation co-organising a space.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct OrgRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct DebateRow {
    pub id: i64,
    pub process_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub title: String,
    pub body: String,
    pub summary: String,
    pub comments: i64,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct NotificationRow {
    pub id: i64,
    pub at: i64,
    pub kind: String,
    pub title: String,
    pub href: String,
    pub read_at: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct AmendmentRow {
    pub id: i64,
    pub proposal_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub title: String,
    pub body: String,
    pub state: String,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

/// Someone whose digest is due, with their language and address.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct DigestRecipient {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub lang: String,
}

const DEBATE_SELECT: &str = "SELECT d.id, d.process_id, d.author_id, u.name AS author_name, d.title, d.body, \
     d.summary, d.comments, d.created_at, d.closed_at FROM debates d JOIN users u ON u.id = d.author_id";

const AMENDMENT_SELECT: &str = "SELECT a.id, a.proposal_id, a.author_id, u.name AS author_name, a.title, a.body, \
     a.state, a.created_at, a.decided_at FROM amendments a JOIN users u ON u.id = a.author_id";

impl WriteTx {
    pub async fn set_process_private(&mut self, id: i64, private: bool) -> Result<()> {
        sqlx::query("UPDATE processes SET private = $2 WHERE id = $1")
            .bind(id)
            .bind(i64::from(private))
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Gives a role; [`StoreError::Duplicate`] when it is held already.
    pub async fn grant_space_role(
        &mut self,
        process: i64,
        user: i64,
        role: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO process_roles (process_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(process)
        .bind(user)
        .bind(role.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)?;
        Ok(())
    }

    /// Takes a role back; false when it was not held.
    pub async fn revoke_space_role(&mut self, process: i64, user: i64, role: &str) -> Result<bool> {
        let r = sqlx::query(
            "DELETE FROM process_roles WHERE process_id = $1 AND user_id = $2 AND role = $3",
        )
        .bind(process)
        .bind(user)
        .bind(role.to_owned())
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// [`StoreError::Duplicate`] when the organisation co-organises already.
    pub async fn add_coorganiser(&mut self, process: i64, org: i64, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO process_coorganisers (process_id, org_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(process)
        .bind(org)
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)?;
        Ok(())
    }

    pub async fn insert_debate(
        &mut self,
        process: i64,
        author: i64,
        title: &str,
        body: &str,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO debates (process_id, author_id, title, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(process)
        .bind(author)
        .bind(title.to_owned())
        .bind(body.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Closes an open debate with its summary; false when it was closed already.
    pub async fn close_debate(&mut self, id: i64, summary: &str, now: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE debates SET summary = $2, closed_at = $3 WHERE id = $1 AND closed_at IS NULL",
        )
        .bind(id)
        .bind(summary.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    pub async fn bump_debate_comments(&mut self, id: i64) -> Result<()> {
        sqlx::query("UPDATE debates SET comments = comments + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Follows (true) or stops following (false); idempotent.
    pub async fn set_follow(
        &mut self,
        user: i64,
        kind: &str,
        id: i64,
        on: bool,
        now: i64,
    ) -> Result<()> {
        let q = if on {
            "INSERT INTO follows (user_id, subject_kind, subject_id, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, subject_kind, subject_id) DO NOTHING"
        } else {
            "DELETE FROM follows WHERE user_id = $1 AND subject_kind = $2 AND subject_id = $3 AND $4 = $4"
        };
        sqlx::query(q)
            .bind(user)
            .bind(kind.to_owned())
            .bind(id)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Notifies everyone who follows any of `subjects` (except `skip`, who caused it), once each.
    /// Returns how many were notified.
    pub async fn notify_followers(
        &mut self,
        subjects: &[(&str, i64)],
        skip: Option<i64>,
        kind: &str,
        title: &str,
        href: &str,
        now: i64,
    ) -> Result<u64> {
        let mut users: Vec<i64> = Vec::new();
        for (k, id) in subjects {
            let found: Vec<i64> = sqlx::query_scalar(
                "SELECT user_id FROM follows WHERE subject_kind = $1 AND subject_id = $2",
            )
            .bind((*k).to_owned())
            .bind(*id)
            .fetch_all(&mut *self.tx)
            .await?;
            users.extend(found);
        }
        users.sort_unstable();
        users.dedup();
        let mut n = 0;
        for u in users.into_iter().filter(|u| Some(*u) != skip) {
            sqlx::query(
                "INSERT INTO notifications (user_id, at, kind, title, href) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(u)
            .bind(now)
            .bind(kind.to_owned())
            .bind(title.to_owned())
            .bind(href.to_owned())
            .execute(&mut *self.tx)
            .await?;
            n += 1;
        }
        Ok(n)
    }

    /// Marks every notification of a person read.
    pub async fn mark_notifications_read(&mut self, user: i64, now: i64) -> Result<()> {
        sqlx::query("UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL")
            .bind(user)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub async fn set_digest(&mut self, user: i64, digest: &str) -> Result<()> {
        sqlx::query("UPDATE users SET digest = $2 WHERE id = $1")
            .bind(user)
            .bind(digest.to_owned())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Claims a person's digest: sets its time to `now` unless a digest went out at or after
    /// `due_before` (another worker's). False when already claimed.
    pub async fn claim_digest(&mut self, user: i64, due_before: i64, now: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE users SET digest_sent_at = $3 WHERE id = $1 AND (digest_sent_at IS NULL OR digest_sent_at < $2)",
        )
        .bind(user)
        .bind(due_before)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Marks a person's notifications up to `last` as mailed.
    pub async fn mark_mailed(&mut self, user: i64, last: i64, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE notifications SET mailed_at = $3 WHERE user_id = $1 AND id <= $2 AND mailed_at IS NULL",
        )
        .bind(user)
        .bind(last)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn insert_amendment(
        &mut self,
        proposal: i64,
        author: i64,
        title: &str,
        body: &str,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO amendments (proposal_id, author_id, title, body, state, created_at) \
             VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id",
        )
        .bind(proposal)
        .bind(author)
        .bind(title.to_owned())
        .bind(body.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Decides a pending amendment; false when it was decided already.
    pub async fn decide_amendment(&mut self, id: i64, state: &str, now: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE amendments SET state = $2, decided_at = $3 WHERE id = $1 AND state = 'pending'",
        )
        .bind(id)
        .bind(state.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Replaces a proposal's title and body (an accepted amendment).
    pub async fn amend_proposal(
        &mut self,
        id: i64,
        title: &str,
        body: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE proposals SET title = $2, body = $3, updated_at = $4 WHERE id = $1")
            .bind(id)
            .bind(title.to_owned())
            .bind(body.to_owned())
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// [`StoreError::Duplicate`] when the organisation endorses it already.
    pub async fn endorse(&mut self, proposal: i64, org: i64, user: i64, now: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO endorsements (proposal_id, org_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(proposal)
        .bind(org)
        .bind(user)
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)?;
        Ok(())
    }

    pub async fn set_proposal_meeting(&mut self, proposal: i64, meeting: i64) -> Result<()> {
        sqlx::query("UPDATE proposals SET meeting_id = $2 WHERE id = $1")
            .bind(proposal)
            .bind(meeting)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

impl Store {
    /// `(process id, role)` for every role a person holds.
    pub async fn space_roles_of(&self, user: i64) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT process_id, role FROM process_roles WHERE user_id = $1 ORDER BY process_id, role",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?)
    }

    /// Who holds which role in a space, by role then name.
    pub async fn space_roles(&self, process: i64) -> Result<Vec<RoleRow>> {
        Ok(sqlx::query_as(
            "SELECT r.user_id, u.name, r.role FROM process_roles r JOIN users u ON u.id = r.user_id \
             WHERE r.process_id = $1 ORDER BY r.role, u.name, r.user_id",
        )
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn coorganisers(&self, process: i64) -> Result<Vec<OrgRef>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.slug, o.name FROM process_coorganisers c JOIN organisations o ON o.id = c.org_id \
             WHERE c.process_id = $1 ORDER BY o.name, o.id",
        )
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    /// 1 when the process is private.
    pub async fn process_private(&self, process: i64) -> Result<bool> {
        let p: Option<i64> = sqlx::query_scalar("SELECT private FROM processes WHERE id = $1")
            .bind(process)
            .fetch_optional(self.pool())
            .await?;
        Ok(p == Some(1))
    }

    pub async fn debates(&self, process: i64) -> Result<Vec<DebateRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{DEBATE_SELECT} WHERE d.process_id = $1 ORDER BY d.closed_at IS NOT NULL, d.id DESC"
        )))
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn debate(&self, id: i64) -> Result<Option<DebateRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{DEBATE_SELECT} WHERE d.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn follows(&self, user: i64, kind: &str, id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM follows WHERE user_id = $1 AND subject_kind = $2 AND subject_id = $3",
        )
        .bind(user)
        .bind(kind.to_owned())
        .bind(id)
        .fetch_one(self.pool())
        .await?;
        Ok(n > 0)
    }

    /// A person's latest notifications, newest first.
    pub async fn notifications(&self, user: i64, limit: i64) -> Result<Vec<NotificationRow>> {
        Ok(sqlx::query_as(
            "SELECT id, at, kind, title, href, read_at FROM notifications WHERE user_id = $1 \
             ORDER BY id DESC LIMIT $2",
        )
        .bind(user)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn unread_notifications(&self, user: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user)
        .fetch_one(self.pool())
        .await?)
    }

    /// The person's digest choice.
    pub async fn digest_of(&self, user: i64) -> Result<String> {
        Ok(sqlx::query_scalar("SELECT digest FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(self.pool())
            .await?)
    }

    /// People with the digest `frequency` who have notifications not yet mailed and whose last
    /// digest went out before `due_before` (or never).
    pub async fn digest_due(
        &self,
        frequency: &str,
        due_before: i64,
    ) -> Result<Vec<DigestRecipient>> {
        Ok(sqlx::query_as(
            "SELECT u.id, u.email, u.name, u.lang FROM users u WHERE u.digest = $1 \
             AND (u.digest_sent_at IS NULL OR u.digest_sent_at < $2) \
             AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = u.id AND n.mailed_at IS NULL) \
             ORDER BY u.id",
        )
        .bind(frequency.to_owned())
        .bind(due_before)
        .fetch_all(self.pool())
        .await?)
    }

    /// Notifications not yet mailed, oldest first.
    pub async fn unmailed_notifications(&self, user: i64) -> Result<Vec<NotificationRow>> {
        Ok(sqlx::query_as(
            "SELECT id, at, kind, title, href, read_at FROM notifications WHERE user_id = $1 \
             AND mailed_at IS NULL ORDER BY id LIMIT 200",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn amendments(&self, proposal: i64) -> Result<Vec<AmendmentRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{AMENDMENT_SELECT} WHERE a.proposal_id = $1 ORDER BY a.id"
        )))
        .bind(proposal)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn amendment(&self, id: i64) -> Result<Option<AmendmentRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{AMENDMENT_SELECT} WHERE a.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Organisations endorsing a proposal, by name.
    pub async fn endorsements(&self, proposal: i64) -> Result<Vec<OrgRef>> {
        Ok(sqlx::query_as(
            "SELECT o.id, o.slug, o.name FROM endorsements e JOIN organisations o ON o.id = e.org_id \
             WHERE e.proposal_id = $1 ORDER BY o.name, o.id",
        )
        .bind(proposal)
        .fetch_all(self.pool())
        .await?)
    }

    /// Proposals born in a meeting: `(id, title)`.
    pub async fn meeting_proposals(&self, meeting: i64) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, title FROM proposals WHERE meeting_id = $1 AND state <> 'draft' ORDER BY id",
        )
        .bind(meeting)
        .fetch_all(self.pool())
        .await?)
    }
}
