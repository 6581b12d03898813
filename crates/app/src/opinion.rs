//! Opinion maps on the platform: a facilitator puts a question to a process and seeds statements;
//! participants vote agree / disagree / pass one statement at a time, in the routing order of the
//! last computation, and may submit statements (held for a moderator when the map is strict).
//! Votes ask for a recomputation, run by the worker at most every few seconds and never blocking a
//! vote; it continues from the stored engine state, so a restart changes nothing. The result —
//! groups, representative and consensus statements, bridging, base clusters — is stored for the
//! pages.

use crate::{App, Result, now};
use domain::DomainError;
use domain::error::FieldError;
use domain::organisations::parse_text;
use domain::policy::{self, Action, Actor};
use engines::opinion::map;
use engines::opinion::matrix::VoteMatrix;
use engines::opinion::state::State;
use engines::opinion::{bridging, routing, stats};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{BTreeSet, HashMap};
use store::audit::Event;
use store::opinion::{MapRow, StatementRow};
use store::participation::ProcessRow;

/// The job kind that recomputes a map.
pub const RECOMPUTE_JOB: &str = "opinion.recompute";
/// Seconds a recomputation waits after the vote that asked for it (votes meanwhile join it).
pub const THROTTLE: i64 = 10;
/// Representative statements per group and consensus statements shown.
const PICK: usize = 5;

/// What a facilitator typed in the map form.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MapInput {
    /// Named `map_title` in forms (the process page has other titles).
    #[serde(alias = "map_title")]
    pub title: String,
    pub question: String,
    /// `strict` or `lenient`.
    pub moderation: String,
}

/// A representative statement of a group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rep {
    pub statement: i64,
    /// `agree` or `disagree`.
    pub direction: String,
    /// Share of the group voting that way, in percent.
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub id: usize,
    pub members: usize,
    pub representative: Vec<Rep>,
}

/// A base cluster for the picture: its centre, its members and their group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Base {
    pub x: f64,
    pub y: f64,
    pub size: usize,
    pub group: usize,
}

/// What the last computation found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapResult {
    pub votes: usize,
    pub participants: usize,
    /// Participants placed on the map.
    pub placed: usize,
    pub groups: Vec<Group>,
    pub consensus_agree: Vec<i64>,
    pub consensus_disagree: Vec<i64>,
    /// Statements by bridging score, best first: `(statement, score)`.
    pub bridging: Vec<(i64, f64)>,
    /// Routing priority per statement.
    pub priorities: Vec<(i64, f64)>,
    pub bases: Vec<Base>,
    /// Participant → position, for showing each their own place.
    pub positions: HashMap<i64, [f64; 2]>,
    /// Participant → group.
    pub membership: HashMap<i64, usize>,
}

/// A map as a reader sees it.
pub struct MapView {
    pub process: ProcessRow,
    pub map: MapRow,
    /// Accepted statements.
    pub statements: Vec<StatementRow>,
    /// Statements waiting for a moderator (only for those who moderate).
    pub pending: Vec<StatementRow>,
    /// The reader's votes: statement → vote.
    pub mine: HashMap<i64, i64>,
    pub result: Option<MapResult>,
    /// `(agree, disagree, pass)` per statement.
    pub counts: HashMap<i64, (i64, i64, i64)>,
    pub can_facilitate: bool,
    pub can_moderate: bool,
    /// May vote and submit statements now.
    pub can_take_part: bool,
}

impl MapView {
    pub fn text_of(&self, id: i64) -> String {
        self.statements
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }

    /// The statement to show the reader next: new statements (not yet in a computation) first,
    /// then by routing priority, then by id.
    pub fn next(&self) -> Option<&StatementRow> {
        let priority: HashMap<i64, f64> = self
            .result
            .as_ref()
            .map(|r| r.priorities.iter().copied().collect())
            .unwrap_or_default();
        self.statements
            .iter()
            .filter(|s| !self.mine.contains_key(&s.id))
            .min_by(|a, b| {
                let pa = priority.get(&a.id).copied().unwrap_or(f64::INFINITY);
                let pb = priority.get(&b.id).copied().unwrap_or(f64::INFINITY);
                pb.total_cmp(&pa).then(a.id.cmp(&b.id))
            })
    }
}

fn text(
    field: &'static str,
    raw: &str,
    min: usize,
    max: usize,
) -> std::result::Result<String, FieldError> {
    let t = parse_text(field, raw, max)?;
    if t.chars().count() < min {
        return Err(FieldError::new(field, "text-required"));
    }
    Ok(t)
}

