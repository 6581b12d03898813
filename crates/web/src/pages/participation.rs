//! Participatory processes: the list, a process with its timeline, and the administrators' forms.

use super::{NoticeQuery, keyed, notice, page, page_status, redirect_or_again, see_other};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::participation::{self as part, PhaseInput, ProcessInput};
use app::spaces::RoleInput;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use domain::organisations::OrgId;
use domain::participation::{
    Iap2Level, PhaseKind, PhaseState, ProcessKind, SpaceRole, phase_state,
};
use domain::policy::{Action, can};
use engines::budgeting::rules::Rule;
use store::participation::{PhaseRow, ProcessRow};

fn state_key(s: PhaseState) -> &'static str {
    match s {
        PhaseState::Past => "phase-past",
        PhaseState::Current => "phase-current",
        PhaseState::Upcoming => "phase-upcoming",
    }
}

fn state_code(s: PhaseState) -> &'static str {
    match s {
        PhaseState::Past => "past",
        PhaseState::Current => "current",
        PhaseState::Upcoming => "upcoming",
    }
}

#[derive(Template)]
#[template(path = "processes.html")]
struct Processes {
    c: Ctx,
    /// `(process, kind key, where it stands now)`.
    processes: Vec<(ProcessRow, String, String)>,
}

pub async fn list(State(app): State<App>, c: Ctx) -> WebResult {
    let today = part::today();
    let mut processes = Vec::new();
    for p in app::spaces::visible_processes(&app, &c.actor, None).await? {
        let phases = app.store.phases(p.id).await?;
        let now = match phases
            .iter()
            .find(|ph| phase_state(&ph.starts_on, &ph.ends_on, &today) == PhaseState::Current)
        {
            Some(ph) => c.t1("process-now", "phase", &ph.title),
            None if phases
                .iter()
                .all(|ph| phase_state(&ph.starts_on, &ph.ends_on, &today) == PhaseState::Past) =>
            {
                c.t("process-finished")
            }
            None => c.t("process-upcoming"),
        };
        let kind = format!("process-kind-{}", p.kind);
        processes.push((p, kind, now));
    }
    page(Processes { c, processes })
}

#[derive(Template)]
#[template(path = "process.html")]
struct ProcessPage {
    c: Ctx,
    p: ProcessRow,
    kind_key: String,
    iap2_key: String,
    iap2_hint: String,
    /// `(phase, state code, kind key, state key)`.
    phases: Vec<(PhaseRow, &'static str, String, &'static str)>,
    can_manage: bool,
    phase_kinds: Vec<(&'static str, String)>,
    form: PhaseInput,
    role_form: RoleInput,
    coorg: String,
    errors: FormErrors,
    notice: &'static str,
    roles: Vec<store::spaces::RoleRow>,
    coorganisers: Vec<store::spaces::OrgRef>,
    role_kinds: Vec<(&'static str, String)>,
    following: bool,
    budgets: Vec<store::budgets::BudgetRow>,
    budget_form: app::budgets::BudgetInput,
    maps: Vec<store::opinion::MapRow>,
    map_form: app::opinion::MapInput,
    rules: Vec<(&'static str, String)>,
}

impl ProcessPage {
    fn href(&self) -> String {
        format!("/processes/{}", self.p.slug)
    }
}

/// What was typed in the forms of a process page.
#[derive(Default)]
pub struct Typed {
    pub phase: PhaseInput,
    pub role: RoleInput,
    pub coorg: String,
    pub budget: app::budgets::BudgetInput,
    pub opinion: app::opinion::MapInput,
}

pub async fn process_page(
    app: &App,
    c: Ctx,
    slug: &str,
    typed: Typed,
    errors: FormErrors,
    notice: &'static str,
) -> WebResult {
    let (p, phases, can_manage) = part::view(app, &c.actor, slug).await?;
    let roles = app.store.space_roles(p.id).await?;
    let coorganisers = app.store.coorganisers(p.id).await?;
    let following = app::notifications::follows(app, &c.actor, "process", p.id).await?;
    let budgets = app.store.budgets(p.id).await?;
    let maps = app.store.opinion_maps(p.id).await?;
    let today = part::today();
    let phases = phases
        .into_iter()
        .map(|ph| {
            let s = phase_state(&ph.starts_on, &ph.ends_on, &today);
            let kind = format!("phase-kind-{}", ph.kind);
            (ph, state_code(s), kind, state_key(s))
        })
        .collect();
    page_status(
        errors.status(),
        ProcessPage {
            kind_key: format!("process-kind-{}", p.kind),
            iap2_key: format!("iap2-{}", p.iap2),
            iap2_hint: format!("iap2-{}-hint", p.iap2),
            p,
            phases,
            can_manage,
            phase_kinds: keyed(PhaseKind::ALL, PhaseKind::code, "phase-kind-"),
            form: typed.phase,
            role_form: typed.role,
            coorg: typed.coorg,
            roles,
            coorganisers,
            role_kinds: keyed(SpaceRole::ALL, SpaceRole::code, "space-role-"),
            following,
            budgets,
            budget_form: typed.budget,
            maps,
            map_form: typed.opinion,
            rules: keyed(&app::budgets::RULES, Rule::code, "budget-rule-"),
            errors,
            notice,
            c,
        },
    )
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(n): Query<NoticeQuery>,
) -> WebResult {
    process_page(
        &app,
        c,
        &slug,
        Typed::default(),
        FormErrors::default(),
        notice(n.notice.as_deref()),
    )
    .await
}

pub async fn add_phase(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<PhaseInput>,
) -> WebResult {
    let done = part::add_phase(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}?notice=notice-saved"),
        |errors| {
            let typed = Typed {
                phase: f,
                ..Typed::default()
            };
            process_page(&app, c, &slug, typed, errors, "")
        },
    )
    .await
}

pub async fn publish(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let done = part::publish(&app, &c.actor, &slug).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}?notice=notice-published"),
        |errors| process_page(&app, c, &slug, Typed::default(), errors, ""),
    )
    .await
}

