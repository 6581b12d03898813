//! Results (accountability): the list with progress, a result with its proposals and dated
//! updates, and the organisers' forms.

use super::{notice, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::comments::{CommentInput, On};
use app::results::{self as res, ResultInput, ResultView, UpdateInput};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use store::participation::ProcessRow;
use store::results::ResultRow;

#[derive(Template)]
#[template(path = "results.html")]
struct ListPage {
    c: Ctx,
    process: ProcessRow,
    results: Vec<ResultRow>,
    linkable: Vec<(i64, String)>,
    can_manage: bool,
    form: ResultInput,
    picked: Vec<i64>,
    errors: FormErrors,
    notice: &'static str,
}

impl ListPage {
    fn status_key(&self, s: &str) -> String {
        format!("result-status-{s}")
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct NoticeOnly {
    pub notice: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn list_page(
    app: &App,
    c: Ctx,
    slug: &str,
    form: ResultInput,
    picked: Vec<i64>,
    errors: FormErrors,
    notice: &'static str,
) -> WebResult {
    let (process, results, linkable, can_manage) = res::list(app, &c.actor, slug).await?;
    page_status(
        errors.status(),
        ListPage {
            c,
            process,
            results,
            linkable,
            can_manage,
            form,
            picked,
            errors,
            notice,
        },
    )
}

pub async fn list(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Query(q): Query<NoticeOnly>,
) -> WebResult {
    let n = notice(q.notice.as_deref());
    list_page(
        &app,
        c,
        &slug,
        ResultInput::default(),
        vec![],
        FormErrors::default(),
        n,
    )
    .await
}

pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(raw): Form<Vec<(String, String)>>,
) -> WebResult {
    let get = |k: &str| {
        raw.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let form = ResultInput {
        title: get("title"),
        description: get("description"),
        proposals: String::new(),
    };
    let picked: Vec<i64> = raw
        .iter()
        .filter(|(k, _)| k == "proposal")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let done = res::create(&app, &c.actor, &slug, &form, &picked).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/results/{id}?notice=notice-created"),
        |errors| list_page(&app, c, &slug, form, picked, errors, ""),
    )
    .await
}

#[derive(Template)]
#[template(path = "result.html")]
struct ShowPage {
    c: Ctx,
    v: ResultView,
    form: UpdateInput,
    errors: FormErrors,
    notice: &'static str,
    statuses: [&'static str; 4],
    comments_html: String,
}

impl ShowPage {
    fn status_key(&self, s: &str) -> String {
        format!("result-status-{s}")
    }

    fn href(&self) -> String {
        format!(
            "/processes/{}/results/{}",
            self.v.process.slug, self.v.result.id
        )
    }
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    form: UpdateInput,
    errors: FormErrors,
    notice: &'static str,
    comment: CommentInput,
) -> WebResult {
    let v = res::view(app, &c.actor, slug, id).await?;
    let comments_html = super::comments::block(
        app,
        &c,
        super::comments::Section {
            on: On::Result(id),
            slug,
            page: 1,
            open: true,
            closed_key: "commenting-closed",
            can_moderate: super::comments::can_moderate(app, &c, &v.process).await?,
            comment: &comment,
            errors: &errors,
        },
    )
    .await?;
    page_status(
        errors.status(),
        ShowPage {
            c,
            v,
            form,
            errors,
            notice,
            statuses: res::STATUSES,
            comments_html,
        },
    )
}

/// A result's page again with a refused comment.
pub async fn show_with(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    errors: FormErrors,
    comment: CommentInput,
) -> WebResult {
    let v = res::view(app, &c.actor, slug, id).await?;
    let form = UpdateInput {
        status: v.result.status.clone(),
        progress: v.result.progress.to_string(),
        text: String::new(),
    };
    show_page(app, c, slug, id, form, errors, "", comment).await
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<NoticeOnly>,
) -> WebResult {
    let n = notice(q.notice.as_deref());
    let v = res::view(&app, &c.actor, &slug, id).await?;
    let form = UpdateInput {
        status: v.result.status.clone(),
        progress: v.result.progress.to_string(),
        text: String::new(),
    };
    show_page(
        &app,
        c,
        &slug,
        id,
        form,
        FormErrors::default(),
        n,
        CommentInput::default(),
    )
    .await
}

pub async fn update(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<UpdateInput>,
) -> WebResult {
    let done = res::update(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/results/{id}?notice=notice-saved"),
        |errors| show_page(&app, c, &slug, id, f, errors, "", CommentInput::default()),
    )
    .await
}
