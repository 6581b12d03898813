//! Networks (network bodies and their member organisations, each with a "since" date) and
//! commitments (such as the Learning Cities Manifesto) that organisations sign on a date.

use crate::{Result, Store, StoreError, WriteTx};

/// An organisation linked to a network or a commitment, with the date of the link.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct LinkedOrg {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub date: String,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct CommitmentRow {
    pub id: i64,
    pub slug: String,
    pub title_it: String,
    pub title_en: String,
    pub description_it: String,
    pub description_en: String,
    pub signatures: i64,
}

const COMMITMENT_SELECT: &str = "SELECT c.id, c.slug, c.title_it, c.title_en, c.description_it, c.description_en, \
     (SELECT COUNT(*) FROM commitment_signatures s WHERE s.commitment_id = c.id) AS signatures FROM commitments c";

impl WriteTx {
    /// Adds `org` to `network` since `since` (or moves its date).
    pub async fn add_network_member(&mut self, network: i64, org: i64, since: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO network_members (network_id, org_id, since) VALUES ($1, $2, $3) \
             ON CONFLICT (network_id, org_id) DO UPDATE SET since = $3",
        )
        .bind(network)
        .bind(org)
        .bind(since.to_owned())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    pub async fn remove_network_member(&mut self, network: i64, org: i64) -> Result<bool> {
        Ok(
            sqlx::query("DELETE FROM network_members WHERE network_id = $1 AND org_id = $2")
                .bind(network)
                .bind(org)
                .execute(&mut *self.tx)
                .await?
                .rows_affected()
                > 0,
        )
    }

    pub async fn insert_commitment(&mut self, c: &CommitmentRow, now: i64) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO commitments (slug, title_it, title_en, description_it, description_en, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(c.slug.clone())
        .bind(c.title_it.clone())
        .bind(c.title_en.clone())
        .bind(c.description_it.clone())
        .bind(c.description_en.clone())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)
    }

    /// Records that `org` signed the commitment on `date`; [`StoreError::Duplicate`] when it
    /// already had.
    pub async fn sign_commitment(&mut self, commitment: i64, org: i64, date: &str) -> Result<()> {
        sqlx::query("INSERT INTO commitment_signatures (commitment_id, org_id, signed_on) VALUES ($1, $2, $3)")
            .bind(commitment)
            .bind(org)
            .bind(date.to_owned())
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::from_write)?;
        Ok(())
    }
}

/// A network body with the number of its members.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct NetworkCard {
    pub slug: String,
    pub name: String,
    pub members: i64,
}

impl Store {
    /// Every network body with its number of members, by name (one query for the home page).
    pub async fn network_cards(&self) -> Result<Vec<NetworkCard>> {
        Ok(sqlx::query_as(
            "SELECT o.slug, o.name, (SELECT COUNT(*) FROM network_members n WHERE n.network_id = o.id) AS members \
             FROM organisations o WHERE o.kind = 'network' ORDER BY o.name, o.id",
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// Member organisations of a network body, oldest membership first.
    pub async fn network_members(&self, network: i64) -> Result<Vec<LinkedOrg>> {
        Ok(sqlx::query_as(
            "SELECT o.slug, o.name, o.kind, n.since AS date FROM network_members n JOIN organisations o \
             ON o.id = n.org_id WHERE n.network_id = $1 ORDER BY n.since, o.name",
        )
        .bind(network)
        .fetch_all(self.pool())
        .await?)
    }

    /// The networks an organisation belongs to.
    pub async fn networks_of(&self, org: i64) -> Result<Vec<LinkedOrg>> {
        Ok(sqlx::query_as(
            "SELECT o.slug, o.name, o.kind, n.since AS date FROM network_members n JOIN organisations o \
             ON o.id = n.network_id WHERE n.org_id = $1 ORDER BY o.name",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn commitments(&self) -> Result<Vec<CommitmentRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COMMITMENT_SELECT} ORDER BY c.id"
        )))
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn commitment_by_slug(&self, slug: &str) -> Result<Option<CommitmentRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COMMITMENT_SELECT} WHERE c.slug = $1"
        )))
        .bind(slug.to_owned())
        .fetch_optional(self.pool())
        .await?)
    }

    /// Signatories of a commitment, earliest first.
    pub async fn signatures(&self, commitment: i64) -> Result<Vec<LinkedOrg>> {
        Ok(sqlx::query_as(
            "SELECT o.slug, o.name, o.kind, s.signed_on AS date FROM commitment_signatures s JOIN organisations o \
             ON o.id = s.org_id WHERE s.commitment_id = $1 ORDER BY s.signed_on, o.name",
        )
        .bind(commitment)
        .fetch_all(self.pool())
        .await?)
    }

    /// Commitments an organisation signed: `(commitment, signed on)`.
    pub async fn commitments_of(&self, org: i64) -> Result<Vec<(CommitmentRow, String)>> {
        let rows: Vec<CommitmentRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{COMMITMENT_SELECT} JOIN commitment_signatures cs ON cs.commitment_id = c.id WHERE cs.org_id = $1 ORDER BY c.id"
        )))
        .bind(org)
        .fetch_all(self.pool())
        .await?;
        let dates: Vec<(i64, String)> = sqlx::query_as(
            "SELECT commitment_id, signed_on FROM commitment_signatures WHERE org_id = $1",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|c| {
                let d = dates
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, d)| d.clone())
                    .unwrap_or_default();
                (c, d)
            })
            .collect())
    }
}
