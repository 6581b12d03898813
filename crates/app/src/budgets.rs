//! Participatory budgets on the platform: a budget belongs to a process, whose `voting` phase
//! decides when ballots are taken. Verified residents of the organisation vote once (a unique
//! constraint) and may change their ballot until the vote closes; each ballot has a receipt code
//! with which its voter finds it in the published, anonymised list. Paper ballots are entered by
//! two officers: a sheet counts when two readings agree. The outcome is computed by
//! `engines::budgeting` with the budget's rule, explained, and shown beside what greedy would have
//! chosen; the election exports as a pabulib file anyone can recount.

use crate::{App, AppError, Result, now};
use domain::DomainError;
use domain::error::{Errors, FieldError};
use domain::organisations::parse_text;
use domain::participation::{Category, parse_cost};
use domain::policy::{self, Action, Actor};
use engines::budgeting::ballot::BallotRules;
use engines::budgeting::rules::{self, MesRound, Outcome, Rule};
use engines::budgeting::{Ballot, Election, Project, Q, TieBreak, VoteType, q_int};
use serde_json::json;
use std::sync::{Arc, Mutex};
use store::StoreError;
use store::audit::Event;
use store::budgets::{BudgetFields, BudgetRow, ProjectFields, ProjectRow};
use store::participation::{PhaseRow, ProcessRow};

/// The rules a budget may be counted with.
pub const RULES: [Rule; 3] = [Rule::MesAdd1, Rule::Mes, Rule::Greedy];

/// What an administrator typed in the budget form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct BudgetInput {
    pub title: String,
    pub description: String,
    pub total: String,
    pub max_choices: String,
    pub rule: String,
}

/// What an administrator typed in the project form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProjectInput {
    pub title: String,
    pub description: String,
    pub cost: String,
    pub category: String,
    pub district: String,
}

/// A budget as a reader sees it.
pub struct BudgetView {
    pub process: ProcessRow,
    pub phases: Vec<PhaseRow>,
    pub budget: BudgetRow,
    pub projects: Vec<ProjectRow>,
    /// The reader's ballot: receipt and projects.
    pub my_ballot: Option<(String, Vec<i64>)>,
    pub voting_open: bool,
    /// A voting phase existed and is over: the results are public.
    pub voting_over: bool,
    pub can_manage: bool,
    /// May enter paper ballots (the space's facilitators and managers).
    pub can_count: bool,
    /// Is a verified resident of the organisation.
    pub resident: bool,
    /// `(ballots, of which on paper)`.
    pub ballots: (i64, i64),
}

fn text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> std::result::Result<String, FieldError> {
    let t = parse_text(field, raw, max)?;
    if t.chars().count() < min {
        return Err(FieldError::new(field, "text-required"));
    }
    Ok(t)
}

fn amount(field: &'static str, raw: &str) -> std::result::Result<i64, FieldError> {
    match parse_cost(raw) {
        Ok(Some(v)) if v > 0 => Ok(v),
        _ => Err(FieldError::new(field, "budget-amount-invalid")),
    }
}

