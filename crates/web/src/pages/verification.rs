//! Residents' verification: the form a person fills in to verify against an organisation's
//! census, and the census page where its administrators upload the file.

use super::{page, page_status, redirect_or_again};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebError, WebResult};
use app::App;
use app::verification::{self as verif, Upload, VerifyInput};
use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use store::organisations::OrgRow;
use store::verification::CensusStats;

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage {
    c: Ctx,
    org: OrgRow,
    form: VerifyInput,
    errors: FormErrors,
    verified: bool,
    demo_codes: Vec<(&'static str, &'static str)>,
}

async fn verify_page(
    app: &App,
    c: Ctx,
    slug: &str,
    form: VerifyInput,
    errors: FormErrors,
) -> WebResult {
    domain::policy::can(&c.actor, domain::policy::Action::Participate)?;
    let org = app::organisations::by_slug(app, slug).await?;
    let verified = c
        .actor
        .verified
        .contains(&domain::organisations::OrgId(org.id));
    let demo_codes = if app.config.demo && org.slug == "comune-di-valdora" {
        app::demo::DEMO_CENSUS.to_vec()
    } else {
        vec![]
    };
    page_status(
        errors.status(),
        VerifyPage {
            c,
            org,
            form,
            errors,
            verified,
            demo_codes,
        },
    )
}

pub async fn verify_form(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    verify_page(
        &app,
        c,
        &slug,
        VerifyInput::default(),
        FormErrors::default(),
    )
    .await
}

pub async fn verify(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    Form(f): Form<VerifyInput>,
) -> WebResult {
    let done = verif::verify(&app, &c.actor, &slug, &f).await;
    redirect_or_again(
        done,
        |()| "/account?notice=notice-verified".to_owned(),
        |errors| verify_page(&app, c, &slug, f, errors),
    )
    .await
}

#[derive(Template)]
#[template(path = "census.html")]
struct CensusPage {
    c: Ctx,
    org: OrgRow,
    stats: CensusStats,
    /// A refused file: the bad lines `(line, message id)` and how many there were.
    refused: Option<(Vec<(usize, &'static str)>, usize)>,
    imported: Option<(usize, i64)>,
}

impl CensusPage {
    fn action(&self) -> String {
        format!(
            "/organisations/{}/census?csrf={}",
            self.org.slug, self.c.csrf
        )
    }
}

pub async fn census(State(app): State<App>, c: Ctx, Path(slug): Path<String>) -> WebResult {
    let (org, stats) = verif::stats(&app, &c.actor, &slug).await?;
    page(CensusPage {
        c,
        org,
        stats,
        refused: None,
        imported: None,
    })
}

pub async fn upload(
    State(app): State<App>,
    c: Ctx,
    Path(slug): Path<String>,
    mut form: Multipart,
) -> WebResult {
    // Refuse before reading the file when the person may not manage the census.
    verif::stats(&app, &c.actor, &slug).await?;
    let mut text = None;
    while let Some(field) = form.next_field().await.map_err(|_| bad_file())? {
        if field.name() == Some("census") {
            let bytes = field.bytes().await.map_err(|_| bad_file())?;
            text = Some(String::from_utf8(bytes.to_vec()).map_err(|_| not_utf8())?);
        }
    }
    let text = text.unwrap_or_default();
    let outcome = verif::upload(&app, &c.actor, &slug, &text).await?;
    let (org, stats) = verif::stats(&app, &c.actor, &slug).await?;
    let (refused, imported, status) = match outcome {
        Upload::Imported { rows, added } => (None, Some((rows, added)), axum::http::StatusCode::OK),
        Upload::Refused { lines, count } => (
            Some((lines, count)),
            None,
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        ),
    };
    page_status(
        status,
        CensusPage {
            c,
            org,
            stats,
            refused,
            imported,
        },
    )
}

fn bad_file() -> WebError {
    WebError(domain::DomainError::Conflict("census-unreadable").into())
}

fn not_utf8() -> WebError {
    WebError(domain::DomainError::Conflict("census-not-utf8").into())
}
