//! Organisations, territories, memberships and invitations.
//!
//! The directory search compares folded text (`engines::text::fold`) stored in `search_text`
//! with `LIKE`, which both engines evaluate the same way, so they return the same hits.

use crate::{Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub territory_id: Option<i64>,
    pub territory_name: Option<String>,
    pub default_lang: String,
    pub created_at: i64,
}

/// A directory row with the number of all matches.
#[derive(sqlx::FromRow)]
struct CountedOrgRow {
    #[sqlx(flatten)]
    org: OrgRow,
    total: i64,
}

macro_rules! org_columns {
    () => {
        "SELECT o.id, o.slug, o.name, o.kind, o.description, o.website, o.email, o.territory_id, \
         t.name AS territory_name, o.default_lang, o.created_at"
    };
}
macro_rules! org_from {
    () => {
        "organisations o LEFT JOIN territories t ON t.id = o.territory_id"
    };
}
const ORG_COLUMNS: &str = org_columns!();
const ORG_FROM: &str = org_from!();
const ORG_SELECT: &str = concat!(org_columns!(), " FROM ", org_from!());

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct TerritoryRow {
    pub id: i64,
    pub name: String,
    pub istat_code: Option<String>,
    pub nuts3: Option<String>,
    pub population: Option<i64>,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct MemberRow {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct InvitationRow {
    pub org_id: i64,
    pub email: String,
    pub role: String,
}

/// The fields of an organisation a writer sets.
pub struct OrgFields<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub description: &'a str,
    pub website: Option<&'a str>,
    pub email: Option<&'a str>,
    pub territory_id: Option<i64>,
    pub default_lang: &'a str,
}

/// A directory query; every part optional.
#[derive(Debug, Clone, Default)]
pub struct OrgFilter {
    pub kind: Option<String>,
    pub territory_id: Option<i64>,
    pub text: Option<String>,
}

fn search_text(f: &OrgFields<'_>, territory: Option<&str>) -> String {
    engines::text::fold(&format!(
        "{} {} {} {}",
        f.name,
        f.slug,
        f.description,
        territory.unwrap_or_default()
    ))
}

impl WriteTx {
    /// The id of the organisation with `slug`, read inside this transaction.
    pub async fn org_id_by_slug(&mut self, slug: &str) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
                .bind(slug.to_owned())
                .fetch_optional(&mut *self.tx)
                .await?,
        )
    }

    pub async fn insert_territory(&mut self, t: &TerritoryRow) -> Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO territories (name, istat_code, nuts3, population) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(t.name.clone())
        .bind(t.istat_code.clone())
        .bind(t.nuts3.clone())
        .bind(t.population)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)
    }

    pub async fn update_territory(&mut self, t: &TerritoryRow) -> Result<()> {
        sqlx::query("UPDATE territories SET name = $2, istat_code = $3, nuts3 = $4, population = $5 WHERE id = $1")
            .bind(t.id)
            .bind(t.name.clone())
            .bind(t.istat_code.clone())
            .bind(t.nuts3.clone())
            .bind(t.population)
            .execute(&mut *self.tx)
            .await
            .map_err(StoreError::from_write)?;
        Ok(())
    }

    async fn territory_name(&mut self, id: Option<i64>) -> Result<Option<String>> {
        match id {
            None => Ok(None),
            Some(id) => Ok(
                sqlx::query_scalar("SELECT name FROM territories WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *self.tx)
                    .await?,
            ),
        }
    }

    /// Inserts an organisation; [`StoreError::Duplicate`] when the slug is taken.
    pub async fn insert_org(&mut self, f: &OrgFields<'_>, now: i64) -> Result<i64> {
        let territory = self.territory_name(f.territory_id).await?;
        sqlx::query_scalar(
            "INSERT INTO organisations (slug, name, kind, description, website, email, territory_id, default_lang, \
             search_text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(f.slug.to_owned())
        .bind(f.name.to_owned())
        .bind(f.kind.to_owned())
        .bind(f.description.to_owned())
        .bind(f.website.map(str::to_owned))
        .bind(f.email.map(str::to_owned))
        .bind(f.territory_id)
        .bind(f.default_lang.to_owned())
        .bind(search_text(f, territory.as_deref()))
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)
    }

    /// Updates an organisation's profile (its slug and kind stay).
    pub async fn update_org(&mut self, id: i64, f: &OrgFields<'_>) -> Result<()> {
        let territory = self.territory_name(f.territory_id).await?;
        sqlx::query(
            "UPDATE organisations SET name = $2, description = $3, website = $4, email = $5, territory_id = $6, \
             default_lang = $7, search_text = $8 WHERE id = $1",
        )
        .bind(id)
        .bind(f.name.to_owned())
        .bind(f.description.to_owned())
        .bind(f.website.map(str::to_owned))
        .bind(f.email.map(str::to_owned))
        .bind(f.territory_id)
        .bind(f.default_lang.to_owned())
        .bind(search_text(f, territory.as_deref()))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Gives `user` the `role` in `org`, replacing any role they had there.
    pub async fn set_membership(
        &mut self,
        user: i64,
        org: i64,
        role: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO memberships (user_id, org_id, role, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, org_id) DO UPDATE SET role = $3",
        )
        .bind(user)
        .bind(org)
        .bind(role.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Removes a membership; true when there was one.
    pub async fn remove_membership(&mut self, user: i64, org: i64) -> Result<bool> {
        Ok(
            sqlx::query("DELETE FROM memberships WHERE user_id = $1 AND org_id = $2")
                .bind(user)
                .bind(org)
                .execute(&mut *self.tx)
                .await?
                .rows_affected()
                > 0,
        )
    }

    /// How many admins an organisation has (to keep at least one).
    pub async fn count_admins(&mut self, org: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = 'admin'",
        )
        .bind(org)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    #[allow(clippy::too_many_arguments)]
    pub async fn insert_invitation(
        &mut self,
        token_hash: &str,
        org: i64,
        email: &str,
        role: &str,
        invited_by: i64,
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO invitations (token_hash, org_id, email, role, invited_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(token_hash.to_owned())
        .bind(org)
        .bind(email.to_owned())
        .bind(role.to_owned())
        .bind(invited_by)
        .bind(now)
        .bind(expires_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Accepts an invitation once; returns it when it was open and unexpired.
    pub async fn accept_invitation(
        &mut self,
        token_hash: &str,
        user: i64,
        now: i64,
    ) -> Result<Option<InvitationRow>> {
        Ok(sqlx::query_as(
            "UPDATE invitations SET accepted_at = $3, accepted_by = $2 WHERE token_hash = $1 AND accepted_at IS NULL \
             AND expires_at > $3 RETURNING org_id, email, role",
        )
        .bind(token_hash.to_owned())
        .bind(user)
        .bind(now)
        .fetch_optional(&mut *self.tx)
        .await?)
    }
}

impl Store {
    pub async fn org_by_slug(&self, slug: &str) -> Result<Option<OrgRow>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ORG_SELECT} WHERE o.slug = $1"
        )))
        .bind(slug.to_owned())
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn org_by_id(&self, id: i64) -> Result<Option<OrgRow>> {
        Ok(
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{ORG_SELECT} WHERE o.id = $1")))
                .bind(id)
                .fetch_optional(self.pool())
                .await?,
        )
    }

    /// One page of the directory, sorted by name, and the number of all matches.
    pub async fn list_orgs(
        &self,
        filter: &OrgFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<OrgRow>, i64)> {
        let words = filter
            .text
            .as_deref()
            .map(engines::text::tokens)
            .unwrap_or_default();
        let mut clauses = Vec::new();
        let mut n = 0;
        let mut next = || {
            n += 1;
            n
        };
        if filter.kind.is_some() {
            clauses.push(format!("o.kind = ${}", next()));
        }
        if filter.territory_id.is_some() {
            clauses.push(format!("o.territory_id = ${}", next()));
        }
        for _ in &words {
            clauses.push(format!("o.search_text LIKE ${}", next()));
        }
        let where_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        let (l, o) = (next(), next());
        // One query for the page and the number of all matches (a window function both engines
        // have); a page past the end has no row to carry the count, so it counts apart.
        let list_sql = format!(
            "{} , COUNT(*) OVER () AS total FROM {}{where_sql} ORDER BY o.name, o.id LIMIT ${l} OFFSET ${o}",
            ORG_COLUMNS, ORG_FROM
        );
        let count_sql = format!("SELECT COUNT(*) FROM organisations o{where_sql}");

        macro_rules! bind_filter {
            ($q:expr) => {{
                let mut q = $q;
                if let Some(k) = &filter.kind {
                    q = q.bind(k.clone());
                }
                if let Some(t) = filter.territory_id {
                    q = q.bind(t);
                }
                for w in &words {
                    q = q.bind(format!("%{w}%"));
                }
                q
            }};
        }
        let rows = bind_filter!(sqlx::query_as::<_, CountedOrgRow>(sqlx::AssertSqlSafe(
            list_sql
        )))
        .bind(limit)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let total = match rows.first() {
            Some(r) => r.total,
            None => {
                bind_filter!(sqlx::query_scalar(sqlx::AssertSqlSafe(count_sql)))
                    .fetch_one(self.pool())
                    .await?
            }
        };
        Ok((rows.into_iter().map(|r| r.org).collect(), total))
    }

    /// `(kind, count)` for every kind present.
    pub async fn count_orgs_by_kind(&self) -> Result<Vec<(String, i64)>> {
        Ok(
            sqlx::query_as("SELECT kind, COUNT(*) FROM organisations GROUP BY kind ORDER BY kind")
                .fetch_all(self.pool())
                .await?,
        )
    }

    pub async fn territories(&self) -> Result<Vec<TerritoryRow>> {
        Ok(sqlx::query_as(
            "SELECT id, name, istat_code, nuts3, population FROM territories ORDER BY name, id",
        )
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn territory(&self, id: i64) -> Result<Option<TerritoryRow>> {
        Ok(sqlx::query_as(
            "SELECT id, name, istat_code, nuts3, population FROM territories WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn members(&self, org: i64) -> Result<Vec<MemberRow>> {
        Ok(sqlx::query_as(
            "SELECT u.id AS user_id, u.name, u.email, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.org_id = $1 ORDER BY m.role, u.name, u.id",
        )
        .bind(org)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn count_members(&self, org: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE org_id = $1")
                .bind(org)
                .fetch_one(self.pool())
                .await?,
        )
    }

    /// Organisations a user belongs to, with the role.
    pub async fn orgs_of_user(&self, user: i64) -> Result<Vec<(OrgRow, String)>> {
        let orgs: Vec<OrgRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{ORG_SELECT} JOIN memberships m ON m.org_id = o.id WHERE m.user_id = $1 ORDER BY o.name"
        )))
        .bind(user)
        .fetch_all(self.pool())
        .await?;
        let roles = self.memberships_of(user).await?;
        Ok(orgs
            .into_iter()
            .map(|o| {
                let role = roles
                    .iter()
                    .find(|(id, _)| *id == o.id)
                    .map(|(_, r)| r.clone())
                    .unwrap_or_default();
                (o, role)
            })
            .collect())
    }
}