/// Gives someone a role in the space.
pub async fn grant_role(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<RoleInput>,
) -> WebResult {
    let done = app::spaces::grant_role(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}?notice=notice-granted#people"),
        |errors| {
            let typed = Typed {
                role: f,
                ..Typed::default()
            };
            process_page(&app, c, &slug, typed, errors, "")
        },
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RevokeForm {
    pub user: i64,
    pub role: String,
}

/// Takes a role back.
pub async fn revoke_role(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<RevokeForm>,
) -> WebResult {
    app::spaces::revoke_role(&app, &c.actor, &slug, f.user, &f.role).await?;
    see_other(&format!(
        "/processes/{slug}?notice=notice-member-changed#people"
    ))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CoorganiserForm {
    pub organisation: String,
}

/// Adds a co-organising organisation.
pub async fn add_coorganiser(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<CoorganiserForm>,
) -> WebResult {
    let done = app::spaces::add_coorganiser(&app, &c.actor, &slug, &f.organisation).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}?notice=notice-saved#people"),
        |errors| {
            let typed = Typed {
                coorg: f.organisation,
                ..Typed::default()
            };
            process_page(&app, c, &slug, typed, errors, "")
        },
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PrivacyForm {
    pub private: String,
}

/// Makes the space private or public.
pub async fn set_private(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<PrivacyForm>,
) -> WebResult {
    app::spaces::set_private(&app, &c.actor, &slug, f.private == "1").await?;
    see_other(&format!("/processes/{slug}?notice=notice-saved"))
}

#[derive(Template)]
#[template(path = "process_form.html")]
struct ProcessForm {
    c: Ctx,
    org_href: String,
    org_name: String,
    action: String,
    form: ProcessInput,
    errors: FormErrors,
    kinds: Vec<(&'static str, String)>,
    levels: Vec<(&'static str, String)>,
}

async fn form_page(
    app: &App,
    c: Ctx,
    org_slug: &str,
    form: ProcessInput,
    errors: FormErrors,
) -> WebResult {
    let org = app::organisations::by_slug(app, org_slug).await?;
    can(&c.actor, Action::ManageProcesses(OrgId(org.id)))?;
    page_status(
        errors.status(),
        ProcessForm {
            org_href: format!("/organisations/{}", org.slug),
            action: format!("/organisations/{}/processes", org.slug),
            org_name: org.name,
            form,
            errors,
            kinds: keyed(ProcessKind::ALL, ProcessKind::code, "process-kind-"),
            levels: keyed(Iap2Level::ALL, Iap2Level::code, "iap2-"),
            c,
        },
    )
}

pub async fn new_form(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let form = ProcessInput {
        kind: "consultation".into(),
        iap2: "consult".into(),
        ..Default::default()
    };
    form_page(&app, c, &slug, form, FormErrors::default()).await
}

pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(org): Path<String>,
    Form(f): Form<ProcessInput>,
) -> WebResult {
    let done = part::create(&app, &c.actor, &org, &f).await;
    redirect_or_again(
        done,
        |slug| format!("/processes/{slug}?notice=notice-created"),
        |errors| form_page(&app, c, &org, f, errors),
    )
    .await
}
