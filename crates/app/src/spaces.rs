//! Who a space belongs to and who is in it: private spaces visible only to invited members, roles
//! held in a space (member, facilitator, moderator, evaluator) and organisations co-organising it.
//! Those who manage a space (administrators of its owner or of a co-organiser) change all three.

use crate::{App, AppError, Result, now};
use domain::DomainError;
use domain::organisations::OrgId;
use domain::participation::SpaceRole;
use domain::policy::{self, Action, Actor, Space};
use serde_json::json;
use store::StoreError;
use store::audit::Event;
use store::participation::ProcessRow;

/// The space of a process as the policy sees it (with its co-organisers).
pub async fn space_of(app: &App, p: &ProcessRow) -> Result<Space> {
    Ok(Space {
        id: p.id,
        org: OrgId(p.org_id),
        co_organisers: app
            .store
            .coorganisers(p.id)
            .await?
            .into_iter()
            .map(|o| OrgId(o.id))
            .collect(),
        private: p.private == 1,
        published: p.published_at.is_some(),
    })
}

/// Published processes the actor may see (all public ones, and the private ones they belong to);
/// with `org`, only that organisation's.
pub async fn visible_processes(
    app: &App,
    actor: &Actor,
    org: Option<i64>,
) -> Result<Vec<ProcessRow>> {
    let mut out = Vec::new();
    for p in app.store.published_processes(org).await? {
        if p.private == 0
            || policy::can(actor, Action::ViewSpace(&space_of(app, &p).await?)).is_ok()
        {
            out.push(p);
        }
    }
    Ok(out)
}

/// The process `slug` for someone who manages it.
async fn managed(app: &App, actor: &Actor, slug: &str) -> Result<ProcessRow> {
    let (p, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    if !can_manage {
        return Err(DomainError::Forbidden.into());
    }
    Ok(p)
}

/// What a manager typed in the role form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct RoleInput {
    pub email: String,
    pub role: String,
}

/// Gives the person with that e-mail address a role in the space.
pub async fn grant_role(app: &App, actor: &Actor, slug: &str, input: &RoleInput) -> Result<()> {
    let p = managed(app, actor, slug).await?;
    let mut errors = domain::error::Errors::new();
    let role = errors.take(SpaceRole::parse(&input.role));
    let user = match errors.take(domain::accounts::Email::parse(&input.email)) {
        Some(email) => match app.store.user_by_email(email.as_str()).await? {
            Some(u) => Some(u),
            None => {
                errors.push(domain::error::FieldError::new(
                    "email",
                    "space-role-no-account",
                ));
                None
            }
        },
        None => None,
    };
    errors.finish()?;
    let (Some(role), Some(user)) = (role, user) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.grant_space_role(p.id, user.id, role.code(), t)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => {
                AppError::Domain(DomainError::invalid("email", "space-role-held"))
            }
            e => e.into(),
        })?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "space.grant_role",
        subject: format!("process:{}", p.id),
        details: json!({"user": user.id, "role": role.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a role back.
pub async fn revoke_role(
    app: &App,
    actor: &Actor,
    slug: &str,
    user: i64,
    role: &str,
) -> Result<()> {
    let p = managed(app, actor, slug).await?;
    let role = SpaceRole::parse(role).map_err(|e| DomainError::Invalid(vec![e]))?;
    let t = now();
    let mut tx = app.store.write().await?;
    if !tx.revoke_space_role(p.id, user, role.code()).await? {
        return Err(DomainError::NotFound.into());
    }
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "space.revoke_role",
        subject: format!("process:{}", p.id),
        details: json!({"user": user, "role": role.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds an organisation (by its slug) as co-organiser; its administrators then manage the space.
pub async fn add_coorganiser(app: &App, actor: &Actor, slug: &str, org_slug: &str) -> Result<()> {
    let p = managed(app, actor, slug).await?;
    let org = match app.store.org_by_slug(org_slug.trim()).await? {
        Some(o) if o.id != p.org_id => o,
        Some(_) => return Err(DomainError::invalid("organisation", "coorganiser-owner").into()),
        None => return Err(DomainError::invalid("organisation", "coorganiser-unknown").into()),
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.add_coorganiser(p.id, org.id, t)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => {
                AppError::Domain(DomainError::invalid("organisation", "coorganiser-already"))
            }
            e => e.into(),
        })?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "space.add_coorganiser",
        subject: format!("process:{}", p.id),
        details: json!({"org": org.id}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes a space private or public. A private space's content leaves the public search.
pub async fn set_private(app: &App, actor: &Actor, slug: &str, private: bool) -> Result<()> {
    let p = managed(app, actor, slug).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_process_private(p.id, private).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "space.set_private",
        subject: format!("process:{}", p.id),
        details: json!({"private": private}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}
