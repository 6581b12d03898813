//! An in-process browser for the web tests: a cookie jar, the CSRF token taken from its cookie,
//! a client address, and the router called directly (no socket).

#![allow(dead_code)]

use app::{App, Config};
use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use tower::ServiceExt;

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

#[derive(Clone)]
pub struct Browser {
    pub router: Router,
    pub cookies: BTreeMap<String, String>,
    pub address: SocketAddr,
}

/// A demo network on a fresh SQLite file, and its app.
pub async fn demo_app() -> App {
    demo_app_with(Config::default()).await
}

/// [`demo_app`] with `config` (demo mode and the test mail directory set on it).
pub async fn demo_app_with(mut config: Config) -> App {
    let store = store::Store::open(&store::testing::sqlite_url())
        .await
        .expect("store");
    config.demo = true;
    config.mail.dir = std::env::temp_dir()
        .join("lc_web_mail")
        .display()
        .to_string();
    let app = App::with_store(store, config).expect("app");
    app::demo::seed(&app).await.expect("demo");
    app
}

impl Browser {
    pub fn new(app: &App, address: &str) -> Self {
        Self {
            router: learning_city_web::router(app.clone()),
            cookies: BTreeMap::new(),
            address: address.parse().expect("address"),
        }
    }

    /// Another browser (no cookies) on the same site as this one: same router, same cache.
    pub fn sharing(&self, address: &str) -> Self {
        Self {
            router: self.router.clone(),
            cookies: BTreeMap::new(),
            address: address.parse().expect("address"),
        }
    }

    pub fn csrf(&self) -> String {
        self.cookies
            .get("__Host-lc_csrf")
            .cloned()
            .unwrap_or_default()
    }

    pub async fn send(&mut self, mut req: Request<Body>) -> Resp {
        req.extensions_mut().insert(ConnectInfo(self.address));
        req.headers_mut()
            .insert("host", "127.0.0.1:8080".parse().expect("host"));
        if !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            req.headers_mut()
                .insert("cookie", jar.parse().expect("cookie"));
        }
        let res = self.router.clone().oneshot(req).await.expect("response");
        let (parts, body) = res.into_parts();
        for v in parts.headers.get_all("set-cookie") {
            let v = v.to_str().expect("ascii");
            let (pair, attrs) = v.split_once(';').unwrap_or((v, ""));
            let (k, val) = pair.split_once('=').expect("cookie pair");
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), val.to_owned());
            }
        }
        let bytes = body.collect().await.expect("body").to_bytes();
        Resp {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send(Request::get(path).body(Body::empty()).expect("request"))
            .await
    }

    /// Posts a form as a browser on this site would: with the CSRF token and a same-site Origin.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        if self.csrf().is_empty() {
            self.get("/").await;
        }
        let csrf = self.csrf();
        let mut all: Vec<(&str, &str)> = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &encode(&all), Some("http://127.0.0.1:8080"))
            .await
    }

    pub async fn post_raw(&mut self, path: &str, body: &str, origin: Option<&str>) -> Resp {
        let mut req = Request::post(path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.to_owned()))
            .expect("request");
        if let Some(o) = origin {
            req.headers_mut()
                .insert("origin", o.parse().expect("origin"));
        }
        self.send(req).await
    }

    pub async fn login(&mut self, email: &str, password: &str) -> Resp {
        let r = self
            .post(
                "/login",
                &[
                    ("email", email),
                    ("password", password),
                    ("next", "/account"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login of {email}: {}",
            r.body
        );
        r
    }
}

pub fn encode(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

/// Internal links (`href="/…"`) of a page, without fragments.
pub fn links(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//"))
        .map(|h| {
            h.split('#')
                .next()
                .unwrap_or_default()
                .replace("&amp;", "&")
        })
        .collect()
}
