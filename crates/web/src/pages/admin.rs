//! Administration of the installation: create organisations, grant roles, see accounts and the
//! latest audit entries. Instance administrators only.

use super::organisations::OrgFormPage;
use super::{NoticeQuery, notice, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::organisations::OrgInput;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use domain::organisations::{OrgKind, OrgRole};
use domain::policy::{Action, can};
use store::accounts::UserRow;
use store::audit::Entry;
use store::organisations::{OrgFilter, OrgRow};

#[derive(Template)]
#[template(path = "admin.html")]
struct Admin {
    c: Ctx,
    notice: &'static str,
    errors: FormErrors,
    orgs: Vec<OrgRow>,
    roles: Vec<&'static str>,
    users: Vec<UserRow>,
    user_count: i64,
    audit: Vec<Entry>,
    grant_email: String,
    grant_org: String,
}

async fn admin_page(
    app: &App,
    c: Ctx,
    errors: FormErrors,
    notice: &'static str,
    grant: (String, String),
) -> WebResult {
    can(&c.actor, Action::Administer)?;
    let (orgs, _) = app
        .store
        .list_orgs(&OrgFilter::default(), 10_000, 0)
        .await?;
    page_status(
        errors.status(),
        Admin {
            notice,
            errors,
            orgs,
            roles: OrgRole::ALL.iter().map(|r| r.code()).collect(),
            users: app.store.users(200, 0).await?,
            user_count: app.store.count_users().await?,
            audit: store::audit::recent(&app.store, 20).await?,
            grant_email: grant.0,
            grant_org: grant.1,
            c,
        },
    )
}

pub async fn dashboard(State(app): State<App>, c: Ctx, Query(n): Query<NoticeQuery>) -> WebResult {
    admin_page(
        &app,
        c,
        FormErrors::default(),
        notice(n.notice.as_deref()),
        Default::default(),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub email: String,
    pub org: String,
    pub role: String,
}

pub async fn grant(State(app): State<App>, c: Ctx, Form(f): Form<GrantForm>) -> WebResult {
    let done = app::organisations::grant_role(&app, &c.actor, &f.org, &f.email, &f.role).await;
    redirect_or_again(
        done,
        |()| "/admin?notice=notice-granted".to_owned(),
        |errors| admin_page(&app, c, errors, "", (f.email, f.org)),
    )
    .await
}

async fn new_org_page(app: &App, c: Ctx, form: OrgInput, errors: FormErrors) -> WebResult {
    can(&c.actor, Action::CreateOrganisation)?;
    page_status(
        errors.status(),
        OrgFormPage {
            heading: c.t("admin-new-org"),
            back_href: "/admin".into(),
            back_label: c.t("admin-title"),
            action: "/admin/organisations".into(),
            creating: true,
            form,
            errors,
            kinds: OrgKind::ALL.iter().map(|k| k.code()).collect(),
            territories: app.store.territories().await?,
            c,
        },
    )
}

pub async fn new_org(State(app): State<App>, c: Ctx) -> WebResult {
    new_org_page(
        &app,
        c,
        OrgInput {
            kind: "association".into(),
            ..Default::default()
        },
        FormErrors::default(),
    )
    .await
}

pub async fn create_org(State(app): State<App>, c: Ctx, Form(f): Form<OrgInput>) -> WebResult {
    let done = app::organisations::create(&app, &c.actor, &f).await;
    redirect_or_again(
        done,
        |slug| format!("/organisations/{slug}?notice=notice-created"),
        |errors| new_org_page(&app, c, f, errors),
    )
    .await
}
