//! Network bodies' member organisations and commitments signed by organisations.

use crate::organisations::by_slug;
use crate::{App, AppError, Result, now};
use domain::DomainError;
use domain::error::Errors;
use domain::organisations::{Date, OrgId, OrgKind};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::StoreError;
use store::audit::Event;

/// Adds an organisation to a network body or a consortium since a date (its administrators).
pub async fn add_member(
    app: &App,
    actor: &Actor,
    network_slug: &str,
    member_slug: &str,
    since: &str,
) -> Result<()> {
    let network = by_slug(app, network_slug).await?;
    policy::can(actor, Action::ManageNetwork(OrgId(network.id)))?;
    if network.kind != OrgKind::Network.code() && network.kind != OrgKind::Consortium.code() {
        return Err(DomainError::Conflict("not-a-network").into());
    }
    let mut errors = Errors::new();
    let since = errors.take(Date::parse("since", since));
    let member = app.store.org_by_slug(member_slug.trim()).await?;
    if member.is_none() {
        errors.push(domain::FieldError::new("org", "org-unknown"));
    }
    errors.finish()?;
    let (Some(since), Some(member)) = (since, member) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    if member.id == network.id {
        return Err(DomainError::invalid("org", "org-self").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    tx.add_network_member(network.id, member.id, &since.to_string())
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "network.add_member",
        subject: format!("organisation:{}", network.id),
        details: json!({"member": member.id, "since": since.to_string()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Signs a commitment on behalf of an organisation on a date (its administrators).
pub async fn sign(
    app: &App,
    actor: &Actor,
    commitment_slug: &str,
    org_slug: &str,
    date: &str,
) -> Result<()> {
    let org = by_slug(app, org_slug).await?;
    policy::can(actor, Action::SignCommitment(OrgId(org.id)))?;
    let commitment = app
        .store
        .commitment_by_slug(commitment_slug)
        .await?
        .ok_or(DomainError::NotFound)?;
    let date = Date::parse("date", date).map_err(|e| DomainError::Invalid(vec![e]))?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.sign_commitment(commitment.id, org.id, &date.to_string())
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => {
                AppError::Domain(DomainError::invalid("org", "already-signed"))
            }
            e => e.into(),
        })?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "commitment.sign",
        subject: format!("commitment:{}", commitment.id),
        details: json!({"org": org.id, "date": date.to_string()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}
