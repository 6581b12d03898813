//! Surveys of a process: the list and the organisers' forms, the answer form (every question kind
//! works without JavaScript), results with SVG charts and data tables, and the staff's CSV.

use super::{notice, page, page_status, redirect_or_again, see_other};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebResult};
use app::App;
use app::surveys::{self as surv, QuestionInput, QuestionResult, SurveyInput, SurveyView};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::IntoResponse;
use store::participation::ProcessRow;
use store::surveys::{QuestionRow, SurveyRow};

#[derive(Template)]
#[template(path = "surveys.html")]
struct ListPage {
    c: Ctx,
    process: ProcessRow,
    surveys: Vec<SurveyRow>,
    can_manage: bool,
    form: SurveyInput,
    errors: FormErrors,
}

async fn list_page(
    app: &App,
    c: Ctx,
    slug: &str,
    form: SurveyInput,
    errors: FormErrors,
) -> WebResult {
    let (process, surveys, can_manage) = surv::list(app, &c.actor, slug).await?;
    page_status(
        errors.status(),
        ListPage {
            c,
            process,
            surveys,
            can_manage,
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
        SurveyInput::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn create(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<SurveyInput>,
) -> WebResult {
    let done = surv::create(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |id| format!("/processes/{slug}/surveys/{id}?notice=notice-created"),
        |errors| list_page(&app, c, &slug, f, errors),
    )
    .await
}

#[derive(Template)]
#[template(path = "survey.html")]
struct ShowPage {
    c: Ctx,
    v: SurveyView,
    notice: &'static str,
    errors: FormErrors,
    /// What the person typed, kept when the form comes back with errors.
    typed: Vec<(String, String)>,
    question: QuestionInput,
    kinds: [&'static str; 8],
}

impl ShowPage {
    fn href(&self) -> String {
        format!(
            "/processes/{}/surveys/{}",
            self.v.process.slug, self.v.survey.id
        )
    }

    fn name(&self, q: &QuestionRow) -> &'static str {
        surv::field(q)
    }

    fn sub(&self, q: &QuestionRow, i: &usize) -> String {
        format!("{}_{i}", surv::field(q))
    }

    fn is(&self, name: &str, value: &str) -> bool {
        self.typed.iter().any(|(k, v)| k == name && v == value)
    }

    fn typed_value(&self, name: &str) -> String {
        self.typed
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn scale(&self, q: &QuestionRow) -> Vec<usize> {
        if q.kind == "scale10" {
            (1..=10).collect()
        } else {
            (1..=5).collect()
        }
    }

    fn kind_key(&self, kind: &str) -> String {
        format!("question-kind-{kind}")
    }

    fn opts(&self, q: &QuestionRow) -> Vec<(usize, String)> {
        q.option_list()
            .into_iter()
            .map(str::to_owned)
            .enumerate()
            .collect()
    }

    fn rows(&self, q: &QuestionRow) -> Vec<(usize, String)> {
        q.row_list()
            .into_iter()
            .map(str::to_owned)
            .enumerate()
            .collect()
    }

    fn ranks(&self, q: &QuestionRow) -> Vec<usize> {
        (1..=q.option_list().len()).collect()
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
    typed: Vec<(String, String)>,
    question: QuestionInput,
) -> WebResult {
    let v = surv::view(app, &c.actor, slug, id).await?;
    page_status(
        errors.status(),
        ShowPage {
            c,
            v,
            notice,
            errors,
            typed,
            question,
            kinds: surv::KINDS,
        },
    )
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
        vec![],
        QuestionInput {
            kind: "single".into(),
            ..Default::default()
        },
    )
    .await
}

pub async fn answer(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(raw): Form<Vec<(String, String)>>,
) -> WebResult {
    let done = surv::respond(&app, &c.actor, &slug, id, &raw).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/surveys/{id}/results?notice=notice-answered-survey"),
        |errors| {
            show_page(
                &app,
                c,
                &slug,
                id,
                "",
                errors,
                raw,
                QuestionInput::default(),
            )
        },
    )
    .await
}

pub async fn add_question(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<QuestionInput>,
) -> WebResult {
    let done = surv::add_question(&app, &c.actor, &slug, id, &f).await;
    redirect_or_again(
        done,
        |()| format!("/processes/{slug}/surveys/{id}?notice=notice-saved"),
        |errors| show_page(&app, c, &slug, id, "", errors, vec![], f),
    )
    .await
}

pub async fn open(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    surv::set_open(&app, &c.actor, &slug, id, true).await?;
    see_other(&format!(
        "/processes/{slug}/surveys/{id}?notice=notice-saved"
    ))
}

pub async fn close(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    surv::set_open(&app, &c.actor, &slug, id, false).await?;
    see_other(&format!(
        "/processes/{slug}/surveys/{id}?notice=notice-saved"
    ))
}

/// A bar of a chart, with its place in the SVG.
pub struct Bar {
    pub label: String,
    pub value: i64,
    /// Width in pixels (the longest bar is 360).
    pub width: i64,
    pub y: usize,
}

#[derive(Template)]
#[template(path = "survey_results.html")]
struct ResultsPage {
    c: Ctx,
    v: SurveyView,
    results: Vec<(QuestionResult, Vec<Bar>)>,
    notice: &'static str,
}

impl ResultsPage {
    fn href(&self) -> String {
        format!(
            "/processes/{}/surveys/{}",
            self.v.process.slug, self.v.survey.id
        )
    }

    fn opts(&self, q: &QuestionRow) -> Vec<String> {
        q.option_list().into_iter().map(str::to_owned).collect()
    }

    fn height(&self, bars: &[Bar]) -> usize {
        bars.len() * 32 + 8
    }

    fn kind_key(&self, kind: &str) -> String {
        format!("question-kind-{kind}")
    }
}

fn bars(r: &QuestionResult) -> Vec<Bar> {
    let max = r.bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    r.bars
        .iter()
        .enumerate()
        .map(|(i, (label, value))| Bar {
            label: label.clone(),
            value: *value,
            width: value * 360 / max,
            y: i * 32 + 4,
        })
        .collect()
}

pub async fn results(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<ShowQuery>,
) -> WebResult {
    let (v, results) = surv::results(&app, &c.actor, &slug, id).await?;
    let results = results
        .into_iter()
        .map(|r| {
            let b = bars(&r);
            (r, b)
        })
        .collect();
    page(ResultsPage {
        c,
        v,
        results,
        notice: notice(q.notice.as_deref()),
    })
}

pub async fn csv(
    State(app): State<App>,
    c: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> WebResult {
    let body = surv::csv(&app, &c.actor, &slug, id).await?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"survey-{id}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}
