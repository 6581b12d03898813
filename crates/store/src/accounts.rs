//! Accounts, sessions and single-use tokens (e-mail confirmation, log-in links, password reset).
//! Session and token secrets are never stored: only their SHA-256 hashes.

use crate::{Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub lang: String,
    pub email_confirmed_at: Option<i64>,
    pub instance_admin: i64,
    pub created_at: i64,
}

const USER_COLUMNS: &str =
    "id, email, name, password_hash, lang, email_confirmed_at, instance_admin, created_at";

/// A new account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: Option<&'a str>,
    pub lang: &'a str,
    pub confirmed_at: Option<i64>,
    pub instance_admin: bool,
    pub now: i64,
}

impl WriteTx {
    /// Inserts an account; [`StoreError::Duplicate`] when the e-mail is taken.
    pub async fn insert_user(&mut self, u: NewUser<'_>) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO users (email, name, password_hash, lang, email_confirmed_at, instance_admin, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(u.email.to_owned())
        .bind(u.name.to_owned())
        .bind(u.password_hash.map(str::to_owned))
        .bind(u.lang.to_owned())
        .bind(u.confirmed_at)
        .bind(i64::from(u.instance_admin))
        .bind(u.now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)
    }

    pub async fn update_profile(&mut self, user: i64, name: &str, lang: &str) -> Result<()> {
        sqlx::query("UPDATE users SET name = $2, lang = $3 WHERE id = $1")
            .bind(user)
            .bind(name.to_owned())
            .bind(lang.to_owned())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub async fn set_password(&mut self, user: i64, hash: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
            .bind(user)
            .bind(hash.to_owned())
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Marks the e-mail confirmed (keeps the first confirmation time).
    pub async fn confirm_email(&mut self, user: i64, now: i64) -> Result<()> {
        sqlx::query(
            "UPDATE users SET email_confirmed_at = COALESCE(email_confirmed_at, $2) WHERE id = $1",
        )
        .bind(user)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn set_instance_admin(&mut self, user: i64, admin: bool) -> Result<()> {
        sqlx::query("UPDATE users SET instance_admin = $2 WHERE id = $1")
            .bind(user)
            .bind(i64::from(admin))
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    pub async fn insert_session(
        &mut self,
        token_hash: &str,
        user: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash.to_owned())
            .bind(user)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Deletes a session; returns its user when it existed.
    pub async fn delete_session(&mut self, token_hash: &str) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id")
                .bind(token_hash.to_owned())
                .fetch_optional(&mut *self.tx)
                .await?,
        )
    }

    /// Ends every session of a user (after a password reset).
    pub async fn delete_sessions_of(&mut self, user: i64) -> Result<u64> {
        Ok(sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user)
            .execute(&mut *self.tx)
            .await?
            .rows_affected())
    }

    pub async fn insert_token(
        &mut self,
        token_hash: &str,
        user: i64,
        purpose: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash.to_owned())
        .bind(user)
        .bind(purpose.to_owned())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Uses a token once: returns its user when the token exists, has this purpose, is unused and
    /// unexpired, and marks it used in the same statement so two requests cannot both use it.
    pub async fn use_token(
        &mut self,
        token_hash: &str,
        purpose: &str,
        now: i64,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "UPDATE tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL \
             AND expires_at > $3 RETURNING user_id",
        )
        .bind(token_hash.to_owned())
        .bind(purpose.to_owned())
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?)
    }
}

impl Store {
    pub async fn user_by_email(&self, email: &str) -> Result<Option<UserRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        )))
        .bind(email.to_owned())
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<UserRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The user of a live session.
    pub async fn session_user(&self, token_hash: &str, now: i64) -> Result<Option<UserRow>> {
        Ok(sqlx::query_as(
            "SELECT u.id, u.email, u.name, u.password_hash, u.lang, u.email_confirmed_at, u.instance_admin, \
             u.created_at FROM users u JOIN sessions s ON s.user_id = u.id \
             WHERE s.token_hash = $1 AND s.expires_at > $2",
        )
        .bind(token_hash.to_owned())
        .bind(now)
        .fetch_optional(self.pool())
        .await?)
    }

    /// `(organisation id, role)` for every membership of a user.
    pub async fn memberships_of(&self, user: i64) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT org_id, role FROM memberships WHERE user_id = $1 ORDER BY org_id",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn users(&self, limit: i64, offset: i64) -> Result<Vec<UserRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY name, id LIMIT $1 OFFSET $2"
        )))
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn count_users(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(self.pool())
            .await?)
    }
}
