//! Layers every request passes through: the request context (session → actor, language, CSRF
//! token, client address), the CSRF check on unsafe methods, security headers on every
//! response, and translated error pages.

use crate::cache::{Key, PageCache};
use crate::ctx::{Ctx, UserView};
use crate::error::ErrorMarker;
use crate::pages;
use app::App;
use app::secret::{constant_time_eq, random_token};
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::accounts::Lang;
use domain::policy::Actor;
use std::net::SocketAddr;
use std::sync::Arc;

/// Largest form body read for the CSRF check.
const MAX_FORM_BYTES: usize = 1 << 20;

pub struct CookieNames {
    pub session: &'static str,
    pub csrf: &'static str,
    pub secure: bool,
}

pub fn cookie_names(app: &App) -> CookieNames {
    if app.config.secure_cookies {
        CookieNames {
            session: "__Host-lc_session",
            csrf: "__Host-lc_csrf",
            secure: true,
        }
    } else {
        CookieNames {
            session: "lc_session",
            csrf: "lc_csrf",
            secure: false,
        }
    }
}

/// `Set-Cookie` for a cookie on the whole site, HttpOnly and SameSite=Lax; `max_age` 0 removes it.
pub fn set_cookie(names: &CookieNames, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if names.secure { "; Secure" } else { "" };
    let v = format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn client_address(app: &App, req: &Request) -> String {
    if app.config.trust_proxy
        && let Some(first) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return first.trim().to_owned();
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| a.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn query_without_lang(query: &str) -> (String, Option<Lang>) {
    let mut lang = None;
    let kept: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter_map(|(k, v)| {
            if k == "lang" {
                lang = Lang::from_code(&v);
                None
            } else {
                Some((k.into_owned(), v.into_owned()))
            }
        })
        .collect();
    let q = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(kept)
        .finish();
    (q, lang)
}

/// What [`context`] needs: the app and the router's cache of pages for anonymous readers.
#[derive(Clone)]
pub struct Context {
    pub app: App,
    pub cache: Arc<PageCache>,
}

/// Pages that may be kept for anonymous readers: not the API (JSON), not the health check, not
/// the demo mailbox (files, not the database).
fn keepable_path(path: &str) -> bool {
    !["/api/", "/static/", "/demo/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        && path != "/health"
}

/// Builds the [`Ctx`], checks CSRF on unsafe methods, serves anonymous readers' pages from the
/// cache when it can, and renders error pages.
pub async fn context(
    State(Context { app, cache }): State<Context>,
    req: Request,
    next: Next,
) -> Response {
    let names = cookie_names(&app);
    let headers = req.headers().clone();
    let session = match cookie(&headers, names.session) {
        Some(token) if !token.is_empty() => app::accounts::session_actor(&app, token)
            .await
            .ok()
            .flatten(),
        _ => None,
    };
    let (query, asked_lang) = query_without_lang(req.uri().query().unwrap_or_default());
    let cookie_lang = cookie(&headers, "lc_lang").and_then(Lang::from_code);
    let user_lang = session.as_ref().and_then(|(u, _)| Lang::from_code(&u.lang));
    let header_lang = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    let lang = asked_lang
        .or(cookie_lang)
        .or(user_lang)
        .or(header_lang)
        .unwrap_or_default();
    let existing_csrf = cookie(&headers, names.csrf)
        .filter(|t| t.len() == 64)
        .map(str::to_owned);
    let csrf = existing_csrf.clone().unwrap_or_else(random_token);
    let ctx = Ctx {
        lang,
        user: session.as_ref().map(|(u, _)| UserView::from(u)),
        actor: session.map(|(_, a)| a).unwrap_or_else(Actor::anonymous),
        csrf: csrf.clone(),
        path: req.uri().path().to_owned(),
        query,
        demo: app.config.demo,
        address: client_address(&app, &req),
    };

    let mut req = req;
    req.extensions_mut().insert(ctx.clone());
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut response = if unsafe_method {
        match csrf_check(req, &headers, existing_csrf.as_deref()).await {
            Ok(req) => next.run(req).await,
            Err(code) => ErrorMarker::response(StatusCode::FORBIDDEN, code),
        }
    } else if cache.enabled()
        && *req.method() == Method::GET
        && ctx.user.is_none()
        && keepable_path(&ctx.path)
    {
        let key = Key {
            lang,
            path: ctx.path.clone(),
            query: ctx.query.clone(),
        };
        let version = app.store.data_version();
        // Rendered with a token nobody holds; each reader gets their own in its place.
        let placeholder = random_token();
        let mut rendering = ctx.clone();
        rendering.csrf = placeholder.clone();
        req.extensions_mut().insert(rendering);
        cache
            .page(key, version, &placeholder, &csrf, next.run(req))
            .await
    } else {
        next.run(req).await
    };

    if let Some(marker) = response.extensions().get::<ErrorMarker>().cloned() {
        let api = ctx.path.starts_with("/api/");
        response = pages::errors::render(&ctx, marker, api);
    }
    let h = response.headers_mut();
    if existing_csrf.is_none() {
        h.append(
            header::SET_COOKIE,
            set_cookie(&names, names.csrf, &csrf, 86_400 * 30),
        );
    }
    if let Some(l) = asked_lang {
        h.append(
            header::SET_COOKIE,
            set_cookie(&names, "lc_lang", l.code(), 86_400 * 365),
        );
    }
    if !h.contains_key(header::CONTENT_LANGUAGE) {
        h.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(lang.code()),
        );
    }
    response
}

/// Refuses a request from another origin, or without the CSRF token of this browser in the
/// form field `csrf` (for file uploads, the address's `csrf` parameter) or the header
/// `X-CSRF-Token`. The request reaches no handler when refused.
async fn csrf_check(
    req: Request,
    headers: &HeaderMap,
    expected: Option<&str>,
) -> Result<Request, &'static str> {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or(origin);
        if origin == "null" || origin_host != host {
            return Err("error-csrf-origin");
        }
    }
    let Some(expected) = expected else {
        return Err("error-csrf");
    };
    if let Some(token) = headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
        return if constant_time_eq(token, expected) {
            Ok(req)
        } else {
            Err("error-csrf")
        };
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if content_type.starts_with("multipart/form-data") {
        // File uploads carry the token in the form's address (the body is streamed to the
        // handler, not read here) and must come with a same-site Origin, checked above.
        if !headers.contains_key(header::ORIGIN) {
            return Err("error-csrf-origin");
        }
        let token = req.uri().query().and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "csrf")
                .map(|(_, v)| v.into_owned())
        });
        return match token {
            Some(t) if constant_time_eq(&t, expected) => Ok(req),
            _ => Err("error-csrf"),
        };
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err("error-csrf");
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| "error-too-large")?;
    let token = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned());
    match token {
        Some(t) if constant_time_eq(&t, expected) => {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err("error-csrf"),
    }
}

/// Security headers on every response. The CSP allows no inline script and no other origin.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, name: &'static str, value: &'static str| {
        h.insert(name, HeaderValue::from_static(value));
    };
    set(
        h,
        "content-security-policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
         connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    set(
        h,
        "strict-transport-security",
        "max-age=63072000; includeSubDomains",
    );
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "strict-origin-when-cross-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    set(h, "cross-origin-opener-policy", "same-origin");
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, "cache-control", "no-store");
    }
    response
}

/// Answers 503 when a request takes longer than `limit`.
pub async fn timeout(req: Request, next: Next) -> Response {
    match tokio::time::timeout(std::time::Duration::from_secs(30), next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            ErrorMarker::response(StatusCode::SERVICE_UNAVAILABLE, "error-timeout").into_response()
        }
    }
}
