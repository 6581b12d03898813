//! Proposals: a participant writes a draft (similar proposals are shown before publishing),
//! publishes it while the proposing phase is open, may edit it for a day while nobody supports
//! it, and may withdraw it until it is accepted. Others support it while the supporting phase is
//! open, up to the process's per-person limit. The organisation answers (under evaluation,
//! accepted, rejected, implemented) with a text; every step is kept in the proposal's history.

use crate::participation::today;
use crate::{App, Result, markdown, now, search};
use domain::DomainError;
use domain::accounts::UserId;
use domain::error::{Errors, FieldError};
use domain::organisations::{OrgId, parse_text};
use domain::participation::{Answer, Category, PhaseState, parse_cost, phase_state};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::audit::Event;
use store::participation::{PhaseRow, ProcessRow};
use store::proposals::{ProposalEvent, ProposalFields, ProposalFilter, ProposalRow};

/// How long an author may edit a published proposal nobody supports yet (seconds).
pub const EDIT_WINDOW: i64 = 24 * 3600;

/// What an author typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct ProposalInput {
    pub title: String,
    pub body: String,
    pub category: String,
    pub place: String,
    pub cost: String,
    /// The meeting of the same process the proposal was born in (empty: none).
    pub meeting: String,
}

impl ProposalInput {
    pub fn of(p: &ProposalRow) -> Self {
        Self {
            title: p.title.clone(),
            body: p.body.clone(),
            category: p.category.clone(),
            place: p.place.clone(),
            cost: p.cost.map(|c| c.to_string()).unwrap_or_default(),
            meeting: p.meeting_id.map(|m| m.to_string()).unwrap_or_default(),
        }
    }
}

/// What an organisation's administrator typed to answer.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AnswerInput {
    pub answer: String,
    pub answer_text: String,
}

struct Valid {
    title: String,
    body: String,
    category: &'static str,
    place: String,
    cost: Option<i64>,
}

/// Checks a title and a text by the rules of proposals (for amendments): `(title, body)`.
pub fn check_text(input: &ProposalInput) -> Result<(String, String)> {
    let mut errors = Errors::new();
    let title = errors.take(parse_text("title", &input.title, 150).and_then(|t| {
        if t.chars().count() < 10 {
            Err(FieldError::new("title", "proposal-title-short"))
        } else {
            Ok(t)
        }
    }));
    let body = errors.take(parse_text("body", &input.body, 10_000).and_then(|t| {
        if t.chars().count() < 15 {
            Err(FieldError::new("body", "proposal-body-short"))
        } else {
            Ok(t)
        }
    }));
    errors.finish()?;
    match (title, body) {
        (Some(t), Some(b)) => Ok((t, b)),
        _ => Err(DomainError::Invalid(vec![]).into()),
    }
}

fn validate(input: &ProposalInput) -> Result<Valid> {
    let mut errors = Errors::new();
    let title = errors.take(parse_text("title", &input.title, 150).and_then(|t| {
        if t.chars().count() < 10 {
            Err(FieldError::new("title", "proposal-title-short"))
        } else {
            Ok(t)
        }
    }));
    let body = errors.take(parse_text("body", &input.body, 10_000).and_then(|t| {
        if t.chars().count() < 15 {
            Err(FieldError::new("body", "proposal-body-short"))
        } else {
            Ok(t)
        }
    }));
    let category = errors.take(Category::parse(&input.category));
    let place = errors.take(parse_text("place", &input.place, 200));
    let cost = errors.take(parse_cost(&input.cost));
    errors.finish()?;
    match (title, body, category, place, cost) {
        (Some(title), Some(body), Some(category), Some(place), Some(cost)) => Ok(Valid {
            title,
            body,
            category: category.code(),
            place,
            cost,
        }),
        _ => Err(DomainError::Invalid(vec![]).into()),
    }
}

/// True when a phase of one of `kinds` is under way today.
pub fn phase_open(phases: &[PhaseRow], kinds: &[&str]) -> bool {
    let today = today();
    phases.iter().any(|ph| {
        kinds.contains(&ph.kind.as_str())
            && phase_state(&ph.starts_on, &ph.ends_on, &today) == PhaseState::Current
    })
}

/// A published process and its phases, for participating.
async fn open_process(app: &App, actor: &Actor, slug: &str) -> Result<(ProcessRow, Vec<PhaseRow>)> {
    let (p, phases, _) = crate::participation::view(app, actor, slug).await?;
    if p.published_at.is_none() {
        return Err(DomainError::Conflict("process-not-published").into());
    }
    Ok((p, phases))
}

