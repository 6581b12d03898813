//! The request context every page gets: the reader's language, the signed-in person and their
//! roles, the CSRF token for forms, and the address of the page (for the language switch).

use app::i18n;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use domain::accounts::Lang;
use domain::policy::{Action, Actor};
use store::accounts::UserRow;

/// The signed-in person as pages show them.
#[derive(Debug, Clone)]
pub struct UserView {
    pub id: i64,
    pub name: String,
    pub email: String,
}

impl From<&UserRow> for UserView {
    fn from(u: &UserRow) -> Self {
        Self {
            id: u.id,
            name: u.name.clone(),
            email: u.email.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<UserView>,
    pub actor: Actor,
    pub csrf: String,
    /// Path of the page, without the query.
    pub path: String,
    /// Query string of the page without `lang`.
    pub query: String,
    pub demo: bool,
    /// The client's address, for rate limits.
    pub address: String,
}

impl Ctx {
    /// The message `key` in the reader's language.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        i18n::t_args(self.lang, key, &[(name, value.to_string())])
    }

    /// The message `key` with two arguments.
    pub fn t2(
        &self,
        key: &str,
        a: &'static str,
        va: impl ToString,
        b: &'static str,
        vb: impl ToString,
    ) -> String {
        i18n::t_args(self.lang, key, &[(a, va.to_string()), (b, vb.to_string())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// This page in `code`'s language.
    pub fn lang_url(&self, code: &str) -> String {
        if self.query.is_empty() {
            format!("{}?lang={code}", self.path)
        } else {
            format!("{}?{}&lang={code}", self.path, self.query)
        }
    }

    /// True when `href` is the current page or a section that contains it (for `aria-current`).
    pub fn is_current(&self, href: &str) -> bool {
        if href == "/" {
            self.path == "/"
        } else {
            self.path == href || self.path.starts_with(&format!("{href}/"))
        }
    }

    pub fn date(&self, ymd: &str) -> String {
        i18n::format_date(self.lang, ymd)
    }

    pub fn timestamp(&self, unix: &i64) -> String {
        i18n::format_timestamp(self.lang, *unix)
    }

    pub fn num(&self, n: &i64) -> String {
        i18n::format_int(self.lang, *n)
    }

    /// The translated name of an organisation kind (`kind-municipality`…).
    pub fn kind(&self, kind: &str) -> String {
        self.t(&format!("kind-{kind}"))
    }

    pub fn kind_plural(&self, kind: &str) -> String {
        self.t(&format!("kinds-{kind}"))
    }

    pub fn role(&self, role: &str) -> String {
        self.t(&format!("role-{role}"))
    }

    pub fn is_admin(&self) -> bool {
        domain::policy::can(&self.actor, Action::Administer).is_ok()
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .unwrap_or_else(|| Ctx {
                lang: Lang::It,
                user: None,
                actor: Actor::anonymous(),
                csrf: String::new(),
                path: parts.uri.path().to_owned(),
                query: String::new(),
                demo: false,
                address: "unknown".into(),
            }))
    }
}
