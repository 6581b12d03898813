//! The organisation directory, profiles, the profile form and the members page.

use super::{NoticeQuery, notice, page, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::organisations::{self as orgs, OrgInput};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use domain::DomainError;
use domain::organisations::{OrgId, OrgKind, OrgRole};
use domain::policy::{Action, can};
use store::accounts::UserRow;
use store::networks::{CommitmentRow, LinkedOrg};
use store::organisations::{MemberRow, OrgFilter, OrgRow, TerritoryRow};

pub const PER_PAGE: i64 = 24;

#[derive(Debug, Default, serde::Deserialize)]
pub struct DirectoryQuery {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub territory: String,
    #[serde(default)]
    pub page: String,
}

#[derive(Template)]
#[template(path = "organisations.html")]
struct Directory {
    c: Ctx,
    orgs: Vec<OrgRow>,
    total: i64,
    q: String,
    kind: String,
    territory: String,
    kinds: Vec<&'static str>,
    territories: Vec<TerritoryRow>,
    page: i64,
    pages: i64,
}

impl Directory {
    fn page_url(&self, page: i64) -> String {
        let q = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("kind", &self.kind)
            .append_pair("territory", &self.territory)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/organisations?{q}")
    }
}

/// Reads the directory's filters; unknown values are ignored rather than refused, so a shared
/// address never breaks.
pub fn filter_of(q: &DirectoryQuery) -> OrgFilter {
    OrgFilter {
        kind: OrgKind::parse(&q.kind).ok().map(|k| k.code().to_owned()),
        territory_id: q.territory.trim().parse().ok(),
        text: Some(q.q.trim().chars().take(200).collect::<String>()).filter(|s| !s.is_empty()),
    }
}

pub async fn directory(
    State(app): State<App>,
    c: Ctx,
    Query(q): Query<DirectoryQuery>,
) -> WebResult {
    let filter = filter_of(&q);
    let page_no = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let (limit, offset) = store::paging(page_no, PER_PAGE);
    let (orgs, total) = app.store.list_orgs(&filter, limit, offset).await?;
    page(Directory {
        c,
        orgs,
        total,
        q: filter.text.clone().unwrap_or_default(),
        kind: filter.kind.clone().unwrap_or_default(),
        territory: filter
            .territory_id
            .map(|t| t.to_string())
            .unwrap_or_default(),
        kinds: OrgKind::ALL.iter().map(|k| k.code()).collect(),
        territories: app.store.territories().await?,
        page: page_no,
        pages: (total + PER_PAGE - 1) / PER_PAGE,
    })
}

#[derive(Template)]
#[template(path = "organisation.html")]
struct Profile {
    c: Ctx,
    org: OrgRow,
    territory: Option<TerritoryRow>,
    member_count: i64,
    network_member_count: i64,
    networks: Vec<LinkedOrg>,
    commitments: Vec<(CommitmentRow, String)>,
    can_edit: bool,
    can_view_members: bool,
    notice: &'static str,
    processes: Vec<store::participation::ProcessRow>,
    drafts: Vec<store::participation::ProcessRow>,
    can_manage_processes: bool,
}

pub async fn profile(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(n): Query<NoticeQuery>,
) -> WebResult {
    let org = orgs::by_slug(&app, &slug).await?;
    let id = OrgId(org.id);
    let territory = match org.territory_id {
        Some(t) if org.kind == OrgKind::Municipality.code() => app.store.territory(t).await?,
        _ => None,
    };
    page(Profile {
        territory,
        member_count: app.store.count_members(org.id).await?,
        network_member_count: app.store.network_members(org.id).await?.len() as i64,
        networks: app.store.networks_of(org.id).await?,
        commitments: app.store.commitments_of(org.id).await?,
        can_edit: can(&c.actor, Action::EditOrganisation(id)).is_ok(),
        can_view_members: can(&c.actor, Action::ViewMembers(id)).is_ok(),
        notice: notice(n.notice.as_deref()),
        processes: app::spaces::visible_processes(&app, &c.actor, Some(org.id)).await?,
        drafts: if can(&c.actor, Action::ManageProcesses(id)).is_ok() {
            app.store.draft_processes(org.id).await?
        } else {
            vec![]
        },
        can_manage_processes: can(&c.actor, Action::ManageProcesses(id)).is_ok(),
        org,
        c,
    })
}

#[derive(Template)]
#[template(path = "org_form.html")]
pub struct OrgFormPage {
    pub c: Ctx,
    pub heading: String,
    pub back_href: String,
    pub back_label: String,
    pub action: String,
    pub creating: bool,
    pub form: OrgInput,
    pub errors: FormErrors,
    pub kinds: Vec<&'static str>,
    pub territories: Vec<TerritoryRow>,
}

async fn edit_page(
    app: &App,
    c: Ctx,
    org: &OrgRow,
    form: OrgInput,
    errors: FormErrors,
) -> WebResult {
    let heading = c.t1("org-edit-title", "name", &org.name);
    page_status(
        errors.status(),
        OrgFormPage {
            heading,
            back_href: format!("/organisations/{}", org.slug),
            back_label: org.name.clone(),
            action: format!("/organisations/{}/edit", org.slug),
            creating: false,
            form,
            errors,
            kinds: OrgKind::ALL.iter().map(|k| k.code()).collect(),
            territories: app.store.territories().await?,
            c,
        },
    )
}

pub async fn edit_form(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let org = orgs::by_slug(&app, &slug).await?;
    can(&c.actor, Action::EditOrganisation(OrgId(org.id)))?;
    let territory = match org.territory_id {
        Some(t) => app.store.territory(t).await?,
        None => None,
    };
    let municipality = org.kind == OrgKind::Municipality.code();
    let t = territory.filter(|_| municipality);
    let form = OrgInput {
        name: org.name.clone(),
        kind: org.kind.clone(),
        slug: org.slug.clone(),
        description: org.description.clone(),
        website: org.website.clone().unwrap_or_default(),
        email: org.email.clone().unwrap_or_default(),
        default_lang: org.default_lang.clone(),
        territory_id: if municipality {
            String::new()
        } else {
            org.territory_id.map(|t| t.to_string()).unwrap_or_default()
        },
        territory_name: t.as_ref().map(|t| t.name.clone()).unwrap_or_default(),
        istat_code: t
            .as_ref()
            .and_then(|t| t.istat_code.clone())
            .unwrap_or_default(),
        nuts3: t.as_ref().and_then(|t| t.nuts3.clone()).unwrap_or_default(),
        population: t
            .as_ref()
            .and_then(|t| t.population)
            .map(|p| p.to_string())
            .unwrap_or_default(),
    };
    edit_page(&app, c, &org, form, FormErrors::default()).await
}

pub async fn edit_submit(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<OrgInput>,
) -> WebResult {
    let done = orgs::update(&app, &c.actor, &slug, &form).await;
    let (app, slug) = (&app, &slug);
    redirect_or_again(
        done,
        |()| format!("/organisations/{slug}?notice=notice-saved"),
        |errors| async move {
            let org = orgs::by_slug(app, slug).await?;
            edit_page(app, c, &org, form, errors).await
        },
    )
    .await
}

#[derive(Template)]
#[template(path = "members.html")]
struct Members {
    c: Ctx,
    org: OrgRow,
    org_href: String,
    members: Vec<MemberRow>,
    count: i64,
    can_manage: bool,
    roles: Vec<&'static str>,
    errors: FormErrors,
    notice: &'static str,
    invite_email: String,
    invite_role: String,
}

async fn members_page(
    app: &App,
    c: Ctx,
    slug: &str,
    errors: FormErrors,
    notice: &'static str,
    invite: (String, String),
) -> WebResult {
    let org = orgs::by_slug(app, slug).await?;
    can(&c.actor, Action::ViewMembers(OrgId(org.id)))?;
    let members = app.store.members(org.id).await?;
    page_status(
        errors.status(),
        Members {
            can_manage: can(&c.actor, Action::ManageMembers(OrgId(org.id))).is_ok(),
            count: members.len() as i64,
            org_href: format!("/organisations/{}", org.slug),
            members,
            org,
            roles: OrgRole::ALL.iter().map(|r| r.code()).collect(),
            errors,
            notice,
            invite_email: invite.0,
            invite_role: invite.1,
            c,
        },
    )
}

pub async fn members(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(n): Query<NoticeQuery>,
) -> WebResult {
    members_page(
        &app,
        c,
        &slug,
        FormErrors::default(),
        notice(n.notice.as_deref()),
        (String::new(), "member".into()),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub email: String,
    pub role: String,
}

pub async fn invite(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<InviteForm>,
) -> WebResult {
    let done = orgs::invite(&app, &c.actor, &slug, &f.email, &f.role, c.lang).await;
    redirect_or_again(
        done,
        |()| format!("/organisations/{slug}/members?notice=notice-invited"),
        |errors| members_page(&app, c, &slug, errors, "", (f.email, f.role)),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoleForm {
    pub role: String,
}

pub async fn change_member(
    State(app): State<App>,
    c: Ctx,
    Path((slug, user)): Path<(String, i64)>,
    Form(f): Form<RoleForm>,
) -> WebResult {
    let done = orgs::change_member(&app, &c.actor, &slug, user, &f.role).await;
    redirect_or_again(
        done,
        |()| format!("/organisations/{slug}/members?notice=notice-member-changed"),
        |errors| members_page(&app, c, &slug, errors, "", (String::new(), "member".into())),
    )
    .await
}

/// Organisations the user administers: `(slug, name)`.
pub async fn administered(
    app: &App,
    c: &Ctx,
) -> Result<Vec<(String, String)>, crate::error::WebError> {
    let Some(user) = &c.user else {
        return Ok(vec![]);
    };
    let row: Option<UserRow> = app.store.user_by_id(user.id).await?;
    let Some(row) = row else {
        return Err(DomainError::Forbidden.into());
    };
    Ok(app
        .store
        .orgs_of_user(row.id)
        .await?
        .into_iter()
        .filter(|(o, _)| can(&c.actor, Action::SignCommitment(OrgId(o.id))).is_ok())
        .map(|(o, _)| (o.slug, o.name))
        .collect())
}
