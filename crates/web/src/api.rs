//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`
//! (a snapshot test keeps it honest). Errors use the envelope `{"errors":[{"code","detail"}]}`.

use crate::error::WebResult;
use crate::pages::organisations::{DirectoryQuery, filter_of};
use app::App;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use domain::DomainError;
use domain::policy::Actor;
use serde::Serialize;
use store::organisations::OrgRow;
use utoipa::{IntoParams, OpenApi, ToSchema};

const PER_PAGE: i64 = 50;

/// An organisation of the network.
#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    /// Stable, readable identifier used in addresses.
    pub slug: String,
    pub name: String,
    /// One of municipality, association, university, consortium, school, company, network.
    pub kind: String,
    pub description: String,
    pub website: Option<String>,
    pub territory: Option<String>,
    /// Address of the organisation's page.
    pub url: String,
}

impl From<OrgRow> for Organisation {
    fn from(o: OrgRow) -> Self {
        Self {
            url: format!("/organisations/{}", o.slug),
            slug: o.slug,
            name: o.name,
            kind: o.kind,
            description: o.description,
            website: o.website,
            territory: o.territory_name,
        }
    }
}

/// A territory (for municipalities).
#[derive(Debug, Serialize, ToSchema)]
pub struct Territory {
    pub name: String,
    /// ISTAT code of the municipality.
    pub istat_code: Option<String>,
    pub nuts3: Option<String>,
    pub population: Option<i64>,
}

/// A link between organisations or to a commitment, with its date (`YYYY-MM-DD`).
#[derive(Debug, Serialize, ToSchema)]
pub struct DatedLink {
    pub slug: String,
    pub name: String,
    pub date: String,
}

/// One organisation with its territory, networks, network members and signed commitments.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationDetail {
    #[serde(flatten)]
    pub organisation: Organisation,
    pub territory_detail: Option<Territory>,
    pub networks: Vec<DatedLink>,
    pub network_members: Vec<DatedLink>,
    pub commitments: Vec<DatedLink>,
}

/// A page of organisations.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationPage {
    pub items: Vec<Organisation>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorItem {
    pub code: String,
    pub detail: String,
}

/// The error envelope.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub errors: Vec<ErrorItem>,
}

/// The query of the list, for the OpenAPI document; the handler reads the same fields through
/// the directory's query type.
#[derive(Debug, serde::Deserialize, IntoParams)]
#[expect(dead_code, reason = "read only by the OpenAPI derive")]
struct ListParams {
    /// Words that must all appear (prefixes, diacritics ignored).
    q: Option<String>,
    /// Organisation kind.
    kind: Option<String>,
    /// Territory id.
    territory: Option<i64>,
    /// Page number, from 1.
    page: Option<i64>,
}

/// List organisations, filtered and paged, sorted by name.
#[utoipa::path(get, path = "/api/v1/organisations", params(ListParams),
    responses((status = 200, description = "A page of organisations", body = OrganisationPage)))]
pub async fn list(State(app): State<App>, Query(q): Query<DirectoryQuery>) -> WebResult {
    let filter = filter_of(&q);
    let page = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let (limit, offset) = store::paging(page, PER_PAGE);
    let (rows, total) = app.store.list_orgs(&filter, limit, offset).await?;
    let body = OrganisationPage {
        items: rows.into_iter().map(Organisation::from).collect(),
        total,
        page,
        per_page: PER_PAGE,
    };
    Ok(Json(body).into_response())
}

/// One organisation.
#[utoipa::path(get, path = "/api/v1/organisations/{slug}", params(("slug" = String, Path, description = "The organisation's slug")),
    responses((status = 200, description = "The organisation", body = OrganisationDetail),
              (status = 404, description = "No such organisation", body = ErrorEnvelope)))]
pub async fn one(State(app): State<App>, Path(slug): Path<String>) -> WebResult {
    let org = app
        .store
        .org_by_slug(&slug)
        .await?
        .ok_or(DomainError::NotFound)?;
    let territory_detail = match org.territory_id {
        Some(t) if org.kind == "municipality" => app.store.territory(t).await?.map(|t| Territory {
            name: t.name,
            istat_code: t.istat_code,
            nuts3: t.nuts3,
            population: t.population,
        }),
        _ => None,
    };
    let link = |l: store::networks::LinkedOrg| DatedLink {
        slug: l.slug,
        name: l.name,
        date: l.date,
    };
    let networks = app
        .store
        .networks_of(org.id)
        .await?
        .into_iter()
        .map(link)
        .collect();
    let network_members = app
        .store
        .network_members(org.id)
        .await?
        .into_iter()
        .map(link)
        .collect();
    let commitments = app
        .store
        .commitments_of(org.id)
        .await?
        .into_iter()
        .map(|(c, date)| DatedLink {
            slug: c.slug,
            name: c.title_en,
            date,
        })
        .collect();
    let body = OrganisationDetail {
        organisation: Organisation::from(org),
        territory_detail,
        networks,
        network_members,
        commitments,
    };
    Ok(Json(body).into_response())
}

