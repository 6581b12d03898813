//! Registration, confirmation, log-in (password or e-mailed link), password reset, log-out, the
//! account page and invitations.

use super::{NoticeQuery, notice, page, page_status, see_other};
use crate::ctx::Ctx;
use crate::error::{FormErrors, WebError, WebResult};
use crate::middleware::{cookie, cookie_names, set_cookie};
use app::App;
use app::accounts::{self, Registration, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{HeaderMap, SET_COOKIE};
use axum::response::{IntoResponse, Redirect, Response};
use domain::DomainError;
use domain::accounts::Lang;
use store::organisations::OrgRow;

/// Only a path on this site may follow a log-in: `/x`, never `//host` or `https://…`.
fn safe_next(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/account"
    }
}

fn with_session(app: &App, session: &Session, to: &str) -> Response {
    let names = cookie_names(app);
    let mut r = Redirect::to(to).into_response();
    r.headers_mut().append(
        SET_COOKIE,
        set_cookie(
            &names,
            names.session,
            &session.token,
            app.config.session_days * 86_400,
        ),
    );
    r
}

#[derive(Template)]
#[template(path = "message.html")]
struct Message {
    c: Ctx,
    title: &'static str,
    body: &'static str,
}

#[derive(Template)]
#[template(path = "register.html")]
struct RegisterPage {
    c: Ctx,
    errors: FormErrors,
    name: String,
    email: String,
}

pub async fn register_form(c: Ctx) -> WebResult {
    page(RegisterPage {
        c,
        errors: FormErrors::default(),
        name: String::new(),
        email: String::new(),
    })
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    pub name: String,
    pub email: String,
    pub password: String,
}

pub async fn register(State(app): State<App>, c: Ctx, Form(f): Form<RegisterForm>) -> WebResult {
    let input = Registration {
        name: f.name.clone(),
        email: f.email.clone(),
        password: f.password,
        lang: c.lang,
    };
    match accounts::register(&app, &input, &c.address).await {
        Ok(()) => see_other("/register/done"),
        Err(e) => {
            let errors = FormErrors::from_app(e)?;
            page_status(
                errors.status(),
                RegisterPage {
                    c,
                    errors,
                    name: f.name,
                    email: f.email,
                },
            )
        }
    }
}

pub async fn register_done(c: Ctx) -> WebResult {
    page(Message {
        c,
        title: "register-done-title",
        body: "register-done-body",
    })
}

#[derive(Template)]
#[template(path = "token_form.html")]
struct TokenForm {
    c: Ctx,
    title: &'static str,
    intro: &'static str,
    submit: &'static str,
    action: String,
    with_password: bool,
    errors: FormErrors,
}

pub async fn confirm_form(c: Ctx, Path(token): Path<String>) -> WebResult {
    page(TokenForm {
        c,
        title: "confirm-title",
        intro: "confirm-intro",
        submit: "confirm-submit",
        action: format!("/confirm/{token}"),
        with_password: false,
        errors: FormErrors::default(),
    })
}

pub async fn confirm(State(app): State<App>, Path(token): Path<String>) -> WebResult {
    accounts::confirm_email(&app, &token).await?;
    see_other("/login?notice=notice-confirmed")
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Ctx,
    errors: FormErrors,
    email: String,
    next: String,
    demo_accounts: Vec<(String, String, String)>,
    demo_password: &'static str,
    notice: &'static str,
}

impl LoginPage {
    fn new(c: Ctx, errors: FormErrors, email: String, next: String) -> Self {
        let demo_accounts = if c.demo {
            app::demo::ACCOUNTS
                .iter()
                .map(|a| (a.email.to_owned(), a.name.to_owned(), c.t(a.role_key)))
                .collect()
        } else {
            vec![]
        };
        Self {
            c,
            errors,
            email,
            next,
            demo_accounts,
            demo_password: app::demo::PASSWORD,
            notice: "",
        }
    }
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    pub next: String,
    pub notice: String,
}