/// Creates a budget in process `slug` (those who manage the space). Returns its id.
pub async fn create(app: &App, actor: &Actor, slug: &str, input: &BudgetInput) -> Result<i64> {
    let (p, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    if !can_manage {
        return Err(DomainError::Forbidden.into());
    }
    let mut errors = Errors::new();
    let title = errors.take(text("title", &input.title, 5, 200));
    let description = errors.take(parse_text("description", &input.description, 5000));
    let total = errors.take(amount("total", &input.total));
    let max_choices = match input.max_choices.trim() {
        "" => Some(0),
        raw => match raw.parse::<i64>() {
            Ok(n) if (0..=100).contains(&n) => Some(n),
            _ => {
                errors.push(FieldError::new("max_choices", "budget-max-choices-invalid"));
                None
            }
        },
    };
    let rule = RULES
        .into_iter()
        .find(|r| r.code() == input.rule.trim())
        .or_else(|| {
            errors.push(FieldError::new("rule", "budget-rule-invalid"));
            None
        });
    errors.finish()?;
    let (Some(title), Some(description), Some(total), Some(max_choices), Some(rule)) =
        (title, description, total, max_choices, rule)
    else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_budget(
            p.id,
            &BudgetFields {
                title: &title,
                description: &description,
                total,
                max_choices,
                rule: rule.code(),
            },
            t,
        )
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "budget.create",
        subject: format!("budget:{id}"),
        details: json!({"process": p.id, "total": total, "rule": rule.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Adds a project to a budget before voting starts (those who manage the space).
pub async fn add_project(
    app: &App,
    actor: &Actor,
    slug: &str,
    budget: i64,
    input: &ProjectInput,
) -> Result<i64> {
    let v = view(app, actor, slug, budget).await?;
    if !v.can_manage {
        return Err(DomainError::Forbidden.into());
    }
    if v.ballots.0 > 0 {
        return Err(DomainError::Conflict("budget-has-ballots").into());
    }
    let mut errors = Errors::new();
    let title = errors.take(text("title", &input.title, 5, 200));
    let description = errors.take(text("description", &input.description, 15, 5000));
    let cost = errors.take(amount("cost", &input.cost).and_then(|c| {
        if c > v.budget.total {
            Err(FieldError::new("cost", "budget-project-over-total"))
        } else {
            Ok(c)
        }
    }));
    let category = errors.take(Category::parse(&input.category));
    let district = errors.take(parse_text("district", &input.district, 100));
    errors.finish()?;
    let (Some(title), Some(description), Some(cost), Some(category), Some(district)) =
        (title, description, cost, category, district)
    else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_budget_project(
            budget,
            &ProjectFields {
                title: &title,
                description: &description,
                cost,
                category: category.code(),
                district: &district,
            },
            t,
        )
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "budget.add_project",
        subject: format!("budget:{budget}"),
        details: json!({"project": id, "cost": cost}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A budget of process `slug` as the actor may see it.
pub async fn view(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<BudgetView> {
    let (process, phases, can_manage) = crate::participation::view(app, actor, slug).await?;
    let budget = app
        .store
        .budget(id)
        .await?
        .filter(|b| b.process_id == process.id)
        .ok_or(DomainError::NotFound)?;
    let space = crate::spaces::space_of(app, &process).await?;
    let today = crate::participation::today();
    let voting: Vec<&PhaseRow> = phases.iter().filter(|p| p.kind == "voting").collect();
    Ok(BudgetView {
        projects: app.store.budget_projects(id).await?,
        my_ballot: match actor.user {
            Some(u) => app.store.my_ballot(id, u.0).await?,
            None => None,
        },
        voting_open: crate::proposals::phase_open(&phases, &["voting"]),
        voting_over: !voting.is_empty()
            && voting.iter().all(|p| p.ends_on.as_str() < today.as_str()),
        can_count: policy::can(actor, Action::Facilitate(&space)).is_ok(),
        resident: policy::can(
            actor,
            Action::ParticipateAsResident(domain::organisations::OrgId(process.org_id)),
        )
        .is_ok(),
        ballots: app.store.count_ballots(id).await?,
        can_manage,
        process,
        phases,
        budget,
    })
}

/// The ballot rules of a budget: approval of at least one project, at most `max_choices`, costing
/// at most the budget.
fn ballot_rules(b: &BudgetRow) -> BallotRules {
    BallotRules::Approval {
        min: 1,
        max: usize::try_from(b.max_choices).ok().filter(|m| *m > 0),
        max_total_cost: Some(q_int(b.total)),
    }
}

/// Checks the chosen projects against the budget's rules; the ids sorted.
pub fn check_choices(v: &BudgetView, choices: &[i64]) -> Result<Vec<i64>> {
    let e = election_of(&v.budget, &v.projects, &[]);
    let ids: Vec<String> = choices.iter().map(i64::to_string).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    match ballot_rules(&v.budget).check(&e, &refs, &[], &Default::default()) {
        Ok(_) => {
            let mut out = choices.to_vec();
            out.sort_unstable();
            Ok(out)
        }
        Err(problems) => Err(DomainError::Invalid(
            problems
                .iter()
                .map(|p| FieldError::new("projects", p.code()))
                .collect(),
        )
        .into()),
    }
}

/// Casts (or changes) the actor's ballot while the vote is open. Returns the receipt code, the
/// same after a change.
pub async fn vote(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    choices: &[i64],
) -> Result<String> {
    policy::can(actor, Action::Participate)?;
    let v = view(app, actor, slug, id).await?;
    policy::can(
        actor,
        Action::ParticipateIn(&crate::spaces::space_of(app, &v.process).await?),
    )?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let chosen = check_choices(&v, choices)?;
    if !v.voting_open {
        return Err(DomainError::Conflict("voting-closed").into());
    }
    crate::verification::require_resident(actor, v.process.org_id, true)?;
    let t = now();
    let mut tx = app.store.write().await?;
    let receipt = match tx.ballot_of_voter(id, user).await? {
        Some((ballot, receipt)) => {
            tx.replace_ballot(ballot, &chosen, t).await?;
            receipt
        }
        None => {
            let receipt = receipt_code();
            tx.insert_ballot(id, Some(user), None, &receipt, "online", &chosen, t)
                .await?;
            receipt
        }
    };
    // The audit log says that a ballot was cast, never what it says.
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "ballot.cast",
        subject: format!("budget:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(receipt)
}

/// A receipt: 10 characters from an alphabet without look-alikes.
fn receipt_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let raw = crate::secret::random_token();
    raw.bytes()
        .take(10)
        .map(|b| char::from(ALPHABET[usize::from(b) % ALPHABET.len()]))
        .collect()
}

/// What became of a paper sheet entered by an officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paper {
    /// The first reading: a second officer must enter the same sheet.
    Waiting,
    /// Two readings agree: the ballot counts, with this receipt.
    Counted(String),
    /// The readings differ: nothing counts until a third reading agrees with one of them.
    Mismatch,
}

/// An officer enters a paper ballot (sheet number and projects) during the vote.
pub async fn enter_paper(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    sheet: &str,
    choices: &[i64],
) -> Result<Paper> {
    let v = view(app, actor, slug, id).await?;
    if !v.can_count {
        return Err(DomainError::Forbidden.into());
    }
    let officer = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let sheet = sheet.trim();
    let sheet_ok = !sheet.is_empty()
        && sheet.len() <= 20
        && sheet.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let chosen = match (sheet_ok, check_choices(&v, choices)) {
        (true, Ok(c)) => c,
        (false, Ok(_)) => return Err(DomainError::invalid("sheet", "paper-sheet-invalid").into()),
        (true, Err(e)) => return Err(e),
        (false, Err(AppError::Domain(DomainError::Invalid(mut list)))) => {
            list.insert(0, FieldError::new("sheet", "paper-sheet-invalid"));
            return Err(DomainError::Invalid(list).into());
        }
        (false, Err(e)) => return Err(e),
    };
    if !v.voting_open {
        return Err(DomainError::Conflict("voting-closed").into());
    }
    let key = chosen
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let t = now();
    let mut tx = app.store.write().await?;
    if tx.sheet_counted(id, sheet).await? {
        return Err(DomainError::Conflict("paper-counted").into());
    }
    tx.insert_paper_entry(id, sheet, officer, &key, t)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => AppError::Domain(DomainError::Conflict("paper-entered-twice")),
            e => e.into(),
        })?;
    let others = tx.paper_entries(id, sheet, officer).await?;
    let outcome = if others.is_empty() {
        Paper::Waiting
    } else if others.iter().any(|(_, c)| *c == key) {
        let receipt = receipt_code();
        tx.insert_ballot(id, None, Some(sheet), &receipt, "paper", &chosen, t)
            .await?;
        Paper::Counted(receipt)
    } else {
        Paper::Mismatch
    };
    tx.audit(Event {
        at: t,
        actor: Some(officer),
        action: "ballot.paper",
        subject: format!("budget:{id}"),
        details: json!({"sheet": sheet, "outcome": match outcome { Paper::Waiting => "waiting", Paper::Counted(_) => "counted", Paper::Mismatch => "mismatch" }}),
    })
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The election of a budget in the engine's terms: project ids are the projects' ids, voters are
/// numbered in receipt order (the published list's order).
pub fn election_of(
    b: &BudgetRow,
    projects: &[ProjectRow],
    ballots: &[store::budgets::PublicBallot],
) -> Election {
    let index: std::collections::HashMap<i64, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id, i))
        .collect();
    let meta = vec![
        ("description".to_owned(), b.title.clone()),
        ("country".to_owned(), "Italy".to_owned()),
        ("instance".to_owned(), b.id.to_string()),
        ("num_projects".to_owned(), projects.len().to_string()),
        ("num_votes".to_owned(), ballots.len().to_string()),
        ("budget".to_owned(), b.total.to_string()),
        ("vote_type".to_owned(), "approval".to_owned()),
        ("rule".to_owned(), b.rule.clone()),
        ("min_length".to_owned(), "1".to_owned()),
        ("max_sum_cost".to_owned(), b.total.to_string()),
    ]
    .into_iter()
    .chain((b.max_choices > 0).then(|| ("max_length".to_owned(), b.max_choices.to_string())))
    .collect();
    Election {
        meta,
        vote_type: VoteType::Approval,
        budget: q_int(b.total),
        projects: projects
            .iter()
            .map(|p| Project {
                id: p.id.to_string(),
                cost: q_int(p.cost),
                fields: vec![
                    ("project_id".into(), p.id.to_string()),
                    ("cost".into(), p.cost.to_string()),
                    ("name".into(), p.title.clone()),
                    ("category".into(), p.category.clone()),
                    ("district".into(), p.district.clone()),
                ],
            })
            .collect(),
        ballots: ballots
            .iter()
            .enumerate()
            .map(|(i, bl)| Ballot {
                voter_id: (i + 1).to_string(),
                projects: bl
                    .projects
                    .iter()
                    .filter_map(|p| index.get(p).copied())
                    .collect(),
                points: vec![],
                fields: vec![("voter_id".into(), (i + 1).to_string())],
            })
            .collect(),
        project_columns: ["project_id", "cost", "name", "category", "district"]
            .map(String::from)
            .to_vec(),
        vote_columns: ["voter_id", "vote"].map(String::from).to_vec(),
    }
}

/// The count: the budget's rule explained, and what greedy would have chosen.
pub struct Tally {
    pub election: Election,
    pub outcome: Outcome,
    pub greedy: Outcome,
    /// The MES rounds as people read them (see [`RoundView`]).
    pub rounds: Vec<RoundView>,
}

/// One MES round: the project bought, ρ, and the voters who paid the same and kept the same
/// counted together — a city's thousands of kinds of ballot come down to a few rows.
pub struct RoundView {
    pub project: usize,
    pub rho: Q,
    /// `(voters, paid per voter, left per voter)`, the largest payment first.
    pub rows: Vec<(u64, Q, Q)>,
}

impl RoundView {
    fn of(round: &MesRound) -> Self {
        let mut rows: Vec<(u64, Q, Q)> = round
            .payments
            .iter()
            .map(|(_, voters, paid, left)| (*voters, paid.clone(), left.clone()))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.2.cmp(&a.2)));
        let mut alike: Vec<(u64, Q, Q)> = Vec::with_capacity(rows.len());
        for (voters, paid, left) in rows {
            match alike.last_mut() {
                Some(last) if last.1 == paid && last.2 == left => last.0 += voters,
                _ => alike.push((voters, paid, left)),
            }
        }
        Self {
            project: round.project,
            rho: round.rho.clone(),
            rows: alike,
        }
    }
}

/// Counts a budget. Public once the vote is over; before, only those who manage the space see
/// the provisional count.
pub async fn results(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(BudgetView, Arc<Tally>)> {
    let v = view(app, actor, slug, id).await?;
    if !v.voting_over && !v.can_manage {
        return Err(DomainError::Conflict("budget-results-not-yet").into());
    }
    let tally = count(app, &v.budget, &v.projects).await?;
    Ok((v, tally))
}

/// The last few counts, each with the election it counted: a count is reused only for the very
/// same election (rule, projects and every ballot), so it is never stale. After a city's vote
/// closes, every resident who opens the results would otherwise cost seconds of CPU.
#[derive(Clone, Default)]
pub(crate) struct Counts(Arc<Mutex<Vec<Arc<Tally>>>>);

impl std::fmt::Debug for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = self.0.lock().map(|k| k.len()).unwrap_or(0);
        write!(f, "Counts({kept} kept)")
    }
}

