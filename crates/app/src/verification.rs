//! Residents' verification. An organisation's administrators upload its census (CSV: an
//! identifier such as the codice fiscale, and the date of birth); only salted SHA-256 hashes of
//! the normalised pair are stored. A signed-in person verifies as a resident by typing both; each
//! census record verifies one account only — a second claim is refused and flagged for the
//! administrators. Failed attempts are limited per account, so dates of birth cannot be guessed.

use crate::{App, Result, now, ratelimit, secret};
use domain::DomainError;
use domain::error::Errors;
use domain::organisations::OrgId;
use domain::policy::{self, Action, Actor};
use domain::verification::{parse_birth_date, parse_identifier, record_key};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use store::audit::Event;
use store::verification::{CensusStats, Claim};

/// Failed verification attempts allowed per account in the rate-limit window.
pub const ATTEMPTS_PER_ACCOUNT: i64 = 5;
/// The largest census file accepted.
pub const MAX_ROWS: usize = 500_000;

fn hash(salt: &str, key: &str) -> String {
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(b"|");
    h.update(key.as_bytes());
    hex::encode(h.finalize())
}

/// A census file's rows as record keys, or every bad line (1-based, header included) with why.
pub fn parse_census(text: &str) -> std::result::Result<Vec<String>, Vec<(usize, &'static str)>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut keys = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let sep = if line.contains(';') { ';' } else { ',' };
        let cells: Vec<&str> = line
            .split(sep)
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        if n == 1
            && cells
                .first()
                .is_some_and(|c| !c.chars().any(|ch| ch.is_ascii_digit()))
        {
            continue; // a header
        }
        let [id, date] = cells.as_slice() else {
            errors.push((n, "census-columns"));
            continue;
        };
        match (
            parse_identifier("identifier", id),
            parse_birth_date("birth_date", date),
        ) {
            (Ok(id), Ok(d)) => {
                let key = record_key(&id, &d);
                if !seen.insert(key.clone()) {
                    errors.push((n, "census-duplicate"));
                } else {
                    keys.push(key);
                }
            }
            (Err(e), _) | (_, Err(e)) => errors.push((n, e.code)),
        }
        if keys.len() > MAX_ROWS {
            errors.push((n, "census-too-large"));
            break;
        }
    }
    if keys.is_empty() && errors.is_empty() {
        errors.push((1, "census-empty"));
    }
    if errors.is_empty() {
        Ok(keys)
    } else {
        Err(errors)
    }
}

/// The outcome of an upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Upload {
    Imported {
        rows: usize,
        added: i64,
    },
    /// Nothing was imported; the bad lines (at most 20 shown) and how many there are.
    Refused {
        lines: Vec<(usize, &'static str)>,
        count: usize,
    },
}

/// Replaces an organisation's census with the file's records (claimed records are kept).
pub async fn upload(app: &App, actor: &Actor, org_slug: &str, text: &str) -> Result<Upload> {
    let org = crate::organisations::by_slug(app, org_slug).await?;
    policy::can(actor, Action::ManageCensus(OrgId(org.id)))?;
    let keys = match parse_census(text) {
        Ok(k) => k,
        Err(lines) => {
            let count = lines.len();
            return Ok(Upload::Refused {
                lines: lines.into_iter().take(20).collect(),
                count,
            });
        }
    };
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let t = now();
    let mut tx = app.store.write().await?;
    let salt = tx.census_salt(org.id, &secret::random_token()).await?;
    let hashes: Vec<String> = keys.iter().map(|k| hash(&salt, k)).collect();
    let added = tx.replace_census(org.id, &hashes, Some(user), t).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "census.upload",
        subject: format!("organisation:{}", org.id),
        details: json!({"rows": keys.len(), "added": added}),
    })
    .await?;
    tx.commit().await?;
    Ok(Upload::Imported {
        rows: keys.len(),
        added,
    })
}

/// What a person typed to verify.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct VerifyInput {
    pub identifier: String,
    pub birth_date: String,
}

