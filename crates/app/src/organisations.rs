//! Organisations and their territories, members and invitations.

use crate::secret::{hash_token, random_token};
use crate::{App, AppError, Result, mail, now};
use domain::DomainError;
use domain::accounts::{DisplayName, Email, Lang};
use domain::error::{Errors, FieldError};
use domain::organisations::{
    IstatCode, Nuts3, OrgId, OrgKind, OrgRole, Slug, parse_text, parse_url,
};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::StoreError;
use store::audit::Event;
use store::organisations::{OrgFields, OrgRow, TerritoryRow};

/// What a person typed in the organisation form. Territory fields apply to municipalities, whose
/// territory is their own; other organisations pick an existing territory. The web form
/// deserialises straight into it.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct OrgInput {
    pub name: String,
    pub kind: String,
    pub slug: String,
    pub description: String,
    pub website: String,
    pub email: String,
    pub default_lang: String,
    pub territory_id: String,
    pub territory_name: String,
    pub istat_code: String,
    pub nuts3: String,
    pub population: String,
}

struct ParsedOrg {
    name: DisplayName,
    kind: OrgKind,
    slug: Slug,
    description: String,
    website: Option<String>,
    email: Option<Email>,
    lang: Lang,
    territory_id: Option<i64>,
    territory: Option<TerritoryRow>,
}

fn parse_org(input: &OrgInput, kind_fixed: Option<OrgKind>) -> Result<ParsedOrg, DomainError> {
    let mut errors = Errors::new();
    let name = errors.take(DisplayName::parse("name", &input.name));
    let kind = match kind_fixed {
        Some(k) => Some(k),
        None => errors.take(OrgKind::parse(&input.kind)),
    };
    let slug = if input.slug.trim().is_empty() {
        name.as_ref()
            .and_then(|n| errors.take(Slug::from_name(n.as_str())))
    } else {
        errors.take(Slug::parse(&input.slug))
    };
    let description = errors.take(parse_text("description", &input.description, 4000));
    let website = errors.take(parse_url("website", &input.website));
    let email = if input.email.trim().is_empty() {
        Some(None)
    } else {
        errors.take(
            Email::parse(&input.email)
                .map(Some)
                .map_err(|e| FieldError::new("email", e.code)),
        )
    };
    let lang = errors.take(if input.default_lang.trim().is_empty() {
        Ok(Lang::It)
    } else {
        Lang::from_code(&input.default_lang).ok_or(FieldError::new("default_lang", "lang-invalid"))
    });
    let territory_id = errors.take(if input.territory_id.trim().is_empty() {
        Ok(None)
    } else {
        input
            .territory_id
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| FieldError::new("territory_id", "territory-invalid"))
    });
    let territory = if kind == Some(OrgKind::Municipality) {
        let tname = errors.take(DisplayName::parse("territory_name", &input.territory_name));
        let istat = errors.take(IstatCode::parse(&input.istat_code));
        let nuts = errors.take(Nuts3::parse(&input.nuts3));
        let pop = errors.take(
            input
                .population
                .trim()
                .replace(['.', ',', ' '], "")
                .parse::<i64>()
                .ok()
                .filter(|p| (0..=100_000_000).contains(p))
                .ok_or(FieldError::new("population", "population-invalid")),
        );
        match (tname, istat, nuts, pop) {
            (Some(n), Some(i), Some(u), Some(p)) => Some(TerritoryRow {
                id: 0,
                name: n.as_str().to_owned(),
                istat_code: Some(i.as_str().to_owned()),
                nuts3: Some(u.as_str().to_owned()),
                population: Some(p),
            }),
            _ => None,
        }
    } else {
        None
    };
    errors.finish()?;
    match (
        name,
        kind,
        slug,
        description,
        website,
        email,
        lang,
        territory_id,
    ) {
        (
            Some(name),
            Some(kind),
            Some(slug),
            Some(description),
            Some(website),
            Some(email),
            Some(lang),
            Some(territory_id),
        ) => Ok(ParsedOrg {
            name,
            kind,
            slug,
            description,
            website,
            email,
            lang,
            territory_id,
            territory,
        }),
        _ => Err(DomainError::Invalid(vec![])),
    }
}