impl Counts {
    /// A count holds every ballot and the explained rounds: a few are enough.
    const KEPT: usize = 2;

    fn find(&self, rule: Rule, election: &Election) -> Option<Arc<Tally>> {
        let kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.iter()
            .find(|t| t.outcome.rule == rule && t.election == *election)
            .cloned()
    }

    fn keep(&self, tally: Arc<Tally>) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.insert(0, tally);
        kept.truncate(Self::KEPT);
    }
}

async fn count(app: &App, b: &BudgetRow, projects: &[ProjectRow]) -> Result<Arc<Tally>> {
    let ballots = app.store.public_ballots(b.id).await?;
    let election = election_of(b, projects, &ballots);
    let rule = Rule::parse(&b.rule).unwrap_or(Rule::MesAdd1);
    if let Some(done) = app.counts.find(rule, &election) {
        return Ok(done);
    }
    // A city's count takes a moment of CPU: off the threads that serve requests.
    tokio::task::spawn_blocking(move || {
        let tie = TieBreak::default();
        let outcome = rules::tally_explained(&election, rule, &tie);
        let greedy = rules::tally(&election, Rule::Greedy, &tie);
        let rounds = outcome.rounds.iter().map(RoundView::of).collect();
        Arc::new(Tally {
            election,
            outcome,
            greedy,
            rounds,
        })
    })
    .await
    .map_err(|e| AppError::Internal(format!("count: {e}")))
    .inspect(|done| app.counts.keep(done.clone()))
}

