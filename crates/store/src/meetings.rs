//! Meetings and their registrations: places are taken in order; past the capacity people wait,
//! and a cancellation gives the first waiting person the place — all under the write lock.

use crate::{Result, Store, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct MeetingRow {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub description: String,
    /// `in-person`, `online`, `hybrid`.
    pub kind: String,
    pub method: String,
    pub place: String,
    pub online_url: String,
    /// Local time `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    /// Places (0: no registration needed).
    pub capacity: i64,
    pub registered: i64,
    pub waiting: i64,
    pub attendees: Option<i64>,
    pub minutes: String,
    pub created_at: i64,
    pub closed_at: Option<i64>,
}

/// What an organiser sets.
pub struct MeetingFields<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub kind: &'a str,
    pub method: &'a str,
    pub place: &'a str,
    pub online_url: &'a str,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub capacity: i64,
}

/// A person's registration.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct Registration {
    pub code: String,
    /// `confirmed` or `waiting`.
    pub status: String,
}

const SELECT: &str = "SELECT id, process_id, title, description, kind, method, place, online_url, starts_at, ends_at, \
     capacity, registered, waiting, attendees, minutes, created_at, closed_at FROM meetings";

impl WriteTx {
    pub async fn insert_meeting(
        &mut self,
        process: i64,
        f: &MeetingFields<'_>,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO meetings (process_id, title, description, kind, method, place, online_url, starts_at, ends_at, capacity, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
        )
        .bind(process)
        .bind(f.title.to_owned())
        .bind(f.description.to_owned())
        .bind(f.kind.to_owned())
        .bind(f.method.to_owned())
        .bind(f.place.to_owned())
        .bind(f.online_url.to_owned())
        .bind(f.starts_at.to_owned())
        .bind(f.ends_at.to_owned())
        .bind(f.capacity)
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// Registers a person: confirmed while places remain, waiting after. `None` when already
    /// registered (their registration is unchanged).
    pub async fn register(
        &mut self,
        meeting: i64,
        user: i64,
        code: &str,
        now: i64,
    ) -> Result<Option<String>> {
        let (capacity, registered): (i64, i64) =
            sqlx::query_as("SELECT capacity, registered FROM meetings WHERE id = $1")
                .bind(meeting)
                .fetch_one(&mut *self.tx)
                .await?;
        let status = if registered < capacity {
            "confirmed"
        } else {
            "waiting"
        };
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO meeting_registrations (meeting_id, user_id, code, status, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(meeting)
        .bind(user)
        .bind(code.to_owned())
        .bind(status)
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?;
        if inserted.is_none() {
            return Ok(None);
        }
        let column = if status == "confirmed" {
            "registered"
        } else {
            "waiting"
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE meetings SET {column} = {column} + 1 WHERE id = $1"
        )))
        .bind(meeting)
        .execute(&mut *self.tx)
        .await?;
        Ok(Some(status.to_owned()))
    }

    /// Cancels a registration; a freed place goes to the first person waiting, whose user id is
    /// returned.
    pub async fn cancel_registration(&mut self, meeting: i64, user: i64) -> Result<Option<i64>> {
        let status: Option<String> = sqlx::query_scalar(
            "DELETE FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2 RETURNING status",
        )
        .bind(meeting)
        .bind(user)
        .fetch_optional(&mut *self.tx)
        .await?;
        match status.as_deref() {
            Some("waiting") => {
                sqlx::query("UPDATE meetings SET waiting = waiting - 1 WHERE id = $1")
                    .bind(meeting)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(None)
            }
            Some(_) => {
                let next: Option<(i64, i64)> = sqlx::query_as(
                    "SELECT id, user_id FROM meeting_registrations WHERE meeting_id = $1 AND status = 'waiting' ORDER BY id LIMIT 1",
                )
                .bind(meeting)
                .fetch_optional(&mut *self.tx)
                .await?;
                match next {
                    Some((id, promoted)) => {
                        sqlx::query(
                            "UPDATE meeting_registrations SET status = 'confirmed' WHERE id = $1",
                        )
                        .bind(id)
                        .execute(&mut *self.tx)
                        .await?;
                        sqlx::query("UPDATE meetings SET waiting = waiting - 1 WHERE id = $1")
                            .bind(meeting)
                            .execute(&mut *self.tx)
                            .await?;
                        Ok(Some(promoted))
                    }
                    None => {
                        sqlx::query(
                            "UPDATE meetings SET registered = registered - 1 WHERE id = $1",
                        )
                        .bind(meeting)
                        .execute(&mut *self.tx)
                        .await?;
                        Ok(None)
                    }
                }
            }
            None => Ok(None),
        }
    }

    /// Records how many came and the minutes.
    pub async fn close_meeting(
        &mut self,
        meeting: i64,
        attendees: i64,
        minutes: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE meetings SET attendees = $2, minutes = $3, closed_at = $4 WHERE id = $1",
        )
        .bind(meeting)
        .bind(attendees)
        .bind(minutes.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}

impl Store {
    pub async fn meeting(&self, id: i64) -> Result<Option<MeetingRow>> {
        Ok(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// Meetings of a process by start time.
    pub async fn meetings(&self, process: i64) -> Result<Vec<MeetingRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE process_id = $1 ORDER BY starts_at, id"
        )))
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn registration(&self, meeting: i64, user: i64) -> Result<Option<Registration>> {
        Ok(sqlx::query_as(
            "SELECT code, status FROM meeting_registrations WHERE meeting_id = $1 AND user_id = $2",
        )
        .bind(meeting)
        .bind(user)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The number of confirmed and waiting registrations, counted (the stored counters must agree).
    pub async fn count_registrations(&self, meeting: i64) -> Result<(i64, i64)> {
        Ok(sqlx::query_as(
            "SELECT COUNT(CASE WHEN status = 'confirmed' THEN 1 END), \
             COUNT(CASE WHEN status = 'waiting' THEN 1 END) FROM meeting_registrations WHERE meeting_id = $1",
        )
        .bind(meeting)
        .fetch_one(self.pool())
        .await?)
    }
}
