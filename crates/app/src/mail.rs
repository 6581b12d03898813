//! Mail: through SMTP when `mail.smtp_url` is set, otherwise written as `.eml` files into
//! `mail.dir`. Messages are never sent from a request: a use case queues a `mail.send` job in
//! its transaction and the worker sends it, with retries.

use crate::config::MailConfig;
use crate::{AppError, Result};
use domain::accounts::Lang;
use lettre::message::header::ContentType;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::{Deserialize, Serialize};
use store::WriteTx;

/// The job kind that sends one message.
pub const SEND_JOB: &str = "mail.send";
/// Attempts before a message is given up (the job is then marked failed, visible to operators).
pub const MAX_ATTEMPTS: i64 = 8;

/// One message to send, as stored in the job's payload.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

pub enum Mailer {
    Smtp {
        from: String,
        transport: AsyncSmtpTransport<Tokio1Executor>,
    },
    Files {
        from: String,
        dir: String,
        transport: AsyncFileTransport<Tokio1Executor>,
    },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp { .. } => f.write_str("Mailer::Smtp"),
            Mailer::Files { dir, .. } => write!(f, "Mailer::Files({dir})"),
        }
    }
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Self> {
        if config.smtp_url.is_empty() {
            Ok(Mailer::Files {
                from: config.from.clone(),
                dir: config.dir.clone(),
                transport: AsyncFileTransport::<Tokio1Executor>::new(&config.dir),
            })
        } else {
            let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
                .map_err(|e| AppError::Internal(format!("mail.smtp_url: {e}")))?
                .build();
            Ok(Mailer::Smtp {
                from: config.from.clone(),
                transport,
            })
        }
    }

    /// Sends one message; the error text is kept on the job for operators.
    pub async fn send(&self, mail: &OutgoingMail) -> std::result::Result<(), String> {
        let from = match self {
            Mailer::Smtp { from, .. } | Mailer::Files { from, .. } => from,
        };
        let message = Message::builder()
            .from(from.parse().map_err(|e| format!("from address: {e}"))?)
            .to(mail.to.parse().map_err(|e| format!("to address: {e}"))?)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| format!("message: {e}"))?;
        match self {
            Mailer::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Files { dir, transport, .. } => {
                tokio::fs::create_dir_all(dir)
                    .await
                    .map_err(|e| format!("{dir}: {e}"))?;
                transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Queues a message whose subject and body are Fluent messages in the recipient's language.
/// Every body starts with a greeting and ends with the signature.
pub async fn queue(
    tx: &mut WriteTx,
    now: i64,
    to: &str,
    lang: Lang,
    key: &str,
    args: &[(&'static str, String)],
) -> Result<()> {
    let name = args
        .iter()
        .find(|(k, _)| *k == "name")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let body = format!(
        "{}\n\n{}\n\n{}\n",
        crate::i18n::t_args(lang, "mail-greeting", &[("name", name)]),
        crate::i18n::t_args(lang, &format!("{key}-body"), args),
        crate::i18n::t(lang, "mail-signature"),
    );
    let mail = OutgoingMail {
        to: to.to_owned(),
        subject: crate::i18n::t_args(lang, &format!("{key}-subject"), args),
        body,
    };
    let payload = serde_json::to_value(&mail).map_err(|e| AppError::Internal(e.to_string()))?;
    tx.enqueue(SEND_JOB, &payload, now, MAX_ATTEMPTS).await?;
    Ok(())
}