/// Verifies the actor as a resident of `org_slug`.
pub async fn verify(app: &App, actor: &Actor, org_slug: &str, input: &VerifyInput) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let org = crate::organisations::by_slug(app, org_slug).await?;
    let mut errors = Errors::new();
    let id = errors.take(parse_identifier("identifier", &input.identifier));
    let date = errors.take(parse_birth_date("birth_date", &input.birth_date));
    errors.finish()?;
    let (Some(id), Some(date)) = (id, date) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let limit_key = format!("verify:user:{user}");
    ratelimit::check(&app.store, &limit_key, ATTEMPTS_PER_ACCOUNT).await?;
    let Some(salt) = app.store.census_salt_of(org.id).await? else {
        return Err(DomainError::Conflict("census-missing").into());
    };
    let h = hash(&salt, &record_key(&id, &date));
    let t = now();
    let mut tx = app.store.write().await?;
    let claim = tx.claim_census_record(org.id, &h, user, t).await?;
    let (action, outcome) = match claim {
        Claim::Claimed => ("verification.claim", Ok(())),
        Claim::TakenByAnother => (
            "verification.flag",
            Err(DomainError::invalid("identifier", "verification-taken")),
        ),
        Claim::AlreadyVerified => (
            "verification.refused",
            Err(DomainError::Conflict("verification-already")),
        ),
        Claim::Unknown => (
            "verification.unknown",
            Err(DomainError::invalid("identifier", "verification-not-found")),
        ),
    };
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action,
        subject: format!("organisation:{}", org.id),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    if outcome.is_err() {
        ratelimit::record(&app.store, &limit_key).await?;
    }
    outcome.map_err(Into::into)
}

/// The demo census of an organisation: `keys` become records; `claims` pairs a user with the
/// key they verified with.
pub(crate) async fn seed_census(
    tx: &mut store::WriteTx,
    org: i64,
    keys: &[String],
    claims: &[(i64, String)],
    t: i64,
) -> Result<()> {
    let salt = tx.census_salt(org, &secret::random_token()).await?;
    let hashes: Vec<String> = keys.iter().map(|k| hash(&salt, k)).collect();
    tx.replace_census(org, &hashes, None, t).await?;
    for (user, key) in claims {
        tx.claim_census_record(org, &hash(&salt, key), *user, t)
            .await?;
    }
    tx.audit(Event {
        at: t,
        actor: None,
        action: "census.upload",
        subject: format!("organisation:{org}"),
        details: json!({"rows": keys.len(), "demo": true}),
    })
    .await?;
    Ok(())
}

/// The census page's figures (administrators only).
pub async fn stats(
    app: &App,
    actor: &Actor,
    org_slug: &str,
) -> Result<(store::organisations::OrgRow, CensusStats)> {
    let org = crate::organisations::by_slug(app, org_slug).await?;
    policy::can(actor, Action::ManageCensus(OrgId(org.id)))?;
    let s = app.store.census_stats(org.id).await?;
    Ok((org, s))
}

/// Refuses when a process's phase needs verified residents and the actor is not one.
pub fn require_resident(actor: &Actor, org: i64, required: bool) -> Result<()> {
    if required && policy::can(actor, Action::ParticipateAsResident(OrgId(org))).is_err() {
        return Err(DomainError::Conflict("verification-required").into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_files_are_checked_line_by_line() {
        let ok = "\u{feff}codice_fiscale;data_nascita\nRSSMRA85T10A562S;10/12/1985\nres00042,1990-01-31\n\n";
        assert_eq!(
            parse_census(ok),
            Ok(vec![
                "RSSMRA85T10A562S|1985-12-10".to_owned(),
                "RES00042|1990-01-31".to_owned()
            ])
        );
        let bad = "id,date\nRSSMRA85T10A562X,1985-12-10\nRES1,1985-13-01\nRES00042,1990-01-31\nres00042,31/01/1990\nonly-one-column\n";
        assert_eq!(
            parse_census(bad),
            Err(vec![
                (2, "codice-fiscale-invalid"),
                (3, "birth-date-invalid"),
                (5, "census-duplicate"),
                (6, "census-columns"),
            ])
        );
        assert_eq!(parse_census("id,date\n"), Err(vec![(1, "census-empty")]));
        // Salted: the same person hashes differently for two organisations.
        assert_ne!(hash("a", "X|1990-01-01"), hash("b", "X|1990-01-01"));
    }
}
