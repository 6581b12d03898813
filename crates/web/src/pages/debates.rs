//! Debates of a process: the list with the facilitators' form, a debate with its comments, and the
//! closing summary.

use super::{NoticeQuery, notice, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::comments::{CommentInput, On};
use app::debates::{self as deb, DebateInput};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use store::participation::ProcessRow;
use store::spaces::DebateRow;

#[derive(Template)]
#[template(path = "debates.html")]
struct ListPage {
    c: Ctx,
    process: ProcessRow,
    debates: Vec<DebateRow>,
    facilitates: bool,
    form: DebateInput,
    errors: FormErrors,
}

async fn list_page(
    app: &App,
    c: Ctx,
    slug: &str,
    form: DebateInput,
    errors: FormErrors,
) -> WebResult {
    let (process, debates, facilitates) = deb::list(app, &c.actor, slug).await?;
    page_status(
        errors.status(),
        ListPage {
            c,
            process,
            debates,
            facilitates,
            form,
            errors,
        },
    )
}

pub async fn list(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    list_page(
        &app,
        c,
        &slug,
        DebateInput::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn open(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<DebateInput>,
) -> WebResult {
    let done = deb::open(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/debates/{id}?notice=notice-created"),
        |errors| list_page(&app, c, &slug, f, errors),
    )
    .await
}

#[derive(Template)]
#[template(path = "debate.html")]
struct ShowPage {
    c: Ctx,
    process: ProcessRow,
    d: DebateRow,
    body_html: String,
    summary_html: String,
    facilitates: bool,
    following: bool,
    notice: &'static str,
    errors: FormErrors,
    summary: String,
    comments_html: String,
}

impl ShowPage {
    fn href(&self) -> String {
        format!("/processes/{}/debates/{}", self.process.slug, self.d.id)
    }
}

/// A debate's page; `comment` and `summary` are what was typed in a refused form.
#[allow(clippy::too_many_arguments)]
pub async fn show_page(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    notice: &'static str,
    errors: FormErrors,
    comment: CommentInput,
    summary: String,
) -> WebResult {
    let (process, d, facilitates) = deb::view(app, &c.actor, slug, id).await?;
    let comments_html = super::comments::block(
        app,
        &c,
        super::comments::Section {
            on: On::Debate(id),
            slug,
            page: 1,
            open: d.closed_at.is_none(),
            closed_key: "debate-closed",
            can_moderate: super::comments::can_moderate(app, &c, &process).await?,
            comment: &comment,
            errors: &errors,
        },
    )
    .await?;
    let following = app::notifications::follows(app, &c.actor, "debate", id).await?;
    page_status(
        errors.status(),
        ShowPage {
            body_html: app::markdown::render(&d.body),
            summary_html: app::markdown::render(&d.summary),
            c,
            process,
            d,
            facilitates,
            following,
            notice,
            errors,
            summary,
            comments_html,
        },
    )
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<NoticeQuery>,
) -> WebResult {
    let n = notice(q.notice.as_deref());
    show_page(
        &app,
        c,
        &slug,
        id,
        n,
        FormErrors::default(),
        CommentInput::default(),
        String::new(),
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CloseForm {
    pub summary: String,
}

pub async fn close(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CloseForm>,
) -> WebResult {
    let done = deb::close(&app, &c.actor, &slug, id, &f.summary).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/debates/{id}?notice=notice-saved"),
        |errors| {
            show_page(
                &app,
                c,
                &slug,
                id,
                "",
                errors,
                CommentInput::default(),
                f.summary,
            )
        },
    )
    .await
}
