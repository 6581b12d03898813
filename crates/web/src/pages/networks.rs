//! Network bodies with their member organisations, and commitments with their signatories.

use super::home::network_cards;
use super::organisations::administered;
use super::{NoticeQuery, notice, page, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use domain::DomainError;
use domain::organisations::{OrgId, OrgKind};
use domain::policy::{Action, can};
use store::networks::{CommitmentRow, LinkedOrg};
use store::organisations::{OrgFilter, OrgRow};

#[derive(Template)]
#[template(path = "networks.html")]
struct Networks {
    c: Ctx,
    networks: Vec<store::networks::NetworkCard>,
}

pub async fn list(State(app): State<App>, c: Ctx) -> WebResult {
    page(Networks {
        networks: network_cards(&app).await?,
        c,
    })
}

#[derive(Template)]
#[template(path = "network.html")]
struct Network {
    c: Ctx,
    org: OrgRow,
    members: Vec<LinkedOrg>,
    can_manage: bool,
    candidates: Vec<OrgRow>,
    errors: FormErrors,
    notice: &'static str,
    form_org: String,
    form_since: String,
}

async fn network_page(
    app: &App,
    c: Ctx,
    slug: &str,
    errors: FormErrors,
    notice: &'static str,
    form: AddMemberForm,
) -> WebResult {
    let org = app::organisations::by_slug(app, slug).await?;
    if org.kind != OrgKind::Network.code() && org.kind != OrgKind::Consortium.code() {
        return Err(DomainError::NotFound.into());
    }
    let members = app.store.network_members(org.id).await?;
    let can_manage = can(&c.actor, Action::ManageNetwork(OrgId(org.id))).is_ok();
    let candidates = if can_manage {
        let (all, _) = app
            .store
            .list_orgs(&OrgFilter::default(), 10_000, 0)
            .await?;
        all.into_iter()
            .filter(|o| o.id != org.id && !members.iter().any(|m| m.slug == o.slug))
            .collect()
    } else {
        vec![]
    };
    page_status(
        errors.status(),
        Network {
            org,
            members,
            can_manage,
            candidates,
            errors,
            notice,
            form_org: form.org,
            form_since: form.since,
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
    network_page(
        &app,
        c,
        &slug,
        FormErrors::default(),
        notice(n.notice.as_deref()),
        AddMemberForm::default(),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AddMemberForm {
    pub org: String,
    pub since: String,
}

pub async fn add_member(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<AddMemberForm>,
) -> WebResult {
    let done = app::networks::add_member(&app, &c.actor, &slug, &f.org, &f.since).await;
    redirect_or_again(
        done,
        |()| format!("/networks/{slug}?notice=notice-member-added"),
        |errors| network_page(&app, c, &slug, errors, "", f),
    )
    .await
}

#[derive(Template)]
#[template(path = "commitments.html")]
struct Commitments {
    c: Ctx,
    commitments: Vec<CommitmentRow>,
}

pub async fn commitments(State(app): State<App>, c: Ctx) -> WebResult {
    page(Commitments {
        commitments: app.store.commitments().await?,
        c,
    })
}

#[derive(Template)]
#[template(path = "commitment.html")]
struct Commitment {
    c: Ctx,
    slug: String,
    title: String,
    description: String,
    signatures: Vec<LinkedOrg>,
    can_sign_for: Vec<(String, String)>,
    errors: FormErrors,
    notice: &'static str,
    form_date: String,
}

async fn commitment_page(
    app: &App,
    c: Ctx,
    slug: &str,
    errors: FormErrors,
    notice: &'static str,
    date: String,
) -> WebResult {
    let cm = app
        .store
        .commitment_by_slug(slug)
        .await?
        .ok_or(DomainError::NotFound)?;
    let signatures = app.store.signatures(cm.id).await?;
    let can_sign_for = administered(app, &c)
        .await?
        .into_iter()
        .filter(|(s, _)| !signatures.iter().any(|sig| &sig.slug == s))
        .collect();
    let (title, description) = match c.lang {
        domain::accounts::Lang::En => (cm.title_en, cm.description_en),
        domain::accounts::Lang::It => (cm.title_it, cm.description_it),
    };
    page_status(
        errors.status(),
        Commitment {
            slug: cm.slug,
            title,
            description,
            signatures,
            can_sign_for,
            errors,
            notice,
            form_date: date,
            c,
        },
    )
}

pub async fn commitment(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(n): Query<NoticeQuery>,
) -> WebResult {
    commitment_page(
        &app,
        c,
        &slug,
        FormErrors::default(),
        notice(n.notice.as_deref()),
        String::new(),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SignForm {
    pub org: String,
    pub date: String,
}

pub async fn sign(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<SignForm>,
) -> WebResult {
    let done = app::networks::sign(&app, &c.actor, &slug, &f.org, &f.date).await;
    redirect_or_again(
        done,
        |()| format!("/commitments/{slug}?notice=notice-signed"),
        |errors| commitment_page(&app, c, &slug, errors, "", f.date),
    )
    .await
}