/// A published participatory process with its phases.
#[derive(Debug, Serialize, ToSchema)]
pub struct Process {
    pub slug: String,
    pub title: String,
    /// consultation, co-design, participatory-budget, citizens-assembly or pact-programme.
    pub kind: String,
    /// The organisation that runs it (its slug).
    pub organisation: String,
    pub question: String,
    /// What the decision makers will do with the input.
    pub promise: String,
    /// inform, consult, involve, collaborate or empower.
    pub iap2: String,
    pub phases: Vec<Phase>,
    pub url: String,
}

/// A dated phase (`YYYY-MM-DD`, both days included).
#[derive(Debug, Serialize, ToSchema)]
pub struct Phase {
    pub kind: String,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
}

async fn process_json(
    app: &App,
    p: store::participation::ProcessRow,
) -> Result<Process, crate::error::WebError> {
    let phases = app
        .store
        .phases(p.id)
        .await?
        .into_iter()
        .map(|ph| Phase {
            kind: ph.kind,
            title: ph.title,
            starts_on: ph.starts_on,
            ends_on: ph.ends_on,
        })
        .collect();
    Ok(Process {
        url: format!("/processes/{}", p.slug),
        slug: p.slug,
        title: p.title,
        kind: p.kind,
        organisation: p.org_slug,
        question: p.question,
        promise: p.promise,
        iap2: p.iap2,
        phases,
    })
}

/// Published public participatory processes, newest first (private spaces never show here).
#[utoipa::path(get, path = "/api/v1/processes", responses((status = 200, description = "Published processes", body = [Process])))]
pub async fn processes(State(app): State<App>) -> WebResult {
    let mut out = Vec::new();
    for p in app::spaces::visible_processes(&app, &Actor::anonymous(), None).await? {
        out.push(process_json(&app, p).await?);
    }
    Ok(Json(out).into_response())
}

/// One published process.
#[utoipa::path(get, path = "/api/v1/processes/{slug}", params(("slug" = String, Path, description = "The process's slug")),
    responses((status = 200, description = "The process", body = Process),
              (status = 404, description = "No such published process", body = ErrorEnvelope)))]
pub async fn process(State(app): State<App>, Path(slug): Path<String>) -> WebResult {
    let p = app
        .store
        .process_by_slug(&slug)
        .await?
        .filter(|p| p.published_at.is_some() && p.private == 0)
        .ok_or(DomainError::NotFound)?;
    Ok(Json(process_json(&app, p).await?).into_response())
}

/// A published proposal.
#[derive(Debug, Serialize, ToSchema)]
pub struct Proposal {
    pub id: i64,
    pub title: String,
    /// Markdown, as the author wrote it.
    pub body: String,
    pub category: String,
    pub place: String,
    /// Estimated cost in whole euros.
    pub cost: Option<i64>,
    /// `published` or `withdrawn`.
    pub state: String,
    /// `evaluating`, `accepted`, `rejected`, `implemented`, or null.
    pub answer: Option<String>,
    pub answer_text: String,
    pub supports: i64,
    pub comments: i64,
    pub author: String,
    /// Unix seconds.
    pub published_at: Option<i64>,
    pub url: String,
}

fn proposal_json(slug: &str, p: store::proposals::ProposalRow) -> Proposal {
    Proposal {
        url: format!("/processes/{slug}/proposals/{}", p.id),
        id: p.id,
        title: p.title,
        body: p.body,
        category: p.category,
        place: p.place,
        cost: p.cost,
        state: p.state,
        answer: p.answer,
        answer_text: p.answer_text,
        supports: p.supports,
        comments: p.comments,
        author: p.author_name,
        published_at: p.published_at,
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProposalPage {
    pub items: Vec<Proposal>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The filters of the proposal list, for the OpenAPI document.
#[derive(Debug, serde::Deserialize, IntoParams)]
#[expect(dead_code, reason = "read only by the OpenAPI derive")]
struct ProposalParams {
    /// Words that must all appear (stems, diacritics ignored).
    q: Option<String>,
    /// A category code (`environment`, `mobility`, …).
    category: Option<String>,
    /// `none` or an answer code.
    answer: Option<String>,
    /// `recent` (default), `supports`, `comments`, `oldest`.
    order: Option<String>,
    /// `1` to include withdrawn proposals.
    withdrawn: Option<String>,
    /// Page number, from 1.
    page: Option<i64>,
}

/// The published proposals of a process, filtered, sorted and paged.
#[utoipa::path(get, path = "/api/v1/processes/{slug}/proposals",
    params(("slug" = String, Path, description = "The process's slug"), ProposalParams),
    responses((status = 200, description = "A page of proposals", body = ProposalPage),
        (status = 404, description = "No such published process", body = ErrorEnvelope)))]
pub async fn proposals(
    State(app): State<App>,
    Path(slug): Path<String>,
    Query(q): Query<crate::pages::proposals::ListQuery>,
) -> WebResult {
    let page = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let filter = crate::pages::proposals::filter_of(&q, page);
    let list = app::proposals::list(&app, &Actor::anonymous(), &slug, filter, &q.q).await?;
    let body = ProposalPage {
        items: list
            .proposals
            .into_iter()
            .map(|p| proposal_json(&slug, p))
            .collect(),
        total: list.total,
        page,
        per_page: crate::pages::proposals::PER_PAGE,
    };
    Ok(Json(body).into_response())
}

/// One published proposal.
#[utoipa::path(get, path = "/api/v1/processes/{slug}/proposals/{id}",
    params(("slug" = String, Path, description = "The process's slug"), ("id" = i64, Path, description = "The proposal's id")),
    responses((status = 200, description = "The proposal", body = Proposal),
        (status = 404, description = "No such published proposal", body = ErrorEnvelope)))]
