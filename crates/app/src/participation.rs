//! Participatory processes: an organisation's administrators create a process (its question, the
//! promise of what will be done with the input, its place on the IAP2 spectrum), give it dated
//! phases and publish it. Drafts are visible only to them.

use crate::{App, AppError, Result, now};
use domain::DomainError;
use domain::error::{Errors, FieldError};
use domain::organisations::{OrgId, Slug, parse_text};
use domain::participation::{Iap2Level, PhaseKind, ProcessKind, parse_phase_dates};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::StoreError;
use store::audit::Event;
use store::participation::{PhaseRow, ProcessFields, ProcessRow};

/// What an administrator typed in the process form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProcessInput {
    pub title: String,
    pub kind: String,
    pub slug: String,
    pub question: String,
    pub promise: String,
    pub iap2: String,
    /// "1" for a private space (visible only to its members).
    pub private: String,
}

/// What an administrator typed in the phase form.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct PhaseInput {
    pub phase_kind: String,
    pub phase_title: String,
    pub starts_on: String,
    pub ends_on: String,
}

fn required(field: &'static str, raw: &str, max: usize) -> std::result::Result<String, FieldError> {
    let t = parse_text(field, raw, max)?;
    if t.chars().count() < 3 {
        return Err(FieldError::new(field, "text-required"));
    }
    if field.ends_with("title") && t.contains(['<', '>']) {
        return Err(FieldError::new(field, "name-markup"));
    }
    Ok(t)
}

/// Creates a draft process of the organisation `org_slug`. Returns its slug.
pub async fn create(
    app: &App,
    actor: &Actor,
    org_slug: &str,
    input: &ProcessInput,
) -> Result<String> {
    let org = crate::organisations::by_slug(app, org_slug).await?;
    policy::can(actor, Action::ManageProcesses(OrgId(org.id)))?;
    let mut errors = Errors::new();
    let title = errors.take(required("title", &input.title, 150));
    let kind = errors.take(ProcessKind::parse(&input.kind));
    let slug = if input.slug.trim().is_empty() {
        title
            .as_deref()
            .and_then(|t| errors.take(Slug::from_name(t)))
    } else {
        errors.take(Slug::parse(&input.slug))
    };
    let question = errors.take(required("question", &input.question, 2000));
    let promise = errors.take(required("promise", &input.promise, 2000));
    let iap2 = errors.take(Iap2Level::parse(&input.iap2));
    errors.finish()?;
    let (Some(title), Some(kind), Some(slug), Some(question), Some(promise), Some(iap2)) =
        (title, kind, slug, question, promise, iap2)
    else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let fields = ProcessFields {
        slug: slug.as_str(),
        kind: kind.code(),
        title: &title,
        question: &question,
        promise: &promise,
        iap2: iap2.code(),
    };
    let id = tx
        .insert_process(org.id, &fields, t)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => AppError::Domain(DomainError::invalid("slug", "slug-taken")),
            e => e.into(),
        })?;
    let private = input.private == "1";
    if private {
        tx.set_process_private(id, true).await?;
    }
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "process.create",
        subject: format!("process:{id}"),
        details: json!({"org": org.id, "slug": slug.as_str(), "private": private}),
    })
    .await?;
    tx.commit().await?;
    Ok(slug.as_str().to_owned())
}

/// A process and its phases as `actor` may see it: drafts only for those who manage them,
/// private spaces only for their members; and whether the actor manages it.
pub async fn view(
    app: &App,
    actor: &Actor,
    slug: &str,
) -> Result<(ProcessRow, Vec<PhaseRow>, bool)> {
    let p = app
        .store
        .process_by_slug(slug)
        .await?
        .ok_or(DomainError::NotFound)?;
    let space = crate::spaces::space_of(app, &p).await?;
    if policy::can(actor, Action::ViewSpace(&space)).is_err() {
        return Err(DomainError::NotFound.into());
    }
    let can_manage = policy::can(actor, Action::ManageSpace(&space)).is_ok();
    let phases = app.store.phases(p.id).await?;
    Ok((p, phases, can_manage))
}

/// Adds a dated phase to a process.
pub async fn add_phase(app: &App, actor: &Actor, slug: &str, input: &PhaseInput) -> Result<()> {
    let (p, _, can_manage) = view(app, actor, slug).await?;
    if !can_manage {
        return Err(DomainError::Forbidden.into());
    }
    let mut errors = Errors::new();
    let kind = errors.take(PhaseKind::parse(&input.phase_kind));
    let title = errors.take(required("phase_title", &input.phase_title, 150));
    let dates = match parse_phase_dates(&input.starts_on, &input.ends_on) {
        Ok(d) => Some(d),
        Err(list) => {
            for e in list {
                errors.push(e);
            }
            None
        }
    };
    errors.finish()?;
    let (Some(kind), Some(title), Some((starts, ends))) = (kind, title, dates) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_phase(
            p.id,
            kind.code(),
            &title,
            &starts.to_string(),
            &ends.to_string(),
        )
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "process.add_phase",
        subject: format!("process:{}", p.id),
        details: json!({"phase": id, "kind": kind.code(), "starts_on": starts.to_string(), "ends_on": ends.to_string()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes a process; it needs at least one phase.
pub async fn publish(app: &App, actor: &Actor, slug: &str) -> Result<()> {
    let (p, phases, can_manage) = view(app, actor, slug).await?;
    if !can_manage {
        return Err(DomainError::Forbidden.into());
    }
    if phases.is_empty() {
        return Err(DomainError::Conflict("process-needs-phase").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    tx.publish_process(p.id, t).await?;
    index_process(&mut tx, &p).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "process.publish",
        subject: format!("process:{}", p.id),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Today's date, `YYYY-MM-DD` (UTC), for placing phases on the timeline.
pub fn today() -> String {
    date_of(now())
}

/// The date `YYYY-MM-DD` (UTC) of a Unix time.
pub fn date_of(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(d) => format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()),
        Err(_) => String::new(),
    }
}

/// Puts a published process in the search index.
pub async fn index_process(tx: &mut store::WriteTx, p: &ProcessRow) -> Result<()> {
    let body = format!("{} {} {}", p.question, p.promise, p.org_name);
    crate::search::index(
        tx,
        "process",
        p.id,
        Some(p.id),
        &p.title,
        &body,
        &format!("/processes/{}", p.slug),
    )
    .await
}
