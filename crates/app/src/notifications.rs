//! Follows and notifications: people follow a space, a proposal or a debate; what happens there
//! (a comment, an answer, a debate opened or closed, an amendment) becomes an in-app notification
//! in the same transaction as the change, and the worker mails a digest of the unmailed ones, daily
//! or weekly as each person chooses (or never).

use crate::comments::On;
use crate::{App, Result, now};
use domain::DomainError;
use domain::accounts::Lang;
use domain::participation::DigestFrequency;
use domain::policy::{self, Action, Actor};
use store::spaces::NotificationRow;

/// Seconds between two digests of each frequency.
fn period(f: DigestFrequency) -> Option<i64> {
    match f {
        DigestFrequency::Daily => Some(86_400),
        DigestFrequency::Weekly => Some(7 * 86_400),
        DigestFrequency::Never => None,
    }
}

/// Follows (or stops following) a process, proposal or debate the actor can see.
pub async fn follow(app: &App, actor: &Actor, kind: &str, id: i64, on: bool) -> Result<()> {
    policy::can(actor, Action::ManageOwnAccount)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let process = match kind {
        "process" => app
            .store
            .process_by_id(id)
            .await?
            .ok_or(DomainError::NotFound)?,
        "proposal" | "debate" => {
            let target = On::parse(kind, id).ok_or(DomainError::NotFound)?;
            crate::comments::locate(app, target).await?.process
        }
        _ => return Err(DomainError::NotFound.into()),
    };
    let space = crate::spaces::space_of(app, &process).await?;
    if policy::can(actor, Action::ViewSpace(&space)).is_err() {
        return Err(DomainError::NotFound.into());
    }
    let mut tx = app.store.write().await?;
    tx.set_follow(user, kind, id, on, now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether the actor follows the thing.
pub async fn follows(app: &App, actor: &Actor, kind: &str, id: i64) -> Result<bool> {
    Ok(match actor.user {
        Some(u) => app.store.follows(u.0, kind, id).await?,
        None => false,
    })
}

/// The actor's latest notifications (newest first); reading them marks them read.
pub async fn inbox(app: &App, actor: &Actor) -> Result<Vec<NotificationRow>> {
    policy::can(actor, Action::ManageOwnAccount)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let list = app.store.notifications(user, 100).await?;
    if list.iter().any(|n| n.read_at.is_none()) {
        let mut tx = app.store.write().await?;
        tx.mark_notifications_read(user, now()).await?;
        tx.commit().await?;
    }
    Ok(list)
}

/// The actor's digest choice.
pub async fn digest_of(app: &App, actor: &Actor) -> Result<DigestFrequency> {
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    Ok(
        DigestFrequency::parse(&app.store.digest_of(user).await?)
            .unwrap_or(DigestFrequency::Weekly),
    )
}

/// Sets how often the actor gets the e-mail digest.
pub async fn set_digest(app: &App, actor: &Actor, raw: &str) -> Result<()> {
    policy::can(actor, Action::ManageOwnAccount)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let f = DigestFrequency::parse(raw).map_err(|e| DomainError::Invalid(vec![e]))?;
    let mut tx = app.store.write().await?;
    tx.set_digest(user, f.code()).await?;
    tx.commit().await?;
    Ok(())
}

/// Queues the digests that are due at `at`: one message per person with unmailed notifications
/// whose last digest is older than their period. Each person is claimed in its own transaction, so
/// two workers never mail the same notifications twice. Returns how many digests were queued.
pub async fn send_digests(app: &App, at: i64) -> Result<usize> {
    let mut sent = 0;
    for f in DigestFrequency::ALL {
        let Some(secs) = period(*f) else { continue };
        for r in app.store.digest_due(f.code(), at - secs).await? {
            let items = app.store.unmailed_notifications(r.id).await?;
            let Some(last) = items.last().map(|n| n.id) else {
                continue;
            };
            let lang = Lang::from_code(&r.lang).unwrap_or(Lang::It);
            let list = items
                .iter()
                .map(|n| {
                    format!(
                        "- {}: {}\n  {}{}",
                        crate::i18n::t(lang, &format!("notification-{}", n.kind)),
                        n.title,
                        app.config.base_url.trim_end_matches('/'),
                        n.href
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            let mut tx = app.store.write().await?;
            if !tx.claim_digest(r.id, at - secs, at).await? {
                continue;
            }
            tx.mark_mailed(r.id, last, at).await?;
            crate::mail::queue(
                &mut tx,
                at,
                &r.email,
                lang,
                "mail-digest",
                &[
                    ("name", r.name.clone()),
                    ("count", items.len().to_string()),
                    ("items", list),
                ],
            )
            .await?;
            tx.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}