/// A proposal of the process `slug` as `actor` may see it (drafts only for their author).
async fn load(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(ProcessRow, Vec<PhaseRow>, ProposalRow)> {
    let (p, phases, _) = crate::participation::view(app, actor, slug).await?;
    let prop = app
        .store
        .proposal(id)
        .await?
        .filter(|x| x.process_id == p.id)
        .ok_or(DomainError::NotFound)?;
    if prop.state == "draft" && policy::can(actor, Action::EditOwn(UserId(prop.author_id))).is_err()
    {
        return Err(DomainError::NotFound.into());
    }
    Ok((p, phases, prop))
}

fn href(process_slug: &str, id: i64) -> String {
    format!("/processes/{process_slug}/proposals/{id}")
}

/// Writes a draft; returns its id.
pub async fn create(app: &App, actor: &Actor, slug: &str, input: &ProposalInput) -> Result<i64> {
    policy::can(actor, Action::Participate)?;
    let (p, phases) = open_process(app, actor, slug).await?;
    let v = validate(input)?;
    if !phase_open(&phases, &["proposing"]) {
        return Err(DomainError::Conflict("proposing-closed").into());
    }
    crate::verification::require_resident(actor, p.org_id, p.verify_proposing == 1)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let meeting = match input.meeting.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(m)
                if app
                    .store
                    .meeting(m)
                    .await?
                    .is_some_and(|x| x.process_id == p.id) =>
            {
                Some(m)
            }
            _ => return Err(DomainError::invalid("meeting", "proposal-meeting-invalid").into()),
        },
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let fields = ProposalFields {
        title: &v.title,
        body: &v.body,
        category: v.category,
        place: &v.place,
        cost: v.cost,
    };
    let id = tx.insert_proposal(p.id, user, &fields, t).await?;
    if let Some(m) = meeting {
        tx.set_proposal_meeting(id, m).await?;
    }
    tx.proposal_event(id, t, "created", Some("draft"), "")
        .await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "proposal.create",
        subject: format!("proposal:{id}"),
        details: json!({"process": p.id}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Everything the proposal page shows.
pub struct ProposalView {
    pub process: ProcessRow,
    pub phases: Vec<PhaseRow>,
    pub proposal: ProposalRow,
    pub events: Vec<ProposalEvent>,
    pub supported: bool,
    pub is_author: bool,
    pub can_edit: bool,
    pub can_withdraw: bool,
    pub can_answer: bool,
    pub supporting_open: bool,
    pub commenting_open: bool,
    /// The actor is a verified resident of the process's organisation.
    pub resident: bool,
    /// The actor moderates this process's organisation.
    pub can_moderate: bool,
    /// What the organisation did with it: the results it led to.
    pub results: Vec<store::results::ResultRow>,
    /// Published proposals of the process like this one: `(id, title, percent)`.
    pub similar: Vec<(i64, String, u32)>,
    pub amendments: Vec<store::spaces::AmendmentRow>,
    pub endorsements: Vec<store::spaces::OrgRef>,
    /// Organisations the actor may endorse it for and that have not yet.
    pub can_endorse_as: Vec<(i64, String)>,
    /// Someone other than the author may propose an amendment now.
    pub can_amend: bool,
    pub following: bool,
    /// The meeting it was born in: `(id, title)`.
    pub meeting: Option<(i64, String)>,
}

fn editable(p: &ProposalRow, t: i64) -> bool {
    match p.state.as_str() {
        "draft" => true,
        "published" => {
            p.supports == 0 && p.answer.is_none() && t - p.published_at.unwrap_or(t) <= EDIT_WINDOW
        }
        _ => false,
    }
}

fn withdrawable(p: &ProposalRow) -> bool {
    p.state == "published" && !matches!(p.answer.as_deref(), Some("accepted" | "implemented"))
}

pub async fn view(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<ProposalView> {
    let (process, phases, proposal) = load(app, actor, slug, id).await?;
    let is_author = policy::can(actor, Action::EditOwn(UserId(proposal.author_id))).is_ok();
    let supported = match actor.user {
        Some(u) => app.store.supports(id, u.0).await?,
        None => false,
    };
    let similar = if proposal.state == "draft" {
        similar(app, process.id, &proposal.title, &proposal.body, Some(id)).await?
    } else {
        vec![]
    };
    let space = crate::spaces::space_of(app, &process).await?;
    let endorsements = app.store.endorsements(id).await?;
    let mut can_endorse_as = Vec::new();
    if proposal.state == "published" {
        for (org, _) in &actor.memberships {
            if policy::can(actor, Action::Endorse(*org)).is_ok()
                && !endorsements.iter().any(|e| e.id == org.0)
                && !can_endorse_as.iter().any(|(o, _)| *o == org.0)
                && let Some(o) = app.store.org_by_id(org.0).await?
            {
                can_endorse_as.push((o.id, o.name));
            }
        }
    }
    let meeting = match proposal.meeting_id {
        Some(m) => app.store.meeting(m).await?.map(|x| (x.id, x.title)),
        None => None,
    };
    Ok(ProposalView {
        amendments: app.store.amendments(id).await?,
        endorsements,
        can_endorse_as,
        can_amend: !is_author
            && proposal.state == "published"
            && policy::can(actor, Action::ParticipateIn(&space)).is_ok(),
        following: crate::notifications::follows(app, actor, "proposal", id).await?,
        meeting,
        results: app.store.results_of_proposal(id).await?,
        can_moderate: policy::can(actor, Action::ModerateSpace(&space)).is_ok(),
        events: app.store.proposal_events(id).await?,
        supported,
        can_edit: is_author && editable(&proposal, now()),
        can_withdraw: is_author && withdrawable(&proposal),
        can_answer: policy::can(actor, Action::Evaluate(&space)).is_ok()
            && proposal.state == "published",
        supporting_open: phase_open(&phases, &["supporting"]),
        commenting_open: crate::comments::commenting_open(&phases),
        resident: policy::can(actor, Action::ParticipateAsResident(OrgId(process.org_id))).is_ok(),
        is_author,
        similar,
        process,
        phases,
        proposal,
    })
}

/// Published proposals of a process similar to a text, most similar first (at most five).
pub async fn similar(
    app: &App,
    process: i64,
    title: &str,
    body: &str,
    except: Option<i64>,
) -> Result<Vec<(i64, String, u32)>> {
    let me = format!("{title} {}", markdown::plain(body));
    let mut out: Vec<(i64, String, f64)> = app
        .store
        .proposal_texts(process)
        .await?
        .into_iter()
        .filter(|(id, _, _)| Some(*id) != except)
        .map(|(id, t, b)| {
            // Titles say what is proposed: they weigh more than the whole texts.
            let whole = engines::text::similarity(&me, &format!("{t} {}", markdown::plain(&b)));
            let s = 0.6 * engines::text::similarity(title, &t) + 0.4 * whole;
            (id, t, s)
        })
        .filter(|(_, _, s)| *s >= 0.15)
        .collect();
    out.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
    Ok(out
        .into_iter()
        .take(5)
        .map(|(id, t, s)| (id, t, (s * 100.0).round() as u32))
        .collect())
}

/// Changes a draft, or a published proposal within the edit window while nobody supports it.
pub async fn update(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &ProposalInput,
) -> Result<()> {
    let (p, _, prop) = load(app, actor, slug, id).await?;
    policy::can(actor, Action::EditOwn(UserId(prop.author_id)))?;
    let v = validate(input)?;
    let t = now();
    if !editable(&prop, t) {
        return Err(DomainError::Conflict("proposal-not-editable").into());
    }
    let mut tx = app.store.write().await?;
    let fields = ProposalFields {
        title: &v.title,
        body: &v.body,
        category: v.category,
        place: &v.place,
        cost: v.cost,
    };
    tx.update_proposal(id, &fields, t).await?;
    if prop.state == "published" {
        tx.proposal_event(id, t, "edited", None, "").await?;
        let text = markdown::plain(&v.body);
        search::index(
            &mut tx,
            "proposal",
            id,
            Some(p.id),
            &v.title,
            &text,
            &href(&p.slug, id),
        )
        .await?;
    }
    tx.audit(Event {
        at: t,
        actor: Some(prop.author_id),
        action: "proposal.edit",
        subject: format!("proposal:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Publishes a draft while the proposing phase is open.
pub async fn publish(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<()> {
    let (p, phases, prop) = load(app, actor, slug, id).await?;
    policy::can(actor, Action::EditOwn(UserId(prop.author_id)))?;
    if prop.state != "draft" {
        return Err(DomainError::Conflict("proposal-not-draft").into());
    }
    if !phase_open(&phases, &["proposing"]) {
        return Err(DomainError::Conflict("proposing-closed").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_proposal_state(id, "published", t).await?;
    tx.proposal_event(id, t, "published", Some("published"), "")
        .await?;
    let text = markdown::plain(&prop.body);
    search::index(
        &mut tx,
        "proposal",
        id,
        Some(p.id),
        &prop.title,
        &text,
        &href(&p.slug, id),
    )
    .await?;
    tx.set_follow(prop.author_id, "proposal", id, true, t)
        .await?;
    tx.notify_followers(
        &[("process", p.id)],
        Some(prop.author_id),
        "proposal-published",
        &prop.title,
        &href(&p.slug, id),
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: Some(prop.author_id),
        action: "proposal.publish",
        subject: format!("proposal:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Withdraws a published proposal that has not been accepted.
pub async fn withdraw(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<()> {
    let (_, _, prop) = load(app, actor, slug, id).await?;
    policy::can(actor, Action::EditOwn(UserId(prop.author_id)))?;
    if !withdrawable(&prop) {
        return Err(DomainError::Conflict("proposal-not-withdrawable").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_proposal_state(id, "withdrawn", t).await?;
    tx.proposal_event(id, t, "withdrawn", Some("withdrawn"), "")
        .await?;
    tx.audit(Event {
        at: t,
        actor: Some(prop.author_id),
        action: "proposal.withdraw",
        subject: format!("proposal:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Supports a published proposal while the supporting phase is open. Supporting twice is not an
/// error and counts once; the per-person limit is checked under the write lock.
pub async fn support(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let (p, phases, prop) = load(app, actor, slug, id).await?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    if prop.state != "published" {
        return Err(DomainError::Conflict("proposal-not-published").into());
    }
    if !phase_open(&phases, &["supporting"]) {
        return Err(DomainError::Conflict("supporting-closed").into());
    }
    crate::verification::require_resident(actor, p.org_id, p.verify_supporting == 1)?;
    let t = now();
    let mut tx = app.store.write().await?;
    if p.support_limit > 0 && tx.supports_of_user(user, p.id).await? >= p.support_limit {
        if app.store.supports(id, user).await? {
            return Ok(());
        }
        return Err(DomainError::Conflict("support-limit-reached").into());
    }
    if tx.support(id, p.id, user, t).await? {
        tx.audit(Event {
            at: t,
            actor: Some(user),
            action: "proposal.support",
            subject: format!("proposal:{id}"),
            details: json!({}),
        })
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Takes a support back while the supporting phase is open.
pub async fn unsupport(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let (_, phases, _) = load(app, actor, slug, id).await?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    if !phase_open(&phases, &["supporting"]) {
        return Err(DomainError::Conflict("supporting-closed").into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    if tx.unsupport(id, user).await? {
        tx.audit(Event {
            at: t,
            actor: Some(user),
            action: "proposal.unsupport",
            subject: format!("proposal:{id}"),
            details: json!({}),
        })
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// The organisation's official answer; each answer is kept in the history.
pub async fn answer(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &AnswerInput,
) -> Result<()> {
    let (p, _, prop) = load(app, actor, slug, id).await?;
    policy::can(
        actor,
        Action::Evaluate(&crate::spaces::space_of(app, &p).await?),
    )?;
    if prop.state != "published" {
        return Err(DomainError::Conflict("proposal-not-published").into());
    }
    let mut errors = Errors::new();
    let answer = errors.take(Answer::parse(&input.answer));
    let text = errors.take(
        parse_text("answer_text", &input.answer_text, 5000).and_then(|t| {
            if t.chars().count() < 10 {
                Err(FieldError::new("answer_text", "answer-text-short"))
            } else {
                Ok(t)
            }
        }),
    );
    errors.finish()?;
    let (Some(answer), Some(text)) = (answer, text) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.answer_proposal(id, answer.code(), &text, t).await?;
    tx.proposal_event(id, t, "answered", Some(answer.code()), &text)
        .await?;
    tx.notify_followers(
        &[("proposal", id)],
        actor.user.map(|u| u.0),
        "proposal-answered",
        &prop.title,
        &href(&p.slug, id),
        t,
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "proposal.answer",
        subject: format!("proposal:{id}"),
        details: json!({"answer": answer.code()}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What the list of proposals shows.
pub struct ProposalList {
    pub process: ProcessRow,
    pub phases: Vec<PhaseRow>,
    pub proposals: Vec<ProposalRow>,
    pub total: i64,
    pub categories: Vec<(String, i64)>,
    pub drafts: Vec<ProposalRow>,
    pub proposing_open: bool,
    pub supporting_open: bool,
}

/// Published proposals of a process, filtered; `q` narrows by text through the search index.
pub async fn list(
    app: &App,
    actor: &Actor,
    slug: &str,
    mut filter: ProposalFilter,
    q: &str,
) -> Result<ProposalList> {
    let (process, phases, _) = crate::participation::view(app, actor, slug).await?;
    // Every proposal holding the words: the list orders and pages them like any other.
    filter.words = engines::text::query_terms(q);
    let (proposals, total) = app.store.proposals(process.id, &filter).await?;
    let drafts = match actor.user {
        Some(u) => app.store.drafts_of(process.id, u.0).await?,
        None => vec![],
    };
    Ok(ProposalList {
        categories: app.store.proposal_categories(process.id).await?,
        proposing_open: phase_open(&phases, &["proposing"]),
        supporting_open: phase_open(&phases, &["supporting"]),
        drafts,
        proposals,
        total,
        process,
        phases,
    })
}
