//! Meetings of a process: the organisation's administrators schedule them (in person, online or
//! hybrid; World Café, Open Space, workshop…), people register and get a code, the places run out
//! into a waiting list that moves up when someone cancels, and after the meeting the organisers
//! record how many came and the minutes. Every meeting has an iCalendar file.

use crate::{App, Result, now, secret};
use domain::DomainError;
use domain::error::{Errors, FieldError};
use domain::organisations::{OrgId, parse_text, parse_url};
use domain::participation::{MeetingKind, MeetingMethod, parse_local_datetime};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use store::audit::Event;
use store::meetings::{MeetingFields, MeetingRow, Registration};
use store::participation::ProcessRow;

/// What an organiser typed.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    pub title: String,
    pub description: String,
    pub kind: String,
    pub method: String,
    pub place: String,
    pub online_url: String,
    pub starts_at: String,
    pub ends_at: String,
    pub capacity: String,
}

/// What organisers record after the meeting.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct CloseInput {
    pub attendees: String,
    pub minutes: String,
}

async fn process_for(app: &App, actor: &Actor, slug: &str) -> Result<(ProcessRow, bool)> {
    let (p, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    Ok((p, can_manage))
}

/// Schedules a meeting; returns its id.
pub async fn create(app: &App, actor: &Actor, slug: &str, input: &MeetingInput) -> Result<i64> {
    let (p, _) = process_for(app, actor, slug).await?;
    policy::can(actor, Action::ManageProcesses(OrgId(p.org_id)))?;
    let mut errors = Errors::new();
    let title = errors.take(parse_text("title", &input.title, 150).and_then(|t| {
        if t.chars().count() < 3 {
            Err(FieldError::new("title", "text-required"))
        } else {
            Ok(t)
        }
    }));
    let description = errors.take(parse_text("description", &input.description, 5000));
    let kind = errors.take(MeetingKind::parse(&input.kind));
    let method = errors.take(MeetingMethod::parse(&input.method));
    let place = errors.take(parse_text("place", &input.place, 300));
    let online_url = errors.take(parse_url("online_url", &input.online_url));
    let starts = errors.take(parse_local_datetime("starts_at", &input.starts_at));
    let ends = errors.take(parse_local_datetime("ends_at", &input.ends_at));
    let capacity = errors.take(match input.capacity.trim() {
        "" => Ok(0),
        c => c
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=100_000).contains(n))
            .ok_or(FieldError::new("capacity", "capacity-invalid")),
    });
    if let (Some(s), Some(e)) = (&starts, &ends)
        && e <= s
    {
        errors.push(FieldError::new("ends_at", "meeting-ends-before-start"));
    }
    if let (Some(k), Some(place), Some(url)) = (kind, &place, &online_url) {
        if k != MeetingKind::Online && place.is_empty() {
            errors.push(FieldError::new("place", "meeting-place-required"));
        }
        if k != MeetingKind::InPerson && url.is_none() {
            errors.push(FieldError::new("online_url", "meeting-url-required"));
        }
    }
    errors.finish()?;
    let (
        Some(title),
        Some(description),
        Some(kind),
        Some(method),
        Some(place),
        Some(url),
        Some(starts),
        Some(ends),
        Some(capacity),
    ) = (
        title,
        description,
        kind,
        method,
        place,
        online_url,
        starts,
        ends,
        capacity,
    )
    else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let url = url.unwrap_or_default();
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_meeting(
            p.id,
            &MeetingFields {
                title: &title,
                description: &description,
                kind: kind.code(),
                method: method.code(),
                place: &place,
                online_url: &url,
                starts_at: &starts,
                ends_at: &ends,
                capacity,
            },
            t,
        )
        .await?;
    crate::search::index(
        &mut tx,
        "meeting",
        id,
        Some(p.id),
        &title,
        &format!("{description} {place}"),
        &format!("/processes/{}/meetings/{id}", p.slug),
    )
    .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "meeting.create",
        subject: format!("meeting:{id}"),
        details: json!({"process": p.id}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A meeting as the page shows it.
pub struct MeetingView {
    pub process: ProcessRow,
    pub meeting: MeetingRow,
    pub mine: Option<Registration>,
    pub can_manage: bool,
}

pub async fn view(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<MeetingView> {
    let (process, can_manage) = process_for(app, actor, slug).await?;
    let meeting = app
        .store
        .meeting(id)
        .await?
        .filter(|m| m.process_id == process.id)
        .ok_or(DomainError::NotFound)?;
    let mine = match actor.user {
        Some(u) => app.store.registration(id, u.0).await?,
        None => None,
    };
    Ok(MeetingView {
        process,
        meeting,
        mine,
        can_manage,
    })
}

/// Meetings of a process.
pub async fn list(
    app: &App,
    actor: &Actor,
    slug: &str,
) -> Result<(ProcessRow, Vec<MeetingRow>, bool)> {
    let (p, can_manage) = process_for(app, actor, slug).await?;
    let meetings = app.store.meetings(p.id).await?;
    Ok((p, meetings, can_manage))
}

/// Registers the actor; returns `confirmed` or `waiting`. Registering twice changes nothing.
pub async fn register(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<String> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let v = view(app, actor, slug, id).await?;
    if v.meeting.capacity == 0 {
        return Err(DomainError::Conflict("meeting-open-to-all").into());
    }
    if v.meeting.closed_at.is_some() {
        return Err(DomainError::Conflict("meeting-closed").into());
    }
    if let Some(r) = v.mine {
        return Ok(r.status);
    }
    let code: String = secret::random_token()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_uppercase();
    let t = now();
    let mut tx = app.store.write().await?;
    let status = match tx.register(id, user, &code, t).await? {
        Some(s) => s,
        None => return Ok("confirmed".into()),
    };
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "meeting.register",
        subject: format!("meeting:{id}"),
        details: json!({"status": status}),
    })
    .await?;
    tx.commit().await?;
    Ok(status)
}