pub async fn proposal(State(app): State<App>, Path((slug, id)): Path<(String, i64)>) -> WebResult {
    let v = app::proposals::view(&app, &Actor::anonymous(), &slug, id).await?;
    Ok(Json(proposal_json(&slug, v.proposal)).into_response())
}

/// A debate: an open question of a process, closed with a summary.
#[derive(Debug, Serialize, ToSchema)]
pub struct Debate {
    pub id: i64,
    pub title: String,
    /// Markdown, as the facilitator wrote it.
    pub body: String,
    /// `open` or `closed`.
    pub state: String,
    /// The closing summary (Markdown); empty while open.
    pub summary: String,
    pub comments: i64,
    /// Unix time of opening.
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub url: String,
}

/// The debates of a public process, open ones first.
#[utoipa::path(get, path = "/api/v1/processes/{slug}/debates",
    params(("slug" = String, Path, description = "The process's slug")),
    responses((status = 200, description = "The debates", body = [Debate]),
        (status = 404, description = "No such published process", body = ErrorEnvelope)))]
pub async fn debates(State(app): State<App>, Path(slug): Path<String>) -> WebResult {
    let (_, list, _) = app::debates::list(&app, &Actor::anonymous(), &slug).await?;
    let out: Vec<Debate> = list
        .into_iter()
        .map(|d| Debate {
            url: format!("/processes/{slug}/debates/{}", d.id),
            state: if d.closed_at.is_some() {
                "closed"
            } else {
                "open"
            }
            .into(),
            id: d.id,
            title: d.title,
            body: d.body,
            summary: d.summary,
            comments: d.comments,
            created_at: d.created_at,
            closed_at: d.closed_at,
        })
        .collect();
    Ok(Json(out).into_response())
}

/// A search hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    /// `process`, `proposal`, `debate`, `comment`, `meeting`, `result` or `organisation`.
    pub kind: String,
    pub id: i64,
    pub title: String,
    pub url: String,
    /// A short excerpt around the first matching word.
    pub snippet: String,
    pub score: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    pub total: i64,
    /// Hits per kind.
    pub kinds: std::collections::BTreeMap<String, i64>,
    pub page: i64,
}

#[derive(Debug, serde::Deserialize, IntoParams)]
#[expect(dead_code, reason = "read only by the OpenAPI derive")]
struct SearchParams {
    /// Words that must all appear (Italian and English stems, diacritics ignored).
    q: String,
    /// `process`, `proposal`, `comment` or `organisation`.
    kind: Option<String>,
    /// Page number, from 1.
    page: Option<i64>,
}

/// Full-text search over public content.
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams),
    responses((status = 200, description = "A page of hits, best first", body = SearchPage)))]
pub async fn search(
    State(app): State<App>,
    Query(q): Query<crate::pages::proposals::SearchQuery>,
) -> WebResult {
    let page = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 10_000);
    let text: String = q.q.chars().take(200).collect();
    let kind = (!q.kind.is_empty()).then_some(q.kind.as_str());
    let r = app::search::search(&app, &text, kind, page).await?;
    let items = r
        .hits
        .into_iter()
        .zip(r.snippets)
        .map(|(h, pieces)| SearchHit {
            kind: h.kind,
            id: h.item_id,
            title: h.title,
            url: h.href,
            snippet: pieces.into_iter().map(|(t, _)| t).collect(),
            score: h.score,
        })
        .collect();
    Ok(Json(SearchPage {
        items,
        total: r.total,
        kinds: r.facets.into_iter().collect(),
        page,
    })
    .into_response())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Learning City API",
        version = "1",
        description = "Open data of a learning-city network."
    ),
    paths(list, one, processes, process, proposals, proposal, debates, search),
    components(schemas(
        Organisation,
        OrganisationDetail,
        OrganisationPage,
        Territory,
        DatedLink,
        ErrorEnvelope,
        ErrorItem,
        Process,
        Phase,
        Proposal,
        ProposalPage,
        Debate,
        SearchHit,
        SearchPage
    ))
)]
pub struct ApiDoc;

/// The OpenAPI document, as served.
pub fn openapi_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

pub async fn openapi() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        openapi_json(),
    )
}