fn taken(e: StoreError, field: &'static str, code: &'static str) -> AppError {
    match e {
        StoreError::Duplicate => DomainError::invalid(field, code).into(),
        e => e.into(),
    }
}

async fn check_territory(app: &App, id: Option<i64>) -> Result<()> {
    if let Some(id) = id
        && app.store.territory(id).await?.is_none()
    {
        return Err(DomainError::invalid("territory_id", "territory-invalid").into());
    }
    Ok(())
}

/// Creates an organisation (instance administrators only). Returns its slug.
pub async fn create(app: &App, actor: &Actor, input: &OrgInput) -> Result<String> {
    policy::can(actor, Action::CreateOrganisation)?;
    let p = parse_org(input, None)?;
    check_territory(app, p.territory_id).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    let territory_id = match &p.territory {
        Some(terr) => Some(
            tx.insert_territory(terr)
                .await
                .map_err(|e| taken(e, "istat_code", "istat-taken"))?,
        ),
        None => p.territory_id,
    };
    let fields = OrgFields {
        slug: p.slug.as_str(),
        name: p.name.as_str(),
        kind: p.kind.code(),
        description: &p.description,
        website: p.website.as_deref(),
        email: p.email.as_ref().map(Email::as_str),
        territory_id,
        default_lang: p.lang.code(),
    };
    let id = tx
        .insert_org(&fields, t)
        .await
        .map_err(|e| taken(e, "slug", "slug-taken"))?;
    index_org(
        &mut tx,
        id,
        p.slug.as_str(),
        p.name.as_str(),
        &p.description,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "organisation.create",
        subject: format!("organisation:{id}"),
        details: json!({"slug": p.slug.as_str(), "kind": p.kind.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(p.slug.as_str().to_owned())
}

/// Loads an organisation by slug, or [`DomainError::NotFound`].
pub async fn by_slug(app: &App, slug: &str) -> Result<OrgRow> {
    app.store
        .org_by_slug(slug)
        .await?
        .ok_or_else(|| DomainError::NotFound.into())
}

/// Updates an organisation's profile (its administrators, or instance administrators). The slug
/// and kind do not change.
pub async fn update(app: &App, actor: &Actor, slug: &str, input: &OrgInput) -> Result<()> {
    let org = by_slug(app, slug).await?;
    policy::can(actor, Action::EditOrganisation(OrgId(org.id)))?;
    let kind = OrgKind::parse(&org.kind).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut with_slug = input.clone();
    with_slug.slug = org.slug.clone();
    let p = parse_org(&with_slug, Some(kind))?;
    check_territory(app, p.territory_id).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    let territory_id = match (&p.territory, org.territory_id) {
        (Some(terr), Some(existing)) => {
            let row = TerritoryRow {
                id: existing,
                ..terr.clone()
            };
            tx.update_territory(&row)
                .await
                .map_err(|e| taken(e, "istat_code", "istat-taken"))?;
            Some(existing)
        }
        (Some(terr), None) => Some(
            tx.insert_territory(terr)
                .await
                .map_err(|e| taken(e, "istat_code", "istat-taken"))?,
        ),
        (None, _) => p.territory_id,
    };
    let fields = OrgFields {
        slug: &org.slug,
        name: p.name.as_str(),
        kind: &org.kind,
        description: &p.description,
        website: p.website.as_deref(),
        email: p.email.as_ref().map(Email::as_str),
        territory_id,
        default_lang: p.lang.code(),
    };
    tx.update_org(org.id, &fields).await?;
    index_org(&mut tx, org.id, &org.slug, p.name.as_str(), &p.description).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "organisation.update",
        subject: format!("organisation:{}", org.id),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Invites a person by e-mail to join an organisation with a role; the link is valid 14 days.
pub async fn invite(
    app: &App,
    actor: &Actor,
    slug: &str,
    email: &str,
    role: &str,
    lang: Lang,
) -> Result<()> {
    let org = by_slug(app, slug).await?;
    policy::can(actor, Action::ManageMembers(OrgId(org.id)))?;
    let mut errors = Errors::new();
    let email = errors.take(Email::parse(email));
    let role = errors.take(OrgRole::parse(role));
    errors.finish()?;
    let (Some(email), Some(role), Some(inviter)) = (email, role, actor.user) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let token = random_token();
    let mut tx = app.store.write().await?;
    tx.insert_invitation(
        &hash_token(&token),
        org.id,
        email.as_str(),
        role.code(),
        inviter.0,
        t,
        t + 14 * 86_400,
    )
    .await?;
    let args = [
        ("name", email.as_str().to_owned()),
        ("org", org.name.clone()),
        (
            "link",
            format!(
                "{}/invitations/{token}",
                app.config.base_url.trim_end_matches('/')
            ),
        ),
    ];
    mail::queue(&mut tx, t, email.as_str(), lang, "mail-invite", &args).await?;
    tx.audit(Event {
        at: t,
        actor: Some(inviter.0),
        action: "organisation.invite",
        subject: format!("organisation:{}", org.id),
        details: json!({"role": role.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Accepts an invitation as the signed-in person. Returns the organisation's slug.
pub async fn accept_invitation(app: &App, actor: &Actor, token: &str) -> Result<String> {
    policy::can(actor, Action::ManageOwnAccount)?;
    let user = actor.user.ok_or(DomainError::Forbidden)?.0;
    let t = now();
    let mut tx = app.store.write().await?;
    let inv = tx
        .accept_invitation(&hash_token(token), user, t)
        .await?
        .ok_or(DomainError::Conflict("token-invalid"))?;
    let role = OrgRole::parse(&inv.role).map_err(|e| AppError::Internal(e.to_string()))?;
    tx.set_membership(user, inv.org_id, role.code(), t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "organisation.join",
        subject: format!("organisation:{}", inv.org_id),
        details: json!({"role": role.code()}),
    })
    .await?;
    tx.commit().await?;
    let org = app
        .store
        .org_by_id(inv.org_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok(org.slug)
}

/// Sets a member's role, or removes them (`role` = `remove`). An organisation keeps at least one
/// administrator.
pub async fn change_member(
    app: &App,
    actor: &Actor,
    slug: &str,
    user: i64,
    role: &str,
) -> Result<()> {
    let org = by_slug(app, slug).await?;
    policy::can(actor, Action::ManageMembers(OrgId(org.id)))?;
    let new_role = if role == "remove" {
        None
    } else {
        Some(OrgRole::parse(role).map_err(|e| DomainError::Invalid(vec![e]))?)
    };
    let members = app.store.members(org.id).await?;
    let current = members
        .iter()
        .find(|m| m.user_id == user)
        .ok_or(DomainError::NotFound)?;
    let t = now();
    let mut tx = app.store.write().await?;
    if current.role == OrgRole::Admin.code()
        && new_role != Some(OrgRole::Admin)
        && tx.count_admins(org.id).await? <= 1
    {
        return Err(DomainError::Conflict("last-admin").into());
    }
    match new_role {
        Some(r) => tx.set_membership(user, org.id, r.code(), t).await?,
        None => {
            tx.remove_membership(user, org.id).await?;
        }
    }
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "organisation.member_change",
        subject: format!("organisation:{}", org.id),
        details: json!({"user": user, "role": new_role.map(OrgRole::code)}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Grants a role in any organisation to an existing account (instance administrators).
pub async fn grant_role(
    app: &App,
    actor: &Actor,
    slug: &str,
    email: &str,
    role: &str,
) -> Result<()> {
    policy::can(actor, Action::Administer)?;
    let org = by_slug(app, slug)
        .await
        .map_err(|_| DomainError::invalid("org", "org-unknown"))?;
    let mut errors = Errors::new();
    let email = errors.take(Email::parse(email));
    let role = errors.take(OrgRole::parse(role));
    errors.finish()?;
    let (Some(email), Some(role)) = (email, role) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let user = app
        .store
        .user_by_email(email.as_str())
        .await?
        .ok_or(DomainError::invalid("email", "account-unknown"))?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_membership(user.id, org.id, role.code(), t).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "organisation.grant",
        subject: format!("organisation:{}", org.id),
        details: json!({"user": user.id, "role": role.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Puts an organisation's profile in the search index.
pub async fn index_org(
    tx: &mut store::WriteTx,
    id: i64,
    slug: &str,
    name: &str,
    description: &str,
) -> Result<()> {
    crate::search::index(
        tx,
        "organisation",
        id,
        None,
        name,
        description,
        &format!("/organisations/{slug}"),
    )
    .await
}
