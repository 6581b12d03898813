//! The audit log: append-only and hash-chained.
//!
//! Each entry's hash is `sha256(prev_hash ‖ canonical entry)`, where the canonical entry is its
//! fields joined by newlines with the details as compact JSON. [`verify`] walks the chain in
//! order and names the first entry that was changed or removed (a gap in sequence numbers, or a
//! head that does not match the last entry, means removal).

use crate::{Result, Store, WriteTx};
use sha2::{Digest, Sha256};

/// One event to record.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub at: i64,
    pub actor: Option<i64>,
    /// What happened, dotted: `user.register`, `organisation.update`.
    pub action: &'a str,
    /// What it happened to: `user:12`, `organisation:comune-di-bologna`.
    pub subject: String,
    pub details: serde_json::Value,
}

/// A stored entry.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Entry {
    pub seq: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub subject: String,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

fn chain_hash(
    prev: &str,
    seq: i64,
    at: i64,
    actor: Option<i64>,
    action: &str,
    subject: &str,
    details: &str,
) -> String {
    let actor = actor.map(|a| a.to_string()).unwrap_or_default();
    let canonical = format!("{seq}\n{at}\n{actor}\n{action}\n{subject}\n{details}");
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    hex::encode(h.finalize())
}

impl WriteTx {
    /// Appends `event` to the audit log inside this transaction.
    pub async fn audit(&mut self, event: Event<'_>) -> Result<()> {
        let (seq, prev): (i64, String) =
            sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
                .fetch_one(&mut *self.tx)
                .await?;
        let details = event.details.to_string();
        let hash = chain_hash(
            &prev,
            seq,
            event.at,
            event.actor,
            event.action,
            &event.subject,
            &details,
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor_id, action, subject, details, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(seq)
        .bind(event.at)
        .bind(event.actor)
        .bind(event.action.to_owned())
        .bind(event.subject)
        .bind(details)
        .bind(prev)
        .bind(hash.clone())
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(hash)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

/// What [`verify`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The chain holds `entries` entries and every one is intact.
    Intact { entries: i64 },
    /// The first entry (by sequence number) that does not hold, and why.
    Broken { seq: i64, reason: String },
}

/// Checks the whole chain.
pub async fn verify(store: &Store) -> Result<Verdict> {
    let entries: Vec<Entry> = sqlx::query_as(
        "SELECT seq, at, actor_id, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq",
    )
    .fetch_all(store.pool())
    .await?;
    let (head_seq, head_hash): (i64, String) =
        sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(store.pool())
            .await?;
    let mut prev = "0".repeat(64);
    let mut expected_seq = 1;
    for e in &entries {
        if e.seq != expected_seq {
            return Ok(Verdict::Broken {
                seq: expected_seq,
                reason: "entry removed".into(),
            });
        }
        if e.prev_hash != prev {
            return Ok(Verdict::Broken {
                seq: e.seq,
                reason: "previous hash does not match".into(),
            });
        }
        let h = chain_hash(
            &prev, e.seq, e.at, e.actor_id, &e.action, &e.subject, &e.details,
        );
        if h != e.hash {
            return Ok(Verdict::Broken {
                seq: e.seq,
                reason: "entry changed".into(),
            });
        }
        prev = h;
        expected_seq += 1;
    }
    if head_seq != expected_seq - 1 || head_hash != prev {
        return Ok(Verdict::Broken {
            seq: expected_seq,
            reason: "latest entries removed".into(),
        });
    }
    Ok(Verdict::Intact {
        entries: expected_seq - 1,
    })
}

/// The most recent entries, newest first.
pub async fn recent(store: &Store, limit: i64) -> Result<Vec<Entry>> {
    Ok(sqlx::query_as(
        "SELECT seq, at, actor_id, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(store.pool())
    .await?)
}