/// Starts tracking a funded project (managers, once the vote is over): a result of the process,
/// linked from the project, where its progress is reported. Returns the result's id.
pub async fn track(app: &App, actor: &Actor, slug: &str, id: i64, project: i64) -> Result<i64> {
    let (v, tally) = results(app, actor, slug, id).await?;
    if !v.can_manage {
        return Err(DomainError::Forbidden.into());
    }
    if !v.voting_over {
        return Err(DomainError::Conflict("budget-results-not-yet").into());
    }
    let row = v
        .projects
        .iter()
        .find(|p| p.id == project)
        .ok_or(DomainError::NotFound)?;
    let funded = tally
        .outcome
        .winners
        .iter()
        .any(|w| tally.election.projects[*w].id == project.to_string());
    if !funded {
        return Err(DomainError::Conflict("budget-project-not-funded").into());
    }
    if row.result_id.is_some() {
        return Err(DomainError::Conflict("budget-project-tracked").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    let result = tx
        .insert_result(v.process.id, &row.title, &row.description, &[], t)
        .await?;
    if !tx.set_project_result(project, result).await? {
        return Err(DomainError::Conflict("budget-project-tracked").into());
    }
    crate::search::index(
        &mut tx,
        "result",
        result,
        Some(v.process.id),
        &row.title,
        &row.description,
        &format!("/processes/{slug}/results/{result}"),
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "result.create",
        subject: format!("result:{result}"),
        details: json!({"process": v.process.id, "budget_project": project}),
    })
    .await?;
    tx.commit().await?;
    Ok(result)
}

/// The pabulib file of a budget's anonymised election (the CLI's `pb export`).
pub async fn export(app: &App, id: i64) -> Result<String> {
    let b = app.store.budget(id).await?.ok_or(DomainError::NotFound)?;
    let projects = app.store.budget_projects(id).await?;
    let ballots = app.store.public_ballots(id).await?;
    Ok(engines::budgeting::pabulib::write(&election_of(
        &b, &projects, &ballots,
    )))
}

/// The pabulib file of a public budget whose vote is over (the results page's download).
pub async fn public_export(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<String> {
    let v = view(app, actor, slug, id).await?;
    if !v.voting_over && !v.can_manage {
        return Err(DomainError::Conflict("budget-results-not-yet").into());
    }
    export(app, id).await
}
