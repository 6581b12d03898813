//! Configuration: defaults in code, then `learning-city.toml` in the working directory, then
//! environment variables `LEARNING_CITY__SECTION__KEY` (e.g. `LEARNING_CITY__MAIL__SMTP_URL`),
//! then command-line options. `learning-city config` prints the result.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Config {
    /// `sqlite:FILE?mode=rwc` (embedded default) or `postgres://…`.
    pub database_url: String,
    /// Address and port to listen on.
    pub bind: String,
    /// Public address of the site, used in links sent by e-mail.
    pub base_url: String,
    /// Demo mode: the log-in page lists demo accounts and `/demo/mail` shows the mail "sent".
    pub demo: bool,
    /// Mark the session cookie `Secure` with the `__Host-` prefix. Browsers accept such cookies
    /// on `http://127.0.0.1` and `http://localhost`; turn off only behind a plain-HTTP name.
    pub secure_cookies: bool,
    /// Trust `X-Forwarded-For` from a reverse proxy for the client address (rate limits).
    pub trust_proxy: bool,
    /// Days a session lasts.
    pub session_days: i64,
    /// Run the jobs worker inside `serve`.
    pub worker: bool,
    /// Milliseconds a page rendered for anonymous readers is served again from memory, as long
    /// as this process commits no write (any write renders it afresh); up to twice this time it
    /// is still served while it is rendered afresh behind the reader. Writes by other processes
    /// on the same database show within twice this time. 0 turns the cache off.
    pub page_cache_ms: u64,
    pub mail: MailConfig,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct MailConfig {
    /// Sender address.
    pub from: String,
    /// `smtp://user:pass@host:587` (STARTTLS) or `smtps://…`; when empty, messages are written as
    /// `.eml` files into `dir`.
    pub smtp_url: String,
    pub dir: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: "sqlite:learning-city.sqlite3?mode=rwc".into(),
            bind: "127.0.0.1:8080".into(),
            base_url: "http://127.0.0.1:8080".into(),
            demo: false,
            secure_cookies: true,
            trust_proxy: false,
            session_days: 14,
            worker: true,
            page_cache_ms: 2000,
            mail: MailConfig::default(),
        }
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            from: "Learning City <noreply@learning-city.invalid>".into(),
            smtp_url: String::new(),
            dir: "var/mail".into(),
        }
    }
}

impl Config {
    /// Defaults, then `learning-city.toml` (when present), then the environment.
    pub fn load() -> Result<Self, Box<figment::Error>> {
        Self::figment().extract().map_err(Box::new)
    }

    pub fn figment() -> Figment {
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file("learning-city.toml"))
            .merge(Env::prefixed("LEARNING_CITY__").split("__"))
    }
}