pub async fn login_form(c: Ctx, Query(q): Query<LoginQuery>) -> WebResult {
    let mut p = LoginPage::new(c, FormErrors::default(), String::new(), q.next);
    p.notice = notice(Some(&q.notice));
    page(p)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct LoginForm {
    pub email: String,
    pub password: String,
    pub next: String,
}

pub async fn login(State(app): State<App>, c: Ctx, Form(f): Form<LoginForm>) -> WebResult {
    match accounts::login(&app, &f.email, &f.password, &c.address).await {
        Ok(session) => Ok(with_session(&app, &session, safe_next(&f.next))),
        Err(e) => {
            let status = match &e {
                app::AppError::Domain(DomainError::RateLimited) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let errors = FormErrors::from_app(e)?;
            page_status(status, LoginPage::new(c, errors, f.email, f.next))
        }
    }
}

#[derive(Template)]
#[template(path = "email_form.html")]
struct EmailForm {
    c: Ctx,
    title: &'static str,
    intro: &'static str,
    submit: &'static str,
    action: &'static str,
    email: String,
    errors: FormErrors,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct EmailOnly {
    pub email: String,
}

pub async fn link_form(c: Ctx) -> WebResult {
    page(EmailForm {
        c,
        title: "link-title",
        intro: "link-intro",
        submit: "link-submit",
        action: "/login/link",
        email: String::new(),
        errors: FormErrors::default(),
    })
}

pub async fn link_request(State(app): State<App>, c: Ctx, Form(f): Form<EmailOnly>) -> WebResult {
    match accounts::request_login_link(&app, &f.email, &c.address).await {
        Ok(()) => page(Message {
            c,
            title: "link-sent-title",
            body: "link-sent-body",
        }),
        Err(e) => {
            let errors = FormErrors::from_app(e)?;
            page_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                EmailForm {
                    c,
                    title: "link-title",
                    intro: "link-intro",
                    submit: "link-submit",
                    action: "/login/link",
                    email: f.email,
                    errors,
                },
            )
        }
    }
}

pub async fn link_confirm_form(c: Ctx, Path(token): Path<String>) -> WebResult {
    page(TokenForm {
        c,
        title: "link-use-title",
        intro: "link-use-intro",
        submit: "login-submit",
        action: format!("/login/link/{token}"),
        with_password: false,
        errors: FormErrors::default(),
    })
}

pub async fn link_use(State(app): State<App>, Path(token): Path<String>) -> WebResult {
    let session = accounts::login_with_link(&app, &token).await?;
    Ok(with_session(&app, &session, "/account"))
}

pub async fn forgot_form(c: Ctx) -> WebResult {
    page(EmailForm {
        c,
        title: "forgot-title",
        intro: "forgot-intro",
        submit: "forgot-submit",
        action: "/password/forgot",
        email: String::new(),
        errors: FormErrors::default(),
    })
}

pub async fn forgot(State(app): State<App>, c: Ctx, Form(f): Form<EmailOnly>) -> WebResult {
    match accounts::request_password_reset(&app, &f.email, &c.address).await {
        Ok(()) => page(Message {
            c,
            title: "link-sent-title",
            body: "link-sent-body",
        }),
        Err(e) => {
            let errors = FormErrors::from_app(e)?;
            page_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                EmailForm {
                    c,
                    title: "forgot-title",
                    intro: "forgot-intro",
                    submit: "forgot-submit",
                    action: "/password/forgot",
                    email: f.email,
                    errors,
                },
            )
        }
    }
}

fn reset_page(c: Ctx, token: &str, errors: FormErrors) -> TokenForm {
    TokenForm {
        c,
        title: "reset-title",
        intro: "reset-intro",
        submit: "reset-submit",
        action: format!("/password/reset/{token}"),
        with_password: true,
        errors,
    }
}

pub async fn reset_form(c: Ctx, Path(token): Path<String>) -> WebResult {
    page(reset_page(c, &token, FormErrors::default()))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub password: String,
}

pub async fn reset(
    State(app): State<App>,
    c: Ctx,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> WebResult {
    match accounts::reset_password(&app, &token, &f.password).await {
        Ok(session) => Ok(with_session(&app, &session, "/account?notice=notice-saved")),
        Err(e) => {
            let errors = FormErrors::from_app(e)?;
            page_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                reset_page(c, &token, errors),
            )
        }
    }
}

pub async fn logout(State(app): State<App>, headers: HeaderMap) -> WebResult {
    let names = cookie_names(&app);
    if let Some(token) = cookie(&headers, names.session) {
        accounts::logout(&app, token).await?;
    }
    let mut r = Redirect::to("/").into_response();
    r.headers_mut()
        .append(SET_COOKIE, set_cookie(&names, names.session, "", 0));
    Ok(r)
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Ctx,
    errors: FormErrors,
    notice: &'static str,
    email: String,
    created_at: i64,
    name: String,
    lang: String,
    orgs: Vec<(OrgRow, String)>,
    /// Organisations whose census verified this person.
    verified: Vec<OrgRow>,
}

async fn account_page(
    app: &App,
    c: Ctx,
    errors: FormErrors,
    notice: &'static str,
    typed: Option<(String, String)>,
) -> WebResult {
    let user = c.user.as_ref().ok_or(DomainError::Forbidden)?;
    let row = app
        .store
        .user_by_id(user.id)
        .await?
        .ok_or(DomainError::Forbidden)?;
    let (name, lang) = typed.unwrap_or((row.name.clone(), row.lang.clone()));
    let mut verified = Vec::new();
    for org in app.store.verified_orgs(row.id).await? {
        if let Some(o) = app.store.org_by_id(org).await? {
            verified.push(o);
        }
    }
    page_status(
        errors.status(),
        AccountPage {
            orgs: app.store.orgs_of_user(row.id).await?,
            verified,
            errors,
            notice,
            email: row.email,
            created_at: row.created_at,
            name,
            lang,
            c,
        },
    )
}

pub async fn account(State(app): State<App>, c: Ctx, Query(n): Query<NoticeQuery>) -> WebResult {
    account_page(
        &app,
        c,
        FormErrors::default(),
        notice(n.notice.as_deref()),
        None,
    )
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub name: String,
    pub lang: String,
}

pub async fn account_submit(
    State(app): State<App>,
    c: Ctx,
    Form(f): Form<AccountForm>,
) -> WebResult {
    match accounts::update_account(&app, &c.actor, &f.name, &f.lang).await {
        Ok(()) => {
            let names = cookie_names(&app);
            let mut r = Redirect::to("/account?notice=notice-saved").into_response();
            if let Some(l) = Lang::from_code(&f.lang) {
                r.headers_mut().append(
                    SET_COOKIE,
                    set_cookie(&names, "lc_lang", l.code(), 86_400 * 365),
                );
            }
            Ok(r)
        }
        Err(e) => {
            let errors = FormErrors::from_app(e)?;
            account_page(&app, c, errors, "", Some((f.name, f.lang))).await
        }
    }
}

#[derive(Template)]
#[template(path = "invitation.html")]
struct InvitationPage {
    c: Ctx,
    token: String,
}

pub async fn invitation(c: Ctx, Path(token): Path<String>) -> WebResult {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(WebError::from(DomainError::NotFound));
    }
    page(InvitationPage { c, token })
}

pub async fn accept_invitation(
    State(app): State<App>,
    c: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    let slug = app::organisations::accept_invitation(&app, &c.actor, &token).await?;
    see_other(&format!("/organisations/{slug}?notice=notice-joined"))
}
