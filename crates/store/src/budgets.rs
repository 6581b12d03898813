//! Participatory budgets: budgets of a process, their projects, ballots with receipt codes (one
//! per voter, by a unique constraint), paper ballots entered by two officers.

use crate::{Result, Store, StoreError, WriteTx};

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct BudgetRow {
    pub id: i64,
    pub process_id: i64,
    pub title: String,
    pub description: String,
    /// Euros.
    pub total: i64,
    /// At most this many projects on a ballot (0: no limit besides the total).
    pub max_choices: i64,
    /// The outcome rule (`engines::budgeting::rules::Rule` code).
    pub rule: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct ProjectRow {
    pub id: i64,
    pub budget_id: i64,
    pub title: String,
    pub description: String,
    /// Euros.
    pub cost: i64,
    pub category: String,
    pub district: String,
    pub result_id: Option<i64>,
}

/// A ballot as the public list shows it: its receipt and the projects chosen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicBallot {
    pub receipt: String,
    pub channel: String,
    pub projects: Vec<i64>,
}

/// The fields of a budget a writer sets.
pub struct BudgetFields<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub total: i64,
    pub max_choices: i64,
    pub rule: &'a str,
}

/// The fields of a project a writer sets.
pub struct ProjectFields<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub cost: i64,
    pub category: &'a str,
    pub district: &'a str,
}

