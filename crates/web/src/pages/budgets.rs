//! Participatory budgets: the voting page (works without JavaScript: choose, check, confirm; a
//! small script only keeps the running total), the officers' paper-ballot form, the results with
//! the explanation and greedy's choice beside, the anonymised ballot list and the pabulib file.

use super::{keyed, page, page_status, redirect_or_again, see_other};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::budgets::{self as bud, BudgetInput, BudgetView, Paper, ProjectInput, Tally};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use domain::participation::Category;
use engines::budgeting::format_q;

/// What was typed in the forms of a budget page.
#[derive(Default)]
pub struct Typed {
    pub choices: Vec<i64>,
    pub sheet: String,
    pub project: ProjectInput,
}

#[derive(Template)]
#[template(path = "budget.html")]
struct BudgetPage {
    c: Ctx,
    v: BudgetView,
    errors: FormErrors,
    typed: Typed,
    /// Checked and valid, waiting for confirmation.
    confirming: bool,
    notice: String,
    categories: Vec<(&'static str, String)>,
}

impl BudgetPage {
    fn href(&self) -> String {
        format!(
            "/processes/{}/budgets/{}",
            self.v.process.slug, self.v.budget.id
        )
    }

    fn chosen(&self, id: &i64) -> bool {
        self.typed.choices.contains(id)
    }

    fn used_euro(&self) -> String {
        let used: i64 = self
            .v
            .projects
            .iter()
            .filter(|p| self.typed.choices.contains(&p.id))
            .map(|p| p.cost)
            .sum();
        self.euro(&used)
    }

    fn euro(&self, n: &i64) -> String {
        format!("{} €", self.c.num(n))
    }

    fn category_key(&self, c: &str) -> String {
        format!("category-{c}")
    }

