//! Proposals of a process: the list with filters, the form (new and edit), a proposal with its
//! supports, official answer, history and comment threads; the search page.

use super::{keyed, notice, page, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::amendments::AmendmentInput;
use app::comments::{self, CommentInput};
use app::proposals::{self as props, AnswerInput, ProposalInput, ProposalView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use domain::participation::{Answer, Category};
use store::proposals::ProposalFilter;

pub const PER_PAGE: i64 = 20;

fn categories() -> Vec<(&'static str, String)> {
    keyed(Category::ALL, Category::code, "category-")
}

fn answers() -> Vec<(&'static str, String)> {
    keyed(Answer::ALL, Answer::code, "answer-")
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub q: String,
    pub category: String,
    pub answer: String,
    pub order: String,
    pub withdrawn: String,
    pub page: String,
}

#[derive(Template)]
#[template(path = "proposals.html")]
struct ListPage {
    c: Ctx,
    list: props::ProposalList,
    query: ListQuery,
    page: i64,
    pages: i64,
    categories: Vec<(&'static str, String)>,
    answers: Vec<(&'static str, String)>,
    orders: [&'static str; 4],
}

impl ListPage {
    fn page_url(&self, page: i64) -> String {
        let q = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.query.q)
            .append_pair("category", &self.query.category)
            .append_pair("answer", &self.query.answer)
            .append_pair("order", &self.query.order)
            .append_pair("withdrawn", &self.query.withdrawn)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/processes/{}/proposals?{q}", self.list.process.slug)
    }

    fn cat_count(&self, code: &str) -> i64 {
        self.list
            .categories
            .iter()
            .find(|(k, _)| k == code)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

/// The filters of a list; unknown values are ignored, so a shared address never breaks.
pub fn filter_of(q: &ListQuery, page: i64) -> ProposalFilter {
    ProposalFilter {
        category: Category::parse(&q.category)
            .ok()
            .map(|c| c.code().to_owned()),
        answer: if q.answer == "none" {
            Some("none".into())
        } else {
            Answer::parse(&q.answer).ok().map(|a| a.code().to_owned())
        },
        withdrawn: q.withdrawn == "1",
        words: vec![],
        order: match q.order.as_str() {
            o @ ("supports" | "comments" | "oldest") => o.to_owned(),
            _ => "recent".into(),
        },
        limit: PER_PAGE,
        offset: (page - 1) * PER_PAGE,
    }
}

pub async fn list(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<ListQuery>,
) -> WebResult {
    let page_no = query
        .page
        .trim()
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, 100_000);
    let list = props::list(&app, &c.actor, &slug, filter_of(&query, page_no), &query.q).await?;
    let pages = ((list.total + PER_PAGE - 1) / PER_PAGE).max(1);
    page(ListPage {
        c,
        list,
        query,
        page: page_no,
        pages,
        categories: categories(),
        answers: answers(),
        orders: ["recent", "supports", "comments", "oldest"],
    })
}

#[derive(Template)]
#[template(path = "proposal_form.html")]
struct FormPage {
    c: Ctx,
    process_slug: String,
    process_title: String,
    action: String,
    editing: bool,
    form: ProposalInput,
    errors: FormErrors,
    categories: Vec<(&'static str, String)>,
    /// Meetings of the process a new proposal may say it was born in: `(id, title)`.
    meetings: Vec<(i64, String)>,
}

async fn form_page(
    app: &App,
    c: Ctx,
    slug: &str,
    edit: Option<i64>,
    form: ProposalInput,
    errors: FormErrors,
) -> WebResult {
    let (p, _, _) = app::participation::view(app, &c.actor, slug).await?;
    domain::policy::can(&c.actor, domain::policy::Action::Participate)?;
    let action = match edit {
        Some(id) => format!("/processes/{slug}/proposals/{id}/edit"),
        None => format!("/processes/{slug}/proposals"),
    };
    let meetings = if edit.is_none() {
        app.store
            .meetings(p.id)
            .await?
            .into_iter()
            .map(|m| (m.id, m.title))
            .collect()
    } else {
        vec![]
    };
    page_status(
        errors.status(),
        FormPage {
            meetings,
            c,
            process_slug: p.slug,
            process_title: p.title,
            action,
            editing: edit.is_some(),
            form,
            errors,
            categories: categories(),
        },
    )
}

pub async fn new_form(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    form_page(
        &app,
        c,
        &slug,
        None,
        ProposalInput::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<ProposalInput>,
) -> WebResult {
    let done = props::create(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/proposals/{id}?notice=notice-draft-saved"),
        |errors| form_page(&app, c, &slug, None, f, errors),
    )
    .await
}

pub async fn edit_form(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let v = props::view(&app, &c.actor, &slug, id).await?;
    if !v.can_edit {
        return Err(domain::DomainError::Forbidden.into());
    }
    let form = ProposalInput::of(&v.proposal);
    form_page(&app, c, &slug, Some(id), form, FormErrors::default()).await
}

pub async fn update(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<ProposalInput>,
) -> WebResult {
    let done = props::update(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/proposals/{id}?notice=notice-saved"),
        |errors| form_page(&app, c, &slug, Some(id), f, errors),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ShowQuery {
    pub notice: Option<String>,
    pub page: String,
}

#[derive(Template)]
#[template(path = "proposal.html")]
struct ShowPage {
    c: Ctx,
    v: ProposalView,
    body_html: String,
    comments_html: String,
    notice: &'static str,
    errors: FormErrors,
    answer: AnswerInput,
    amendment: AmendmentInput,
    answers: Vec<(&'static str, String)>,
    reasons: [&'static str; 5],
}

impl ShowPage {
    fn reason_key(&self, r: &str) -> String {
        format!("report-reason-{r}")
    }

    fn href(&self) -> String {
        format!(
            "/processes/{}/proposals/{}",
            self.v.process.slug, self.v.proposal.id
        )
    }

    fn answer_key(&self) -> String {
        format!(
            "answer-{}",
            self.v.proposal.answer.as_deref().unwrap_or("none")
        )
    }

    fn threshold_reached(&self) -> bool {
        self.v.process.support_threshold > 0
            && self.v.proposal.supports >= self.v.process.support_threshold
    }

    fn category_key(&self) -> String {
        format!("category-{}", self.v.proposal.category)
    }

    fn missing(&self) -> i64 {
        (self.v.process.support_threshold - self.v.proposal.supports).max(0)
    }

    fn progress(&self) -> i64 {
        self.v
            .proposal
            .supports
            .min(self.v.process.support_threshold)
    }

    fn event_key(&self, kind: &str, state: &Option<String>) -> String {
        match (kind, state) {
            ("answered", Some(s)) => format!("answer-{s}"),
            (k, _) => format!("event-{k}"),
        }
    }

    fn amendment_key(&self, state: &str) -> String {
        format!("amendment-{state}")
    }

    fn render(&self, body: &str) -> String {
        app::markdown::render(body)
    }
}

/// What was typed in the forms of a proposal's page, to show again with the errors.
#[derive(Default)]
struct Typed {
    comment: CommentInput,
    answer: AnswerInput,
    amendment: AmendmentInput,
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    page_no: i64,
    notice: &'static str,
    errors: FormErrors,
    typed: Typed,
) -> WebResult {
    let Typed {
        comment,
        answer,
        amendment,
    } = typed;
    let v = props::view(app, &c.actor, slug, id).await?;
    let comments_html = super::comments::block(
        app,
        &c,
        super::comments::Section {
            on: comments::On::Proposal(id),
            slug,
            page: page_no,
            open: v.commenting_open && v.proposal.state == "published",
            closed_key: "commenting-closed",
            can_moderate: v.can_moderate,
            comment: &comment,
            errors: &errors,
        },
    )
    .await?;
    let body_html = app::markdown::render(&v.proposal.body);
    page_status(
        errors.status(),
        ShowPage {
            c,
            v,
            body_html,
            comments_html,
            notice,
            errors,
            answer,
            amendment,
            answers: answers(),
            reasons: app::moderation::REASONS,
        },
    )
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    let page_no = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 100_000);
    let n = notice(q.notice.as_deref());
    show_page(
        &app,
        c,
        &slug,
        id,
        page_no,
        n,
        FormErrors::default(),
        Typed::default(),
    )
    .await
}

/// Runs a state change of a proposal and comes back to its page with a notice, or shows the
/// page again with the reason.
async fn act(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    result: app::Result<()>,
    ok_notice: &str,
) -> WebResult {
    redirect_or_again(
        result,
        |()| format!("/processes/{slug}/proposals/{id}?notice={ok_notice}"),
        |errors| show_page(app, c, slug, id, 1, "", errors, Typed::default()),
    )
    .await
}

pub async fn publish(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let r = props::publish(&app, &c.actor, &slug, id).await;
    act(&app, c, &slug, id, r, "notice-published").await
}

pub async fn withdraw(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let r = props::withdraw(&app, &c.actor, &slug, id).await;
    act(&app, c, &slug, id, r, "notice-withdrawn").await
}

pub async fn support(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let r = props::support(&app, &c.actor, &slug, id).await;
    act(&app, c, &slug, id, r, "notice-supported").await
}

pub async fn unsupport(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let r = props::unsupport(&app, &c.actor, &slug, id).await;
    act(&app, c, &slug, id, r, "notice-unsupported").await
}

pub async fn answer(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<AnswerInput>,
) -> WebResult {
    let done = props::answer(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/proposals/{id}?notice=notice-answered"),
        |errors| {
            show_page(
                &app,
                c,
                &slug,
                id,
                1,
                "",
                errors,
                Typed {
                    answer: f,
                    ..Typed::default()
                },
            )
        },
    )
    .await
}

/// A proposal's page again with a refused comment.
pub async fn show_with(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    errors: FormErrors,
    comment: CommentInput,
) -> WebResult {
    let typed = Typed {
        comment,
        ..Typed::default()
    };
    show_page(app, c, slug, id, 1, "", errors, typed).await
}

/// Proposes an amendment.
pub async fn amend(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<AmendmentInput>,
) -> WebResult {
    let done = app::amendments::propose(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |aid| format!("/processes/{slug}/proposals/{id}?notice=notice-amendment#amendment-{aid}"),
        |errors| {
            let typed = Typed {
                amendment: f,
                ..Typed::default()
            };
            show_page(&app, c, &slug, id, 1, "", errors, typed)
        },
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DecideForm {
    pub decision: String,
}

/// The author accepts or rejects an amendment.
pub async fn decide_amendment(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, aid)): Path<(String, i64, i64)>,
    Form(f): Form<DecideForm>,
) -> WebResult {
    let r = match f.decision.as_str() {
        "accept" => app::amendments::decide(&app, &c.actor, &slug, id, aid, true).await,
        "reject" => app::amendments::decide(&app, &c.actor, &slug, id, aid, false).await,
        _ => Err(domain::DomainError::invalid("decision", "amendment-decision-invalid").into()),
    };
    act(&app, c, &slug, id, r, "notice-saved").await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct EndorseForm {
    pub org: i64,
}

/// Endorses on behalf of an organisation.
pub async fn endorse(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<EndorseForm>,
) -> WebResult {
    let r = app::amendments::endorse(&app, &c.actor, &slug, id, f.org).await;
    act(&app, c, &slug, id, r, "notice-endorsed").await
}

pub async fn comment(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CommentInput>,
) -> WebResult {
    let done = comments::add(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |cid| format!("/processes/{slug}/proposals/{id}?notice=notice-commented#comment-{cid}"),
        |errors| show_with(&app, c, &slug, id, errors, f),
    )
    .await
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    c: Ctx,
    q: String,
    kind: String,
    results: app::search::Results,
    page: i64,
    pages: i64,
    kinds: &'static [&'static str],
}

impl SearchPage {
    fn page_url(&self, page: i64) -> String {
        let q = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("kind", &self.kind)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/search?{q}")
    }

    fn kind_url(&self, kind: &str) -> String {
        let q = form_urlencoded::Serializer::new(String::new())
            .append_pair("q", &self.q)
            .append_pair("kind", kind)
            .finish();
        format!("/search?{q}")
    }

    fn facet(&self, kind: &str) -> i64 {
        self.results
            .facets
            .iter()
            .find(|(k, _)| k == kind)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub kind: String,
    pub page: String,
}

pub async fn search(State(app): State<App>, c: Ctx, Query(q): Query<SearchQuery>) -> WebResult {
    let page_no = q.page.trim().parse::<i64>().unwrap_or(1).clamp(1, 10_000);
    let text: String = q.q.chars().take(200).collect();
    let kind = (!q.kind.is_empty()).then_some(q.kind.as_str());
    let results = app::search::search(&app, &text, kind, page_no).await?;
    let pages = ((results.total + app::search::PAGE - 1) / app::search::PAGE).max(1);
    page(SearchPage {
        c,
        q: text,
        kind: if app::search::KINDS.contains(&q.kind.as_str()) {
            q.kind
        } else {
            String::new()
        },
        results,
        page: page_no,
        pages,
        kinds: app::search::KINDS,
    })
}