impl WriteTx {
    pub async fn insert_budget(
        &mut self,
        process: i64,
        f: &BudgetFields<'_>,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO budgets (process_id, title, description, total, max_choices, rule, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(process)
        .bind(f.title.to_owned())
        .bind(f.description.to_owned())
        .bind(f.total)
        .bind(f.max_choices)
        .bind(f.rule.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    pub async fn insert_budget_project(
        &mut self,
        budget: i64,
        f: &ProjectFields<'_>,
        now: i64,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO budget_projects (budget_id, title, description, cost, category, district, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(budget)
        .bind(f.title.to_owned())
        .bind(f.description.to_owned())
        .bind(f.cost)
        .bind(f.category.to_owned())
        .bind(f.district.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await?)
    }

    /// The voter's ballot id and receipt in a budget, read under the write lock.
    pub async fn ballot_of_voter(
        &mut self,
        budget: i64,
        voter: i64,
    ) -> Result<Option<(i64, String)>> {
        Ok(
            sqlx::query_as(
                "SELECT id, receipt FROM ballots WHERE budget_id = $1 AND voter_id = $2",
            )
            .bind(budget)
            .bind(voter)
            .fetch_optional(&mut *self.tx)
            .await?,
        )
    }

    /// Stores a new ballot with its choices; [`StoreError::Duplicate`] when the voter (or the
    /// paper sheet) has one already.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_ballot(
        &mut self,
        budget: i64,
        voter: Option<i64>,
        sheet: Option<&str>,
        receipt: &str,
        channel: &str,
        projects: &[i64],
        now: i64,
    ) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO ballots (budget_id, voter_id, sheet, receipt, channel, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(budget)
        .bind(voter)
        .bind(sheet.map(str::to_owned))
        .bind(receipt.to_owned())
        .bind(channel.to_owned())
        .bind(now)
        .fetch_one(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)?;
        self.set_choices(id, projects).await?;
        Ok(id)
    }

    /// Replaces a ballot's choices (the voter changed their mind before the vote closed).
    pub async fn replace_ballot(&mut self, ballot: i64, projects: &[i64], now: i64) -> Result<()> {
        sqlx::query("DELETE FROM ballot_choices WHERE ballot_id = $1")
            .bind(ballot)
            .execute(&mut *self.tx)
            .await?;
        sqlx::query("UPDATE ballots SET updated_at = $2 WHERE id = $1")
            .bind(ballot)
            .bind(now)
            .execute(&mut *self.tx)
            .await?;
        self.set_choices(ballot, projects).await
    }

    async fn set_choices(&mut self, ballot: i64, projects: &[i64]) -> Result<()> {
        for p in projects {
            sqlx::query("INSERT INTO ballot_choices (ballot_id, project_id) VALUES ($1, $2)")
                .bind(ballot)
                .bind(*p)
                .execute(&mut *self.tx)
                .await?;
        }
        Ok(())
    }

    /// Records one officer's reading of a paper sheet; [`StoreError::Duplicate`] when this officer
    /// entered this sheet already.
    pub async fn insert_paper_entry(
        &mut self,
        budget: i64,
        sheet: &str,
        officer: i64,
        choices: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO paper_entries (budget_id, sheet, officer_id, choices, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(budget)
        .bind(sheet.to_owned())
        .bind(officer)
        .bind(choices.to_owned())
        .bind(now)
        .execute(&mut *self.tx)
        .await
        .map_err(StoreError::from_write)?;
        Ok(())
    }

    /// Other officers' readings of a sheet: `(officer, choices)`.
    pub async fn paper_entries(
        &mut self,
        budget: i64,
        sheet: &str,
        except: i64,
    ) -> Result<Vec<(i64, String)>> {
        Ok(sqlx::query_as(
            "SELECT officer_id, choices FROM paper_entries WHERE budget_id = $1 AND sheet = $2 AND officer_id <> $3 ORDER BY id",
        )
        .bind(budget)
        .bind(sheet.to_owned())
        .bind(except)
        .fetch_all(&mut *self.tx)
        .await?)
    }

    /// Links a funded project to the result that tracks it; false when it has one already.
    pub async fn set_project_result(&mut self, project: i64, result: i64) -> Result<bool> {
        let r = sqlx::query(
            "UPDATE budget_projects SET result_id = $2 WHERE id = $1 AND result_id IS NULL",
        )
        .bind(project)
        .bind(result)
        .execute(&mut *self.tx)
        .await?;
        Ok(r.rows_affected() == 1)
    }

    /// Whether a paper sheet already became a ballot.
    pub async fn sheet_counted(&mut self, budget: i64, sheet: &str) -> Result<bool> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM ballots WHERE budget_id = $1 AND sheet = $2")
                .bind(budget)
                .bind(sheet.to_owned())
                .fetch_one(&mut *self.tx)
                .await?;
        Ok(n > 0)
    }
}

impl Store {
    pub async fn budgets(&self, process: i64) -> Result<Vec<BudgetRow>> {
        Ok(sqlx::query_as(
            "SELECT id, process_id, title, description, total, max_choices, rule, created_at FROM budgets \
             WHERE process_id = $1 ORDER BY id",
        )
        .bind(process)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn budget(&self, id: i64) -> Result<Option<BudgetRow>> {
        Ok(sqlx::query_as(
            "SELECT id, process_id, title, description, total, max_choices, rule, created_at FROM budgets WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn budget_projects(&self, budget: i64) -> Result<Vec<ProjectRow>> {
        Ok(sqlx::query_as(
            "SELECT id, budget_id, title, description, cost, category, district, result_id FROM budget_projects \
             WHERE budget_id = $1 ORDER BY id",
        )
        .bind(budget)
        .fetch_all(self.pool())
        .await?)
    }

    /// The voter's ballot: its receipt and the projects chosen.
    pub async fn my_ballot(&self, budget: i64, voter: i64) -> Result<Option<(String, Vec<i64>)>> {
        let b: Option<(i64, String)> = sqlx::query_as(
            "SELECT id, receipt FROM ballots WHERE budget_id = $1 AND voter_id = $2",
        )
        .bind(budget)
        .bind(voter)
        .fetch_optional(self.pool())
        .await?;
        let Some((id, receipt)) = b else {
            return Ok(None);
        };
        let projects = sqlx::query_scalar(
            "SELECT project_id FROM ballot_choices WHERE ballot_id = $1 ORDER BY project_id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?;
        Ok(Some((receipt, projects)))
    }

    /// Every ballot of a budget without who cast it, by receipt.
    pub async fn public_ballots(&self, budget: i64) -> Result<Vec<PublicBallot>> {
        let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
            "SELECT b.receipt, b.channel, c.project_id FROM ballots b \
             LEFT JOIN ballot_choices c ON c.ballot_id = b.id WHERE b.budget_id = $1 \
             ORDER BY b.receipt, c.project_id",
        )
        .bind(budget)
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<PublicBallot> = Vec::new();
        for (receipt, channel, project) in rows {
            match out.last_mut() {
                Some(last) if last.receipt == receipt => last.projects.extend(project),
                _ => out.push(PublicBallot {
                    receipt,
                    channel,
                    projects: project.into_iter().collect(),
                }),
            }
        }
        Ok(out)
    }

    /// `(ballots, of which on paper)` of a budget.
    pub async fn count_ballots(&self, budget: i64) -> Result<(i64, i64)> {
        Ok(sqlx::query_as(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN channel = 'paper' THEN 1 ELSE 0 END), 0) FROM ballots WHERE budget_id = $1",
        )
        .bind(budget)
        .fetch_one(self.pool())
        .await?)
    }

    /// How many ballots each voter has in a budget, for the voters with more than one (always
    /// empty: the unique constraint forbids it; tests and the durability check ask).
    pub async fn voters_with_two_ballots(&self, budget: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT voter_id FROM ballots WHERE budget_id = $1 AND voter_id IS NOT NULL \
             GROUP BY voter_id HAVING COUNT(*) > 1) x",
        )
        .bind(budget)
        .fetch_one(self.pool())
        .await?)
    }
}
