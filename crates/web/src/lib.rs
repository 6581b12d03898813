//! # learning-city-web
//!
//! The web face: server-rendered pages (askama) in Italian and English, the JSON API under
//! `/api/v1` with its OpenAPI document, and the middleware every request passes through
//! (request context, CSRF, security headers, error pages, timeout). Handlers are thin: extract,
//! call one `app` use case, render. Authorisation is `domain::policy`, called by the use cases
//! and, for what a page shows, by the handlers.
//!
//! - [`router`] builds the whole site; [`serve`] runs it with graceful shutdown.
//! - [`pages`]: one module per area; [`api`]: the JSON API; [`middleware`], [`ctx`], [`error`];
//!   [`cache`]: pages for anonymous readers served again until the next write.

pub mod api;
pub mod cache;
pub mod ctx;
pub mod error;
pub mod middleware;
pub mod pages;

use app::App;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use cache::PageCache;
use pages::{
    accounts, admin, budgets, comments, debates, errors, home, meetings, moderation, networks,
    notifications, opinion, organisations, participation, proposals, results, surveys,
    verification,
};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

const STYLE: &str = include_str!("../static/style.css");
const BUDGET_JS: &str = include_str!("../static/budget.js");

async fn budget_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        BUDGET_JS,
    )
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}