/// Cancels the actor's registration; the first person waiting takes the place.
pub async fn cancel(app: &App, actor: &Actor, slug: &str, id: i64) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let v = view(app, actor, slug, id).await?;
    if v.mine.is_none() {
        return Ok(());
    }
    let t = now();
    let mut tx = app.store.write().await?;
    let promoted = tx.cancel_registration(id, user).await?;
    tx.audit(Event {
        at: t,
        actor: Some(user),
        action: "meeting.cancel",
        subject: format!("meeting:{id}"),
        details: json!({"promoted": promoted}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records attendance and minutes (organisers).
pub async fn close(
    app: &App,
    actor: &Actor,
    slug: &str,
    id: i64,
    input: &CloseInput,
) -> Result<()> {
    let v = view(app, actor, slug, id).await?;
    policy::can(actor, Action::ManageProcesses(OrgId(v.process.org_id)))?;
    let mut errors = Errors::new();
    let attendees = errors.take(
        input
            .attendees
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| (0..=1_000_000).contains(n))
            .ok_or(FieldError::new("attendees", "attendees-invalid")),
    );
    let minutes = errors.take(parse_text("minutes", &input.minutes, 20_000));
    errors.finish()?;
    let (Some(attendees), Some(minutes)) = (attendees, minutes) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    tx.close_meeting(id, attendees, &minutes, t).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "meeting.close",
        subject: format!("meeting:{id}"),
        details: json!({"attendees": attendees}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Escapes a text value of iCalendar (RFC 5545 §3.3.11) and folds it at 75 octets.
fn ical_line(name: &str, value: &str) -> String {
    let escaped = value
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n");
    let line = format!("{name}:{escaped}");
    let mut out = String::new();
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
    out
}

fn ical_time(local: &str) -> String {
    local.replace(['-', ':'], "") + "00"
}

/// The meeting as an iCalendar file, times in Europe/Rome.
pub fn ical(v: &MeetingView, base_url: &str) -> String {
    let m = &v.meeting;
    let url = format!("{base_url}/processes/{}/meetings/{}", v.process.slug, m.id);
    let location = match (m.place.is_empty(), m.online_url.is_empty()) {
        (false, false) => format!("{} — {}", m.place, m.online_url),
        (false, true) => m.place.clone(),
        _ => m.online_url.clone(),
    };
    let mut out = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Learning City//Meetings//IT\r\nCALSCALE:GREGORIAN\r\n\
         BEGIN:VTIMEZONE\r\nTZID:Europe/Rome\r\n\
         BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n\
         BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\n\
         END:VTIMEZONE\r\nBEGIN:VEVENT\r\n",
    );
    out.push_str(&format!("UID:meeting-{}@learning-city\r\n", m.id));
    out.push_str(&format!("DTSTAMP:{}\r\n", stamp(m.created_at)));
    out.push_str(&format!(
        "DTSTART;TZID=Europe/Rome:{}\r\n",
        ical_time(&m.starts_at)
    ));
    out.push_str(&format!(
        "DTEND;TZID=Europe/Rome:{}\r\n",
        ical_time(&m.ends_at)
    ));
    out.push_str(&ical_line("SUMMARY", &m.title));
    out.push_str(&ical_line(
        "DESCRIPTION",
        &format!("{}\n\n{url}", m.description),
    ));
    if !location.is_empty() {
        out.push_str(&ical_line("LOCATION", &location));
    }
    out.push_str(&ical_line("URL", &url));
    out.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    out
}

fn stamp(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(d) => format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            d.year(),
            u8::from(d.month()),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        ),
        Err(_) => "19700101T000000Z".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ical_text_is_escaped_and_folded() {
        assert_eq!(
            ical_line("SUMMARY", "Tavolo; sedie, e \\ fine"),
            "SUMMARY:Tavolo\\; sedie\\, e \\\\ fine\r\n"
        );
        let long = ical_line("DESCRIPTION", &"è".repeat(60));
        assert!(long.split("\r\n").all(|l| l.len() <= 75), "{long}");
        assert_eq!(ical_time("2026-12-01T18:30"), "20261201T183000");
        assert_eq!(stamp(0), "19700101T000000Z");
    }
}
