//! Census records (salted hashes only), claims, verification flags and the processes' rules.

use crate::{Result, Store, StoreError, WriteTx};

/// What an organisation's census holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct CensusStats {
    pub records: i64,
    pub claimed: i64,
    pub flags: i64,
    /// `(rows, at)` of the last upload.
    pub last_upload: Option<(i64, i64)>,
}

/// How a claim went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The record is now this user's (or already was).
    Claimed,
    /// No record with this hash.
    Unknown,
    /// Another account holds the record; the attempt was flagged.
    TakenByAnother,
    /// This user already holds another record of the organisation.
    AlreadyVerified,
}

impl WriteTx {
    /// The organisation's census salt, created on first use.
    pub async fn census_salt(&mut self, org: i64, fresh: &str) -> Result<String> {
        sqlx::query(
            "INSERT INTO census_salts (org_id, salt) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(org)
        .bind(fresh.to_owned())
        .execute(&mut *self.tx)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT salt FROM census_salts WHERE org_id = $1")
                .bind(org)
                .fetch_one(&mut *self.tx)
                .await?,
        )
    }

    /// Replaces the census with `hashes`: unclaimed records not in it go, claimed ones stay.
    /// Returns how many records were added.
    pub async fn replace_census(
        &mut self,
        org: i64,
        hashes: &[String],
        by: Option<i64>,
        now: i64,
    ) -> Result<i64> {
        sqlx::query("DELETE FROM census_records WHERE org_id = $1 AND claimed_by IS NULL")
            .bind(org)
            .execute(&mut *self.tx)
            .await?;
        let mut added = 0;
        for chunk in hashes.chunks(200) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("($1, ${})", i + 2))
                .collect();
            let sql = format!(
                "INSERT INTO census_records (org_id, record_hash) VALUES {} ON CONFLICT DO NOTHING",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org);
            for h in chunk {
                q = q.bind(h.clone());
            }
            added += q.execute(&mut *self.tx).await?.rows_affected() as i64;
        }
        sqlx::query("INSERT INTO census_uploads (org_id, uploaded_by, rows_count, at) VALUES ($1, $2, $3, $4)")
            .bind(org)
            .bind(by)
            .bind(hashes.len() as i64)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        Ok(added)
    }

    /// Claims the record with `hash` for `user`, under the write lock.
    pub async fn claim_census_record(
        &mut self,
        org: i64,
        hash: &str,
        user: i64,
        now: i64,
    ) -> Result<Claim> {
        let row: Option<(i64, Option<i64>)> = sqlx::query_as(
            "SELECT id, claimed_by FROM census_records WHERE org_id = $1 AND record_hash = $2",
        )
        .bind(org)
        .bind(hash.to_owned())
        .fetch_optional(&mut *self.tx)
        .await?;
        let Some((id, holder)) = row else {
            return Ok(Claim::Unknown);
        };
        match holder {
            Some(h) if h == user => Ok(Claim::Claimed),
            Some(_) => {
                sqlx::query("INSERT INTO verification_flags (org_id, record_id, user_id, at) VALUES ($1, $2, $3, $4)")
                    .bind(org)
                    .bind(id)
                    .bind(user)
                    .bind(now)
                    .execute(&mut *self.tx)
                    .await?;
                Ok(Claim::TakenByAnother)
            }
            None => {
                // Checked first, under the write lock: a unique-index error would abort a
                // PostgreSQL transaction. The index stays as the last guard.
                let held: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM census_records WHERE org_id = $1 AND claimed_by = $2",
                )
                .bind(org)
                .bind(user)
                .fetch_one(&mut *self.tx)
                .await?;
                if held > 0 {
                    return Ok(Claim::AlreadyVerified);
                }
                let done = sqlx::query(
                    "UPDATE census_records SET claimed_by = $2, claimed_at = $3 WHERE id = $1 AND claimed_by IS NULL",
                )
                .bind(id)
                .bind(user)
                .bind(now)
                .execute(&mut *self.tx)
                .await
                .map_err(StoreError::from_write)?;
                Ok(if done.rows_affected() == 1 {
                    Claim::Claimed
                } else {
                    Claim::TakenByAnother
                })
            }
        }
    }

    /// Sets which phases of a process need verified residents.
    pub async fn set_verification_rules(
        &mut self,
        process: i64,
        proposing: bool,
        supporting: bool,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE processes SET verify_proposing = $2, verify_supporting = $3 WHERE id = $1",
        )
        .bind(process)
        .bind(i64::from(proposing))
        .bind(i64::from(supporting))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}

impl Store {
    /// Organisations whose census verified the user.
    pub async fn verified_orgs(&self, user: i64) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT org_id FROM census_records WHERE claimed_by = $1 ORDER BY org_id",
        )
        .bind(user)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn census_salt_of(&self, org: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT salt FROM census_salts WHERE org_id = $1")
                .bind(org)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    pub async fn census_stats(&self, org: i64) -> Result<CensusStats> {
        let (records, claimed): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(claimed_by) FROM census_records WHERE org_id = $1",
        )
        .bind(org)
        .fetch_one(self.pool())
        .await?;
        let flags: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM verification_flags WHERE org_id = $1")
                .bind(org)
                .fetch_one(self.pool())
                .await?;
        let last_upload = sqlx::query_as(
            "SELECT rows_count, at FROM census_uploads WHERE org_id = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(org)
        .fetch_optional(self.pool())
        .await?;
        Ok(CensusStats {
            records,
            claimed,
            flags,
            last_upload,
        })
    }
}
