//! Meetings of a process: the list, the organisers' form, a meeting with registration (and the
//! waiting list), attendance and minutes, and its iCalendar file.

use super::{keyed, notice, page, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::comments::{CommentInput, On};
use app::meetings::{self as meet, CloseInput, MeetingInput, MeetingView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use domain::participation::{MeetingKind, MeetingMethod};
use store::meetings::MeetingRow;
use store::participation::ProcessRow;

fn when(c: &Ctx, local: &str) -> String {
    match local.split_once('T') {
        Some((d, t)) => format!("{} {t}", c.date(d)),
        None => local.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "meetings.html")]
struct ListPage {
    c: Ctx,
    process: ProcessRow,
    meetings: Vec<MeetingRow>,
    can_manage: bool,
}

impl ListPage {
    fn when(&self, local: &str) -> String {
        when(&self.c, local)
    }
}

pub async fn list(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let (process, meetings, can_manage) = meet::list(&app, &c.actor, &slug).await?;
    page(ListPage {
        c,
        process,
        meetings,
        can_manage,
    })
}

#[derive(Template)]
#[template(path = "meeting_form.html")]
struct FormPage {
    c: Ctx,
    process: ProcessRow,
    form: MeetingInput,
    errors: FormErrors,
    kinds: Vec<(&'static str, String)>,
    methods: Vec<(&'static str, String)>,
}

async fn form_page(
    app: &App,
    c: Ctx,
    slug: &str,
    form: MeetingInput,
    errors: FormErrors,
) -> WebResult {
    let (process, _, can_manage) = meet::list(app, &c.actor, slug).await?;
    if !can_manage {
        return Err(domain::DomainError::Forbidden.into());
    }
    page_status(
        errors.status(),
        FormPage {
            c,
            process,
            form,
            errors,
            kinds: keyed(MeetingKind::ALL, MeetingKind::code, "meeting-kind-"),
            methods: keyed(MeetingMethod::ALL, MeetingMethod::code, "meeting-method-"),
        },
    )
}

pub async fn new_form(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let form = MeetingInput {
        kind: "in-person".into(),
        method: "workshop".into(),
        ..Default::default()
    };
    form_page(&app, c, &slug, form, FormErrors::default()).await
}

pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<MeetingInput>,
) -> WebResult {
    let done = meet::create(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/meetings/{id}?notice=notice-created"),
        |errors| form_page(&app, c, &slug, f, errors),
    )
    .await
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct ShowPage {
    c: Ctx,
    v: MeetingView,
    notice: &'static str,
    errors: FormErrors,
    close: CloseInput,
    comments_html: String,
    /// Proposals born in the meeting: `(id, title)`.
    born: Vec<(i64, String)>,
}

impl ShowPage {
    fn href(&self) -> String {
        format!(
            "/processes/{}/meetings/{}",
            self.v.process.slug, self.v.meeting.id
        )
    }

    fn when(&self, local: &str) -> String {
        when(&self.c, local)
    }

    fn kind_key(&self) -> String {
        format!("meeting-kind-{}", self.v.meeting.kind)
    }

    fn method_key(&self) -> String {
        format!("meeting-method-{}", self.v.meeting.method)
    }

    fn places_left(&self) -> i64 {
        (self.v.meeting.capacity - self.v.meeting.registered).max(0)
    }
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ShowQuery {
    pub notice: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn show_page(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    notice: &'static str,
    errors: FormErrors,
    close: CloseInput,
    comment: CommentInput,
) -> WebResult {
    let v = meet::view(app, &c.actor, slug, id).await?;
    let comments_html = super::comments::block(
        app,
        &c,
        super::comments::Section {
            on: On::Meeting(id),
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
    let born = app.store.meeting_proposals(id).await?;
    page_status(
        errors.status(),
        ShowPage {
            c,
            v,
            notice,
            errors,
            close,
            comments_html,
            born,
        },
    )
}

/// A meeting's page again with a refused comment.
pub async fn show_with(
    app: &App,
    c: Ctx,
    slug: &str,
    id: i64,
    errors: FormErrors,
    comment: CommentInput,
) -> WebResult {
    show_page(app, c, slug, id, "", errors, CloseInput::default(), comment).await
}

pub async fn show(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    let n = notice(q.notice.as_deref());
    show_page(
        &app,
        c,
        &slug,
        id,
        n,
        FormErrors::default(),
        CloseInput::default(),
        CommentInput::default(),
    )
    .await
}

pub async fn register(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let done = meet::register(&app, &c.actor, &slug, id).await;
    redirect_or_again(
        done,
        |status| {
            let n = if status == "waiting" {
                "notice-waiting"
            } else {
                "notice-registered"
            };
            format!("/processes/{slug}/meetings/{id}?notice={n}")
        },
        |errors| {
            let (close, comment) = (CloseInput::default(), CommentInput::default());
            show_page(&app, c, &slug, id, "", errors, close, comment)
        },
    )
    .await
}

pub async fn cancel(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let done = meet::cancel(&app, &c.actor, &slug, id).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/meetings/{id}?notice=notice-cancelled"),
        |errors| {
            show_page(
                &app,
                c,
                &slug,
                id,
                "",
                errors,
                CloseInput::default(),
                CommentInput::default(),
            )
        },
    )
    .await
}

pub async fn close(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<CloseInput>,
) -> WebResult {
    let done = meet::close(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/meetings/{id}?notice=notice-saved"),
        |errors| show_page(&app, c, &slug, id, "", errors, f, CommentInput::default()),
    )
    .await
}

pub async fn ics(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let v = meet::view(&app, &c.actor, &slug, id).await?;
    let body = meet::ical(&v, app.config.base_url.trim_end_matches('/'));
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"meeting-{id}.ics\""),
            ),
        ],
        body,
    )
        .into_response())
}
