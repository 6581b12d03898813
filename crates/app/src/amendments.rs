//! Amendments and endorsements. Anyone taking part may propose a change to someone else's
//! published proposal (a new title and text); the author accepts it (the proposal takes the new
//! text, the history says so) or rejects it. Organisations endorse proposals through their
//! administrators, once each.

use crate::proposals::ProposalInput;
use crate::{App, AppError, Result, markdown, now, search};
use domain::DomainError;
use domain::accounts::UserId;
use domain::organisations::OrgId;
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::StoreError;
use store::audit::Event;

/// What someone proposing an amendment typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AmendmentInput {
    pub title: String,
    pub body: String,
}

fn href(slug: &str, id: i64) -> String {
    format!("/processes/{slug}/proposals/{id}")
}

/// Proposes an amendment to a published proposal of someone else. Returns its id.
pub async fn propose(
    app: &App,
    actor: &Actor,
    slug: &str,
    proposal: i64,
    input: &AmendmentInput,
) -> Result<i64> {
    policy::can(actor, Action::Participate)?;
    let v = crate::proposals::view(app, actor, slug, proposal).await?;
    let space = crate::spaces::space_of(app, &v.process).await?;
    policy::can(actor, Action::ParticipateIn(&space))?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    // The same rules as the proposal's own title and text.
    let checked = crate::proposals::check_text(&ProposalInput {
        title: input.title.clone(),
        body: input.body.clone(),
        ..ProposalInput::default()
    })?;
    if v.is_author {
        return Err(DomainError::Conflict("amendment-own").into());
    }
    if v.proposal.state != "published" {
        return Err(DomainError::Conflict("proposal-not-published").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_amendment(proposal, user, &checked.0, &checked.1, t)
        .await?;
    tx.set_follow(user, "proposal", proposal, true, t).await?;
    tx.notify_followers(
        &[("proposal", proposal)],
        Some(user),
        "amendment-proposed",
        &v.proposal.title,
        &format!("{}#amendment-{id}", href(slug, proposal)),
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "amendment.propose",
        subject: format!("amendment:{id}"),
        details: json!({"proposal": proposal}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The proposal's author accepts (the proposal takes the amendment's text) or rejects it.
pub async fn decide(
    app: &App,
    actor: &Actor,
    slug: &str,
    proposal: i64,
    amendment: i64,
    accept: bool,
) -> Result<()> {
    let v = crate::proposals::view(app, actor, slug, proposal).await?;
    policy::can(actor, Action::EditOwn(UserId(v.proposal.author_id)))?;
    let a = app
        .store
        .amendment(amendment)
        .await?
        .filter(|a| a.proposal_id == proposal)
        .ok_or(DomainError::NotFound)?;
    if v.proposal.state != "published" {
        return Err(DomainError::Conflict("proposal-not-published").into());
    }
    let state = if accept { "accepted" } else { "rejected" };
    let t = now();
    let mut tx = app.store.write().await?;
    if !tx.decide_amendment(a.id, state, t).await? {
        return Err(DomainError::Conflict("amendment-decided").into());
    }
    let title = if accept {
        tx.amend_proposal(proposal, &a.title, &a.body, t).await?;
        tx.proposal_event(proposal, t, "amended", None, &a.author_name)
            .await?;
        search::index(
            &mut tx,
            "proposal",
            proposal,
            Some(v.process.id),
            &a.title,
            &markdown::plain(&a.body),
            &href(slug, proposal),
        )
        .await?;
        a.title.clone()
    } else {
        v.proposal.title.clone()
    };
    tx.notify_followers(
        &[("proposal", proposal)],
        actor.user.map(|u| u.0),
        if accept {
            "amendment-accepted"
        } else {
            "amendment-rejected"
        },
        &title,
        &format!("{}#amendment-{}", href(slug, proposal), a.id),
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: if accept {
            "amendment.accept"
        } else {
            "amendment.reject"
        },
        subject: format!("amendment:{}", a.id),
        details: json!({"proposal": proposal}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Endorses a published proposal on behalf of an organisation the actor administers.
pub async fn endorse(app: &App, actor: &Actor, slug: &str, proposal: i64, org: i64) -> Result<()> {
    policy::can(actor, Action::Endorse(OrgId(org)))?;
    let v = crate::proposals::view(app, actor, slug, proposal).await?;
    if v.proposal.state != "published" {
        return Err(DomainError::Conflict("proposal-not-published").into());
    }
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.endorse(proposal, org, user, t)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => AppError::Domain(DomainError::Conflict("endorsed-already")),
            e => e.into(),
        })?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "proposal.endorse",
        subject: format!("proposal:{proposal}"),
        details: json!({"org": org}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}