/// Every route of the site.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(home::home))
        .route("/accessibility", get(home::accessibility))
        .route("/demo/mail", get(home::demo_mail))
        .route("/health", get(home::health))
        .route("/static/style.css", get(style))
        .route("/static/budget.js", get(budget_js))
        .route("/processes/{slug}/budgets", post(budgets::create))
        .route("/processes/{slug}/opinion", post(opinion::create))
        .route("/processes/{slug}/opinion/{id}", get(opinion::show))
        .route(
            "/processes/{slug}/opinion/{id}/vote",
            get(opinion::vote_form).post(opinion::vote),
        )
        .route(
            "/processes/{slug}/opinion/{id}/statements",
            post(opinion::submit),
        )
        .route(
            "/processes/{slug}/opinion/{id}/statements/{sid}/moderate",
            post(opinion::moderate),
        )
        .route("/processes/{slug}/opinion/{id}/close", post(opinion::close))
        .route(
            "/processes/{slug}/opinion/{id}/report",
            get(opinion::report),
        )
        .route(
            "/processes/{slug}/opinion/{id}/{file}",
            get(opinion::export),
        )
        .route("/processes/{slug}/budgets/{id}", get(budgets::show))
        .route("/processes/{slug}/budgets/{id}/vote", post(budgets::vote))
        .route("/processes/{slug}/budgets/{id}/paper", post(budgets::paper))
        .route(
            "/processes/{slug}/budgets/{id}/projects",
            post(budgets::add_project),
        )
        .route(
            "/processes/{slug}/budgets/{id}/results",
            get(budgets::results),
        )
        .route(
            "/processes/{slug}/budgets/{id}/ballots",
            get(budgets::ballots),
        )
        .route(
            "/processes/{slug}/budgets/{id}/election.pb",
            get(budgets::election_file),
        )
        .route("/organisations", get(organisations::directory))
        .route("/organisations/{slug}", get(organisations::profile))
        .route(
            "/organisations/{slug}/edit",
            get(organisations::edit_form).post(organisations::edit_submit),
        )
        .route("/organisations/{slug}/members", get(organisations::members))
        .route(
            "/organisations/{slug}/members/invite",
            post(organisations::invite),
        )
        .route(
            "/organisations/{slug}/members/{user}",
            post(organisations::change_member),
        )
        .route("/processes", get(participation::list))
        .route("/processes/{slug}", get(participation::show))
        .route("/processes/{slug}/phases", post(participation::add_phase))
        .route("/processes/{slug}/publish", post(participation::publish))
        .route(
            "/processes/{slug}/proposals",
            get(proposals::list).post(proposals::create),
        )
        .route("/processes/{slug}/proposals/new", get(proposals::new_form))
        .route("/processes/{slug}/proposals/{id}", get(proposals::show))
        .route(
            "/processes/{slug}/proposals/{id}/edit",
            get(proposals::edit_form).post(proposals::update),
        )
        .route(
            "/processes/{slug}/proposals/{id}/publish",
            post(proposals::publish),
        )
        .route(
            "/processes/{slug}/proposals/{id}/withdraw",
            post(proposals::withdraw),
        )
        .route(
            "/processes/{slug}/proposals/{id}/support",
            post(proposals::support),
        )
        .route(
            "/processes/{slug}/proposals/{id}/unsupport",
            post(proposals::unsupport),
        )
        .route(
            "/processes/{slug}/proposals/{id}/answer",
            post(proposals::answer),
        )
        .route(
            "/processes/{slug}/proposals/{id}/comments",
            post(proposals::comment),
        )
        .route(
            "/processes/{slug}/proposals/{id}/comments/{cid}/vote",
            post(comments::vote_proposal),
        )
        .route(
            "/processes/{slug}/proposals/{id}/amendments",
            post(proposals::amend),
        )
        .route(
            "/processes/{slug}/proposals/{id}/amendments/{aid}",
            post(proposals::decide_amendment),
        )
        .route(
            "/processes/{slug}/proposals/{id}/endorse",
            post(proposals::endorse),
        )
        .route("/processes/{slug}/roles", post(participation::grant_role))
        .route(
            "/processes/{slug}/roles/revoke",
            post(participation::revoke_role),
        )
        .route(
            "/processes/{slug}/coorganisers",
            post(participation::add_coorganiser),
        )
        .route(
            "/processes/{slug}/privacy",
            post(participation::set_private),
        )
        .route(
            "/processes/{slug}/debates",
            get(debates::list).post(debates::open),
        )
        .route("/processes/{slug}/debates/{id}", get(debates::show))
        .route("/processes/{slug}/debates/{id}/close", post(debates::close))
        .route(
            "/processes/{slug}/debates/{id}/comments",
            post(comments::on_debate),
        )
        .route(
            "/processes/{slug}/debates/{id}/comments/{cid}/vote",
            post(comments::vote_debate),
        )
        .route(
            "/processes/{slug}/meetings/{id}/comments",
            post(comments::on_meeting),
        )
        .route(
            "/processes/{slug}/meetings/{id}/comments/{cid}/vote",
            post(comments::vote_meeting),
        )
        .route(
            "/processes/{slug}/results/{id}/comments",
            post(comments::on_result),
        )
        .route(
            "/processes/{slug}/results/{id}/comments/{cid}/vote",
            post(comments::vote_result),
        )
        .route("/notifications", get(notifications::inbox))
        .route("/notifications/digest", post(notifications::set_digest))
        .route("/follow", post(notifications::follow))
        .route("/search", get(proposals::search))
        .route("/moderation", get(moderation::log))
        .route("/moderation/report", post(moderation::report))
        .route("/moderation/decide", post(moderation::decide))
        .route("/moderation/appeal", post(moderation::appeal))
        .route("/organisations/{slug}/moderation", get(moderation::queue))
        .route("/admin/block", post(moderation::block))
        .route(
            "/processes/{slug}/meetings",
            get(meetings::list).post(meetings::create),
        )
        .route("/processes/{slug}/meetings/new", get(meetings::new_form))
        .route("/processes/{slug}/meetings/{id}", get(meetings::show))
        .route(
            "/processes/{slug}/meetings/{id}/register",
            post(meetings::register),
        )
        .route(
            "/processes/{slug}/meetings/{id}/cancel",
            post(meetings::cancel),
        )
        .route(
            "/processes/{slug}/meetings/{id}/close",
            post(meetings::close),
        )
        .route(
            "/processes/{slug}/meetings/{id}/calendar.ics",
            get(meetings::ics),
        )
        .route(
            "/processes/{slug}/results",
            get(results::list).post(results::create),
        )
        .route("/processes/{slug}/results/{id}", get(results::show))
        .route(
            "/processes/{slug}/results/{id}/updates",
            post(results::update),
        )
        .route(
            "/processes/{slug}/surveys",
            get(surveys::list).post(surveys::create),
        )
        .route("/processes/{slug}/surveys/{id}", get(surveys::show))
        .route(
            "/processes/{slug}/surveys/{id}/answer",
            post(surveys::answer),
        )
        .route(
            "/processes/{slug}/surveys/{id}/questions",
            post(surveys::add_question),
        )
        .route("/processes/{slug}/surveys/{id}/open", post(surveys::open))
        .route("/processes/{slug}/surveys/{id}/close", post(surveys::close))
        .route(
            "/processes/{slug}/surveys/{id}/results",
            get(surveys::results),
        )
        .route(
            "/processes/{slug}/surveys/{id}/responses.csv",
            get(surveys::csv),
        )
        .route(
            "/organisations/{slug}/processes/new",
            get(participation::new_form),
        )
        .route(
            "/organisations/{slug}/processes",
            post(participation::create),
        )
        .route(
            "/organisations/{slug}/verify",
            get(verification::verify_form).post(verification::verify),
        )
        .route(
            "/organisations/{slug}/census",
            get(verification::census)
                .post(verification::upload)
                .layer(axum::extract::DefaultBodyLimit::max(32 << 20)),
        )
        .route("/networks", get(networks::list))
        .route("/networks/{slug}", get(networks::show))
        .route("/networks/{slug}/members", post(networks::add_member))
        .route("/commitments", get(networks::commitments))
        .route("/commitments/{slug}", get(networks::commitment))
        .route("/commitments/{slug}/sign", post(networks::sign))
        .route(
            "/register",
            get(accounts::register_form).post(accounts::register),
        )
        .route("/register/done", get(accounts::register_done))
        .route(
            "/confirm/{token}",
            get(accounts::confirm_form).post(accounts::confirm),
        )
        .route("/login", get(accounts::login_form).post(accounts::login))
        .route(
            "/login/link",
            get(accounts::link_form).post(accounts::link_request),
        )
        .route(
            "/login/link/{token}",
            get(accounts::link_confirm_form).post(accounts::link_use),
        )
        .route(
            "/password/forgot",
            get(accounts::forgot_form).post(accounts::forgot),
        )
        .route(
            "/password/reset/{token}",
            get(accounts::reset_form).post(accounts::reset),
        )
        .route("/logout", post(accounts::logout))
        .route(
            "/account",
            get(accounts::account).post(accounts::account_submit),
        )
        .route(
            "/invitations/{token}",
            get(accounts::invitation).post(accounts::accept_invitation),
        )
        .route("/admin", get(admin::dashboard))
        .route("/admin/roles", post(admin::grant))
        .route("/admin/organisations/new", get(admin::new_org))
        .route("/admin/organisations", post(admin::create_org))
        .route("/api/v1/organisations", get(api::list))
        .route("/api/v1/organisations/{slug}", get(api::one))
        .route("/api/v1/processes", get(api::processes))
        .route("/api/v1/processes/{slug}", get(api::process))
        .route("/api/v1/processes/{slug}/proposals", get(api::proposals))
        .route(
            "/api/v1/processes/{slug}/proposals/{id}",
            get(api::proposal),
        )
        .route("/api/v1/processes/{slug}/debates", get(api::debates))
        .route("/api/v1/search", get(api::search))
        .route("/api/v1/openapi.json", get(api::openapi))
        .fallback(errors::not_found)
        .layer(axum::middleware::from_fn(middleware::timeout))
        .layer(axum::middleware::from_fn_with_state(
            middleware::Context {
                app: app.clone(),
                cache: Arc::new(PageCache::new(Duration::from_millis(
                    app.config.page_cache_ms,
                ))),
            },
            middleware::context,
        ))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .with_state(app)
}

/// Serves the site on `listener` until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    app: App,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let service = router(app).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}