/// Creates a map in process `slug` (those who manage the space).
pub async fn create(app: &App, actor: &Actor, slug: &str, input: &MapInput) -> Result<i64> {
    let (p, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    if !can_manage {
        return Err(DomainError::Forbidden.into());
    }
    let mut errors = domain::error::Errors::new();
    let title = errors.take(text("map_title", &input.title, 5, 200));
    let question = errors.take(text("question", &input.question, 10, 1000));
    let strict = match input.moderation.trim() {
        "strict" | "" => Some(true),
        "lenient" => Some(false),
        _ => {
            errors.push(FieldError::new("moderation", "opinion-moderation-invalid"));
            None
        }
    };
    errors.finish()?;
    let (Some(title), Some(question), Some(strict)) = (title, question, strict) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_opinion_map(p.id, &title, &question, strict, t)
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "opinion.create",
        subject: format!("opinion:{id}"),
        details: json!({"process": p.id, "strict": strict}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A map and what the actor may do with it, without its votes or stored result (what the
/// writes need).
struct Loaded {
    process: ProcessRow,
    map: MapRow,
    can_facilitate: bool,
    can_moderate: bool,
    can_take_part: bool,
}

async fn load(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<Loaded> {
    let (process, _, _) = crate::participation::view(app, actor, slug).await?;
    let map = app
        .store
        .opinion_map(id)
        .await?
        .filter(|m| m.process_id == process.id)
        .ok_or(DomainError::NotFound)?;
    let space = crate::spaces::space_of(app, &process).await?;
    let can_facilitate = policy::can(actor, Action::Facilitate(&space)).is_ok();
    Ok(Loaded {
        can_moderate: can_facilitate || policy::can(actor, Action::ModerateSpace(&space)).is_ok(),
        can_take_part: map.closed_at.is_none()
            && policy::can(actor, Action::ParticipateIn(&space)).is_ok(),
        can_facilitate,
        process,
        map,
    })
}

/// A statement of map `id`, whatever its status.
async fn statement(app: &App, id: i64, statement: i64) -> Result<StatementRow> {
    Ok(app
        .store
        .statements(id)
        .await?
        .into_iter()
        .find(|s| s.id == statement)
        .ok_or(DomainError::NotFound)?)
}

/// A map of process `slug` as the actor may see it.
pub async fn view(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<MapView> {
    let Loaded {
        process,
        map,
        can_facilitate,
        can_moderate,
        can_take_part,
    } = load(app, actor, slug, id).await?;
    let all = app.store.statements(id).await?;
    let (statements, pending): (Vec<_>, Vec<_>) = all
        .into_iter()
        .filter(|s| s.status != "rejected")
        .partition(|s| s.status == "accepted");
    let mine = match actor.user {
        Some(u) => app
            .store
            .my_opinion_votes(id, u.0)
            .await?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    let (_, result) = app.store.opinion_computation(id).await?;
    Ok(MapView {
        result: result.and_then(|r| serde_json::from_str(&r).ok()),
        counts: app
            .store
            .statement_counts(id)
            .await?
            .into_iter()
            .map(|(s, a, d, p)| (s, (a, d, p)))
            .collect(),
        can_take_part,
        pending: if can_moderate { pending } else { vec![] },
        statements,
        mine,
        can_facilitate,
        can_moderate,
        process,
        map,
    })
}

/// Adds a statement: a facilitator's is accepted at once; a participant's waits for a moderator
/// on a strict map. Returns its id and status.
pub async fn add_statement(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    raw: &str,
) -> Result<(i64, &'static str)> {
    policy::can(actor, Action::Participate)?;
    let v = load(app, actor, slug, id).await?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let t_text = text("statement", raw, 10, 280).map_err(|e| DomainError::Invalid(vec![e]))?;
    if !v.can_take_part && !v.can_facilitate {
        return Err(DomainError::Conflict("opinion-closed").into());
    }
    if v.map.closed_at.is_some() {
        return Err(DomainError::Conflict("opinion-closed").into());
    }
    let folded = engines::text::fold(&t_text);
    let all = app.store.statements(id).await?;
    if all.iter().any(|s| engines::text::fold(&s.text) == folded) {
        return Err(DomainError::invalid("statement", "statement-duplicate").into());
    }
    let status = if v.can_facilitate || v.map.strict == 0 {
        "accepted"
    } else {
        "pending"
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let sid = tx
        .insert_statement(id, Some(user), &t_text, status, t)
        .await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "opinion.statement",
        subject: format!("opinion:{id}"),
        details: json!({"statement": sid, "status": status}),
    })
    .await?;
    tx.commit().await?;
    Ok((sid, status))
}

/// A moderator accepts or rejects a pending statement, or takes an accepted one out (its votes
/// then count for nothing, as Pol.is moderates out).
pub async fn moderate(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    statement: i64,
    accept: bool,
) -> Result<()> {
    let v = load(app, actor, slug, id).await?;
    if !v.can_moderate {
        return Err(DomainError::Forbidden.into());
    }
    let s = self::statement(app, id, statement).await?;
    let to = if accept { "accepted" } else { "rejected" };
    let t = now();
    let mut tx = app.store.write().await?;
    if !tx.set_statement_status(statement, &s.status, to).await? || s.status == to {
        return Err(DomainError::Conflict("statement-decided").into());
    }
    if s.status == "accepted" && tx.request_recompute(id, t + THROTTLE).await? {
        tx.enqueue(RECOMPUTE_JOB, &json!({"map": id}), t + THROTTLE, 5)
            .await?;
    }
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "opinion.moderate",
        subject: format!("opinion:{id}"),
        details: json!({"statement": statement, "status": to}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Votes on a statement: `1` agree, `-1` disagree, `0` pass; a second vote replaces the first.
pub async fn vote(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    statement: i64,
    raw: &str,
) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let value = match raw.trim() {
        "1" => 1,
        "-1" => -1,
        "0" => 0,
        _ => return Err(DomainError::invalid("vote", "opinion-vote-invalid").into()),
    };
    let v = load(app, actor, slug, id).await?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    if v.map.closed_at.is_some() {
        return Err(DomainError::Conflict("opinion-closed").into());
    }
    if !v.can_take_part {
        return Err(DomainError::Forbidden.into());
    }
    let s = self::statement(app, id, statement).await?;
    match s.status.as_str() {
        "accepted" => {}
        "rejected" => return Err(DomainError::Conflict("statement-moderated-out").into()),
        _ => return Err(DomainError::NotFound.into()),
    }
    let t = now();
    let mut tx = app.store.write().await?;
    tx.upsert_opinion_vote(id, statement, user, value, t)
        .await?;
    if tx.request_recompute(id, t + THROTTLE).await? {
        tx.enqueue(RECOMPUTE_JOB, &json!({"map": id}), t + THROTTLE, 5)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Closes a map: no more votes or statements (facilitators).
pub async fn close(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<()> {
    let v = load(app, actor, slug, id).await?;
    if !v.can_facilitate {
        return Err(DomainError::Forbidden.into());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    if !tx.close_opinion_map(id, t).await? {
        return Err(DomainError::Conflict("opinion-closed").into());
    }
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "opinion.close",
        subject: format!("opinion:{id}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The vote matrix of a map (moderated-out statements marked).
pub async fn matrix(app: &App, id: i64) -> Result<VoteMatrix> {
    let votes: Vec<(i64, i64, i8)> = app
        .store
        .opinion_votes(id)
        .await?
        .into_iter()
        .map(|(p, s, v)| (p, s, i8::try_from(v).unwrap_or(0)))
        .collect();
    let out: BTreeSet<i64> = app
        .store
        .statements(id)
        .await?
        .into_iter()
        .filter(|s| s.status == "rejected")
        .map(|s| s.id)
        .collect();
    Ok(VoteMatrix::from_votes(&votes, out))
}

/// Recomputes a map from its votes and its stored state, and stores the new state and result.
/// Too few votes for a map (fewer than 4 participants or 2 statements) store counts only.
pub async fn recompute(app: &App, id: i64) -> Result<MapResult> {
    let mut tx = app.store.write().await?;
    tx.clear_recompute(id).await?;
    tx.commit().await?;
    let m = matrix(app, id).await?;
    let (state_text, _) = app.store.opinion_computation(id).await?;
    let previous = state_text.and_then(|s| State::from_text(&s).ok());
    let mut result = MapResult {
        votes: m.vote_count(),
        participants: m.participants.len(),
        ..MapResult::default()
    };
    let mut state = previous.clone();
    if m.participants.len() >= 4 && m.statements.len() >= 2 {
        let (om, next) = map::update(&m, 0, previous.as_ref());
        result = describe(&m, &om, &next, result);
        state = Some(next);
    }
    let state = state.map(|s| s.to_text()).unwrap_or_default();
    let body =
        serde_json::to_string(&result).map_err(|e| crate::AppError::Internal(e.to_string()))?;
    let mut tx = app.store.write().await?;
    tx.save_computation(
        id,
        i64::try_from(result.votes).unwrap_or(i64::MAX),
        &state,
        &body,
        now(),
    )
    .await?;
    tx.commit().await?;
    Ok(result)
}

fn describe(m: &VoteMatrix, om: &map::OpinionMap, state: &State, mut r: MapResult) -> MapResult {
    let reps = stats::representative(m, &om.groups, PICK);
    let mut members = vec![0usize; om.k.max(1)];
    for g in om.groups.values() {
        if *g < members.len() {
            members[*g] += 1;
        }
    }
    r.groups = reps
        .iter()
        .enumerate()
        .map(|(g, list)| Group {
            id: g,
            members: members.get(g).copied().unwrap_or(0),
            representative: list
                .iter()
                .map(|x| Rep {
                    statement: x.statement,
                    direction: x.direction.code().to_owned(),
                    percent: (x.p_success * 100.0).round().clamp(0.0, 100.0) as u32,
                })
                .collect(),
        })
        .collect();
    let (agree, disagree) = stats::consensus(m, PICK);
    r.consensus_agree = agree;
    r.consensus_disagree = disagree;
    let mut b: Vec<(i64, f64)> = bridging::bridging(m, 0)
        .statements
        .iter()
        .map(|s| (s.statement, s.intercept))
        .collect();
    b.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    r.bridging = b;
    r.priorities = routing::priorities(m, &om.pca);
    r.placed = om.groups.len();
    // Base clusters: every placed participant joins the nearest centre; a centre takes the group
    // most of its members are in.
    let mut tally: Vec<(usize, HashMap<usize, usize>)> =
        vec![(0, HashMap::new()); state.base_centers.len()];
    for (row, p) in m.participants.iter().enumerate() {
        let Some(g) = om.groups.get(p) else { continue };
        let pos = om.positions[row];
        r.positions.insert(*p, pos);
        r.membership.insert(*p, *g);
        let nearest = state
            .base_centers
            .iter()
            .enumerate()
            .min_by(|a, b| dist(a.1, &pos).total_cmp(&dist(b.1, &pos)))
            .map(|(i, _)| i);
        if let Some(i) = nearest {
            tally[i].0 += 1;
            *tally[i].1.entry(*g).or_default() += 1;
        }
    }
    r.bases = state
        .base_centers
        .iter()
        .zip(tally)
        .filter(|(_, (n, _))| *n > 0)
        .map(|(c, (n, groups))| Base {
            x: c[0],
            y: c[1],
            size: n,
            group: groups
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(g, _)| g)
                .unwrap_or(0),
        })
        .collect();
    r
}

fn dist(a: &[f64; 2], b: &[f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// Runs a recomputation job's payload.
pub async fn run_job(app: &App, payload: &str) -> std::result::Result<(), String> {
    let id = serde_json::from_str::<serde_json::Value>(payload)
        .ok()
        .and_then(|v| v["map"].as_i64())
        .ok_or_else(|| format!("bad payload: {payload}"))?;
    recompute(app, id)
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The Pol.is export files of a map: `votes.csv` and `comments.csv`.
pub async fn export(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<(String, String)> {
    load(app, actor, slug, id).await?;
    let m = matrix(app, id).await?;
    Ok((
        engines::opinion::matrix::write_votes(&m),
        engines::opinion::matrix::write_comments(&m),
    ))
}

/// One row of the report: a statement, its shares of agree, disagree and pass (percent), its
/// votes, and the share of each group that agrees.
pub struct ReportRow {
    pub statement: StatementRow,
    pub agree: u32,
    pub disagree: u32,
    pub pass: u32,
    pub votes: i64,
    pub groups: Vec<u32>,
}

fn percent(part: i64, whole: i64) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part as f64 / whole as f64) * 100.0).round() as u32
    }
}

/// The report a facilitator hands to the municipality: every accepted statement with its votes,
/// overall and per group of the last computation.
pub async fn report(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
) -> Result<(MapView, Vec<ReportRow>)> {
    let v = view(app, actor, slug, id).await?;
    let groups = v.result.as_ref().map(|r| r.groups.len()).unwrap_or(0);
    // statement → per group (agree, voted), in one pass over the votes.
    let mut per: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
    if let Some(r) = &v.result {
        for (user, statement, vote) in app.store.opinion_votes(id).await? {
            if let Some(g) = r.membership.get(&user).filter(|g| **g < groups) {
                let cell = &mut per.entry(statement).or_insert_with(|| vec![(0, 0); groups])[*g];
                cell.1 += 1;
                if vote == 1 {
                    cell.0 += 1;
                }
            }
        }
    }
    let rows = v
        .statements
        .iter()
        .map(|s| {
            let (a, d, p) = v.counts.get(&s.id).copied().unwrap_or((0, 0, 0));
            let n = a + d + p;
            ReportRow {
                statement: s.clone(),
                agree: percent(a, n),
                disagree: percent(d, n),
                pass: percent(p, n),
                votes: n,
                groups: per
                    .get(&s.id)
                    .map(|g| {
                        g.iter()
                            .map(|(agree, seen)| percent(*agree, *seen))
                            .collect()
                    })
                    .unwrap_or_else(|| vec![0; groups]),
            }
        })
        .collect();
    Ok((v, rows))
}