    fn rule_key(&self) -> String {
        format!("budget-rule-{}", self.v.budget.rule)
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct BudgetQuery {
    pub notice: Option<String>,
    pub receipt: Option<String>,
    pub sheet: Option<String>,
}

/// Letters, digits and dashes only (receipts and sheet numbers put back on the page).
fn plain(s: &str) -> bool {
    !s.is_empty() && s.len() <= 20 && s.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
}

#[allow(clippy::too_many_arguments)]
async fn budget_page(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    errors: FormErrors,
    typed: Option<Typed>,
    confirming: bool,
    notice: String,
) -> WebResult {
    let v = bud::view(app, &c.actor, slug, id).await?;
    let typed = typed.unwrap_or_else(|| Typed {
        choices: v
            .my_ballot
            .as_ref()
            .map(|b| b.1.clone())
            .unwrap_or_default(),
        ..Typed::default()
    });
    page_status(
        errors.status(),
        BudgetPage {
            c,
            v,
            errors,
            typed,
            confirming,
            notice,
            categories: keyed(Category::ALL, Category::code, "category-"),
        },
    )
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<BudgetQuery>,
) -> WebResult {
    // Notices are chosen from a fixed list; receipts and sheets are shown only when plain.
    let receipt = q.receipt.as_deref().filter(|r| plain(r));
    let sheet = q.sheet.as_deref().filter(|s| plain(s));
    let notice = match (q.notice.as_deref(), receipt, sheet) {
        (Some("voted"), Some(r), _) => c.t1("budget-voted", "receipt", r),
        (Some("paper-waiting"), _, Some(s)) => c.t1("paper-waiting", "sheet", s),
        (Some("paper-mismatch"), _, Some(s)) => c.t1("paper-mismatch", "sheet", s),
        (Some("paper-counted"), Some(r), Some(s)) => {
            c.t2("paper-counted-now", "sheet", s, "receipt", r)
        }
        (n, _, _) => match super::notice(n) {
            "" => String::new(),
            key => c.t(key),
        },
    };
    budget_page(
        &app,
        c,
        &slug,
        id,
        FormErrors::default(),
        None,
        false,
        notice,
    )
    .await
}

/// The projects and the other fields of a posted form.
fn choices_of(raw: &[(String, String)]) -> (Vec<i64>, bool, String) {
    let mut choices = Vec::new();
    let mut confirm = false;
    let mut sheet = String::new();
    for (k, v) in raw {
        match k.as_str() {
            // A value that is not a number is an unknown project for the ballot check.
            "project" => choices.push(v.trim().parse::<i64>().unwrap_or(0)),
            "confirm" => confirm = v == "1",
            "sheet" => sheet = v.clone(),
            _ => {}
        }
    }
    (choices, confirm, sheet)
}

/// The budget page again with the reason a form was refused and what was typed.
async fn refused(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    e: app::AppError,
    typed: Typed,
) -> WebResult {
    let errors = FormErrors::from_app(e)?;
    budget_page(app, c, slug, id, errors, Some(typed), false, String::new()).await
}

/// Checks a ballot and asks for confirmation; with `confirm=1`, casts it.
pub async fn vote(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(raw): Form<Vec<(String, String)>>,
) -> WebResult {
    let (choices, confirm, _) = choices_of(&raw);
    let typed = Typed {
        choices: choices.clone(),
        ..Typed::default()
    };
    let checked = async {
        domain::policy::can(&c.actor, domain::policy::Action::Participate)?;
        let v = bud::view(&app, &c.actor, &slug, id).await?;
        bud::check_choices(&v, &choices)
    }
    .await;
    if let Err(e) = checked {
        return refused(&app, c, &slug, id, e, typed).await;
    }
    if !confirm {
        return budget_page(
            &app,
            c,
            &slug,
            id,
            FormErrors::default(),
            Some(typed),
            true,
            String::new(),
        )
        .await;
    }
    match bud::vote(&app, &c.actor, &slug, id, &choices).await {
        Ok(receipt) => see_other(&format!(
            "/processes/{slug}/budgets/{id}?notice=voted&receipt={receipt}#receipt"
        )),
        Err(e) => refused(&app, c, &slug, id, e, typed).await,
    }
}

/// An officer enters a paper ballot.
pub async fn paper(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(raw): Form<Vec<(String, String)>>,
) -> WebResult {
    let (choices, _, sheet) = choices_of(&raw);
    match bud::enter_paper(&app, &c.actor, &slug, id, &sheet, &choices).await {
        Ok(outcome) => {
            let sheet = sheet.trim();
            let to = match outcome {
                Paper::Waiting => format!("notice=paper-waiting&sheet={sheet}"),
                Paper::Counted(r) => format!("notice=paper-counted&sheet={sheet}&receipt={r}"),
                Paper::Mismatch => format!("notice=paper-mismatch&sheet={sheet}"),
            };
            see_other(&format!("/processes/{slug}/budgets/{id}?{to}#receipt"))
        }
        Err(e) => {
            let typed = Typed {
                choices,
                sheet,
                ..Typed::default()
            };
            refused(&app, c, &slug, id, e, typed).await
        }
    }
}

/// Adds a project (managers, before any ballot).
pub async fn add_project(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<ProjectInput>,
) -> WebResult {
    match bud::add_project(&app, &c.actor, &slug, id, &f).await {
        Ok(_) => see_other(&format!(
            "/processes/{slug}/budgets/{id}?notice=notice-saved"
        )),
        Err(e) => {
            let typed = Typed {
                project: f,
                ..Typed::default()
            };
            refused(&app, c, &slug, id, e, typed).await
        }
    }
}

/// Creates a budget in a process (managers); refused forms go back to the process page.
pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<BudgetInput>,
) -> WebResult {
    let done = bud::create(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/budgets/{id}?notice=notice-created"),
        |errors| {
            let typed = super::participation::Typed {
                budget: f,
                ..Default::default()
            };
            super::participation::process_page(&app, c, &slug, typed, errors, "")
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "budget_results.html")]
struct ResultsPage {
    c: Ctx,
    v: BudgetView,
    t: std::sync::Arc<Tally>,
    /// `(project index, chosen by the rule, chosen by greedy)` for every project.
    side: Vec<(usize, bool, bool)>,
}

impl ResultsPage {
    fn name(&self, i: &usize) -> String {
        self.t.election.projects[*i]
            .field("name")
            .unwrap_or_default()
            .to_owned()
    }

    fn cost(&self, i: &usize) -> String {
        self.money(&self.t.election.projects[*i].cost)
    }

    /// An amount in euros, to the cent (rounded down: what a voter could still pay).
    fn money(&self, q: &engines::budgeting::Q) -> String {
        let cents = (q * engines::budgeting::q_int(100)).floor().to_integer();
        let cents: i64 = cents.try_into().unwrap_or(i64::MAX);
        let sep = if self.c.lang_code() == "it" { ',' } else { '.' };
        format!("{}{sep}{:02} €", self.c.num(&(cents / 100)), cents % 100)
    }

    fn supporters(&self, i: &usize) -> usize {
        self.t
            .election
            .ballots
            .iter()
            .filter(|b| b.projects.contains(i))
            .count()
    }

    fn spent(&self, winners: &[usize]) -> String {
        self.money(&self.t.election.cost_of(winners))
    }

    fn exact(&self, q: &engines::budgeting::Q) -> String {
        format_q(q)
    }

    fn reason_key(&self, r: &engines::budgeting::rules::NotChosen) -> String {
        format!("budget-not-chosen-{}", r.code())
    }

    fn rule_key(&self) -> String {
        format!("budget-rule-{}", self.v.budget.rule)
    }

    /// The project row of an election index (for its result link).
    fn row(&self, i: &usize) -> Option<&store::budgets::ProjectRow> {
        let id = &self.t.election.projects[*i].id;
        self.v.projects.iter().find(|p| &p.id.to_string() == id)
    }

    fn recount(&self) -> String {
        format!(
            "learning-city pb tally {}-{}.pb --rule {} --explain",
            self.v.process.slug, self.v.budget.id, self.v.budget.rule
        )
    }
}

pub async fn results(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let (v, t) = bud::results(&app, &c.actor, &slug, id).await?;
    let side = (0..t.election.projects.len())
        .map(|i| {
            (
                i,
                t.outcome.winners.contains(&i),
                t.greedy.winners.contains(&i),
            )
        })
        .collect();
    page(ResultsPage { c, v, t, side })
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TrackForm {
    pub project: i64,
}

/// Starts tracking a funded project as a result of the process.
pub async fn track(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<TrackForm>,
) -> WebResult {
    let result = bud::track(&app, &c.actor, &slug, id, f.project).await?;
    see_other(&format!(
        "/processes/{slug}/results/{result}?notice=notice-created"
    ))
}

#[derive(Template)]
#[template(path = "budget_ballots.html")]
struct BallotsPage {
    c: Ctx,
    v: BudgetView,
    ballots: Vec<store::budgets::PublicBallot>,
    receipt: String,
    found: bool,
}

impl BallotsPage {
    fn title_of(&self, id: &i64) -> String {
        self.v
            .projects
            .iter()
            .find(|p| p.id == *id)
            .map(|p| p.title.clone())
            .unwrap_or_default()
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ReceiptQuery {
    #[serde(default)]
    pub receipt: String,
}

/// The anonymised ballots (public once the vote is over); `?receipt=` finds one.
pub async fn ballots(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<ReceiptQuery>,
) -> WebResult {
    let v = bud::view(&app, &c.actor, &slug, id).await?;
    if !v.voting_over && !v.can_manage {
        return Err(domain::DomainError::Conflict("budget-results-not-yet").into());
    }
    let all = app.store.public_ballots(id).await?;
    let receipt = q
        .receipt
        .trim()
        .to_uppercase()
        .chars()
        .take(12)
        .collect::<String>();
    let (ballots, found) = if receipt.is_empty() {
        (all, false)
    } else {
        let one: Vec<_> = all.into_iter().filter(|b| b.receipt == receipt).collect();
        let found = !one.is_empty();
        (one, found)
    };
    page(BallotsPage {
        c,
        v,
        ballots,
        receipt,
        found,
    })
}

/// The pabulib file of the anonymised election.
pub async fn election_file(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let text = bud::public_export(&app, &c.actor, &slug, id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{slug}-{id}.pb\""),
            ),
        ],
        text,
    )
        .into_response())
}
