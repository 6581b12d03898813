//! The comment threads every commented page shows (proposals, debates, meetings, results), and the
//! forms that add a comment or vote on one. A comment refused comes back on its page with the
//! reason next to the field and the text as typed.

use super::redirect_or_again;
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebError, WebResult};
use app::App;
use app::comments::{self, CommentInput, On, Thread};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};

#[derive(Template)]
#[template(path = "comments_block.html")]
struct Block<'a> {
    c: &'a Ctx,
    threads: Vec<Thread>,
    count: i64,
    page: i64,
    pages: i64,
    href: String,
    open: bool,
    closed_key: &'static str,
    can_moderate: bool,
    comment: &'a CommentInput,
    errors: &'a FormErrors,
    reasons: [&'static str; 5],
}

impl Block<'_> {
    fn reason_key(&self, r: &str) -> String {
        format!("report-reason-{r}")
    }

    fn alignment_key(&self, a: &i64) -> &'static str {
        match a {
            1 => "alignment-for",
            -1 => "alignment-against",
            _ => "alignment-neutral",
        }
    }

    fn mine(&self, author: &i64) -> bool {
        self.c.actor.user.map(|u| u.0) == Some(*author)
    }
}

/// How a page shows its threads.
pub struct Section<'a> {
    pub on: On,
    pub slug: &'a str,
    pub page: i64,
    /// Comments are taken now; otherwise `closed_key` says why not.
    pub open: bool,
    pub closed_key: &'static str,
    pub can_moderate: bool,
    pub comment: &'a CommentInput,
    pub errors: &'a FormErrors,
}

/// The threads section of a page, rendered.
pub async fn block(app: &App, c: &Ctx, s: Section<'_>) -> Result<String, WebError> {
    let (threads, count) = comments::threads_on(app, s.on, s.page).await?;
    let pages = ((count + comments::PAGE - 1) / comments::PAGE).max(1);
    let html = Block {
        c,
        threads,
        count,
        page: s.page,
        pages,
        href: s.on.href(s.slug),
        open: s.open,
        closed_key: s.closed_key,
        can_moderate: s.can_moderate,
        comment: s.comment,
        errors: s.errors,
        reasons: app::moderation::REASONS,
    }
    .render()
    .map_err(WebError::internal)?;
    Ok(html)
}

/// Whether the reader moderates the space of `process`.
pub async fn can_moderate(
    app: &App,
    c: &Ctx,
    process: &store::participation::ProcessRow,
) -> Result<bool, WebError> {
    let space = app::spaces::space_of(app, process).await?;
    Ok(domain::policy::can(&c.actor, domain::policy::Action::ModerateSpace(&space)).is_ok())
}

/// Shows the page of a commented thing again with a refused comment.
async fn host(
    app: &App,
    c: Ctx,
    slug: &str,
    on: On,
    errors: FormErrors,
    comment: CommentInput,
) -> WebResult {
    match on {
        On::Proposal(id) => super::proposals::show_with(app, c, slug, id, errors, comment).await,
        On::Debate(id) => {
            super::debates::show_page(app, c, slug, id, "", errors, comment, String::new()).await
        }
        On::Meeting(id) => super::meetings::show_with(app, c, slug, id, errors, comment).await,
        On::Result(id) => super::results::show_with(app, c, slug, id, errors, comment).await,
    }
}

async fn add(app: App, c: Ctx, slug: String, on: On, f: CommentInput) -> WebResult {
    let done = comments::add_on(&app, &c.actor, &slug, on, &f).await;
    redirect_or_again(
        done,
        |cid| format!("{}#comment-{cid}", on.href(&slug)),
        |errors| host(&app, c, &slug, on, errors, f),
    )
    .await
}

pub async fn on_debate(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CommentInput>,
) -> WebResult {
    add(app, c, slug, On::Debate(id), f).await
}

pub async fn on_meeting(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CommentInput>,
) -> WebResult {
    add(app, c, slug, On::Meeting(id), f).await
}

pub async fn on_result(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CommentInput>,
) -> WebResult {
    add(app, c, slug, On::Result(id), f).await
}

#[derive(serde::Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    pub value: String,
}

/// Votes on a comment of the thing in the address.
async fn vote(app: App, c: Ctx, slug: String, on: On, cid: i64, value: &str) -> WebResult {
    let value = match value {
        "1" => 1,
        "-1" => -1,
        "0" => 0,
        _ => 2,
    };
    match app.store.comment(cid).await? {
        Some((_, kind, subject)) if kind == on.kind() && subject == on.id() => {}
        _ => return Err(domain::DomainError::NotFound.into()),
    }
    let done = comments::vote(&app, &c.actor, &slug, cid, value).await;
    redirect_or_again(
        done,
        |()| format!("{}#comment-{cid}", on.href(&slug)),
        |errors| host(&app, c, &slug, on, errors, CommentInput::default()),
    )
    .await
}

pub async fn vote_proposal(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, cid)): Path<(String, i64, i64)>,
    Form(f): Form<VoteForm>,
) -> WebResult {
    vote(app, c, slug, On::Proposal(id), cid, &f.value).await
}

pub async fn vote_debate(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, cid)): Path<(String, i64, i64)>,
    Form(f): Form<VoteForm>,
) -> WebResult {
    vote(app, c, slug, On::Debate(id), cid, &f.value).await
}

pub async fn vote_meeting(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, cid)): Path<(String, i64, i64)>,
    Form(f): Form<VoteForm>,
) -> WebResult {
    vote(app, c, slug, On::Meeting(id), cid, &f.value).await
}

pub async fn vote_result(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id, cid)): Path<(String, i64, i64)>,
    Form(f): Form<VoteForm>,
) -> WebResult {
    vote(app, c, slug, On::Result(id), cid, &f.value).await
}
