//! Participatory processes: what kind of process, how much power the participants have (the IAP2
//! spectrum), and the phases whose dates decide what is open.

use crate::error::FieldError;
use crate::organisations::Date;

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $field:literal, $err:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(raw: &str) -> Result<Self, FieldError> {
                Self::ALL.iter().copied().find(|k| k.code() == raw.trim()).ok_or(FieldError::new($field, $err))
            }
        }
    };
}

code_enum!(
    /// The kind of a participatory process.
    ProcessKind, "kind", "process-kind-invalid", {
        Consultation => "consultation",
        CoDesign => "co-design",
        ParticipatoryBudget => "participatory-budget",
        CitizensAssembly => "citizens-assembly",
        PactProgramme => "pact-programme",
        Assembly => "assembly",
    }
);

code_enum!(
    /// A role someone holds in one participatory space (given by its administrators). Members of a
    /// private space see it and take part; facilitators open and close debates and meetings;
    /// moderators hide and restore content; evaluators answer proposals.
    SpaceRole, "role", "space-role-invalid", {
        Member => "member",
        Facilitator => "facilitator",
        Moderator => "moderator",
        Evaluator => "evaluator",
    }
);

code_enum!(
    /// How often someone wants the e-mail digest of their notifications.
    DigestFrequency, "digest", "digest-invalid", {
        Daily => "daily",
        Weekly => "weekly",
        Never => "never",
    }
);

code_enum!(
    /// The IAP2 spectrum of public participation: the promise's strength.
    Iap2Level, "iap2", "iap2-invalid", {
        Inform => "inform",
        Consult => "consult",
        Involve => "involve",
        Collaborate => "collaborate",
        Empower => "empower",
    }
);

code_enum!(
    /// What a phase opens.
    PhaseKind, "phase_kind", "phase-kind-invalid", {
        Information => "information",
        Proposing => "proposing",
        Supporting => "supporting",
        Commenting => "commenting",
        Voting => "voting",
        Evaluating => "evaluating",
        Implementing => "implementing",
    }
);

code_enum!(
    /// The theme of a proposal, for filtering.
    Category, "category", "category-invalid", {
        Environment => "environment",
        Mobility => "mobility",
        Culture => "culture",
        Education => "education",
        Social => "social",
        Sport => "sport",
        Urban => "urban",
        Youth => "youth",
        Other => "other",
    }
);

code_enum!(
    /// The organisation's official answer to a proposal.
    Answer, "answer", "answer-invalid", {
        Evaluating => "evaluating",
        Accepted => "accepted",
        Rejected => "rejected",
        Implemented => "implemented",
    }
);

code_enum!(
    /// Where a meeting happens.
    MeetingKind, "kind", "meeting-kind-invalid", {
        InPerson => "in-person",
        Online => "online",
        Hybrid => "hybrid",
    }
);

code_enum!(
    /// How a meeting is run.
    MeetingMethod, "method", "meeting-method-invalid", {
        WorldCafe => "world-cafe",
        OpenSpace => "open-space",
        Workshop => "workshop",
        PublicAssembly => "public-assembly",
        FocusGroup => "focus-group",
        Walk => "walk",
        Other => "other",
    }
);

/// A local date and time `YYYY-MM-DDTHH:MM` (what a `datetime-local` field sends; a space instead
/// of `T` is accepted).
pub fn parse_local_datetime(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let bad = || FieldError::new(field, "datetime-invalid");
    let t = raw.trim().replacen(' ', "T", 1);
    let (date, time) = t.split_once('T').ok_or_else(bad)?;
    let d = Date::parse(field, date).map_err(|_| bad())?;
    let (h, m) = time
        .get(..5)
        .and_then(|hm| hm.split_once(':'))
        .ok_or_else(bad)?;
    let (h, m): (u8, u8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 || time.len() != 5 && time.len() != 8 {
        return Err(bad());
    }
    Ok(format!("{d}T{h:02}:{m:02}"))
}

/// A comment's stance: for (+1), neutral (0), against (−1).
pub fn parse_alignment(raw: &str) -> Result<i64, FieldError> {
    match raw.trim() {
        "" | "0" => Ok(0),
        "1" => Ok(1),
        "-1" => Ok(-1),
        _ => Err(FieldError::new("alignment", "alignment-invalid")),
    }
}

/// An optional cost estimate in whole euros: empty, or digits (dots, spaces or apostrophes
/// as thousands separators allowed), at most 100 000 000.
pub fn parse_cost(raw: &str) -> Result<Option<i64>, FieldError> {
    let t: String = raw
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\'' | '\u{a0}'))
        .collect();
    let t = t.strip_prefix('€').unwrap_or(&t).trim().to_owned();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=100_000_000).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::new("cost", "cost-invalid")),
    }
}

/// A phase's dates: the end is on or after the start.
pub fn parse_phase_dates(starts: &str, ends: &str) -> Result<(Date, Date), Vec<FieldError>> {
    let s = Date::parse("starts_on", starts);
    let e = Date::parse("ends_on", ends);
    match (s, e) {
        (Ok(s), Ok(e)) if e >= s => Ok((s, e)),
        (Ok(_), Ok(_)) => Err(vec![FieldError::new("ends_on", "phase-ends-before-start")]),
        (s, e) => Err([s.err(), e.err()].into_iter().flatten().collect()),
    }
}

/// Where today falls on a timeline of `(starts_on, ends_on)` phases (dates `YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseState {
    Past,
    Current,
    Upcoming,
}

pub fn phase_state(starts_on: &str, ends_on: &str, today: &str) -> PhaseState {
    if today < starts_on {
        PhaseState::Upcoming
    } else if today > ends_on {
        PhaseState::Past
    } else {
        PhaseState::Current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_dates() {
        assert_eq!(ProcessKind::parse("co-design"), Ok(ProcessKind::CoDesign));
        assert_eq!(
            ProcessKind::parse("x").expect_err("bad").code,
            "process-kind-invalid"
        );
        assert_eq!(Iap2Level::ALL.len(), 5);
        assert_eq!(parse_cost(" 12.500 "), Ok(Some(12_500)));
        assert_eq!(parse_cost(""), Ok(None));
        assert_eq!(parse_cost("-3").expect_err("neg").code, "cost-invalid");
        assert_eq!(parse_cost("1e9").expect_err("exp").code, "cost-invalid");
        assert_eq!(parse_alignment("-1"), Ok(-1));
        assert!(parse_alignment("2").is_err());
        assert_eq!(Answer::parse("implemented"), Ok(Answer::Implemented));
        assert_eq!(
            parse_local_datetime("s", "2026-12-01 18:30"),
            Ok("2026-12-01T18:30".to_owned())
        );
        assert_eq!(
            parse_local_datetime("s", "2026-12-01T18:30:00"),
            Ok("2026-12-01T18:30".to_owned())
        );
        assert!(parse_local_datetime("s", "2026-12-01T25:00").is_err());
        assert!(parse_local_datetime("s", "2026-02-30T10:00").is_err());
        assert_eq!(
            parse_phase_dates("2026-03-01", "2026-02-01").expect_err("order")[0].code,
            "phase-ends-before-start"
        );
        assert_eq!(
            parse_phase_dates("x", "2026-02-30").expect_err("bad").len(),
            2
        );
        assert_eq!(
            phase_state("2026-01-01", "2026-01-31", "2026-01-31"),
            PhaseState::Current
        );
        assert_eq!(
            phase_state("2026-01-01", "2026-01-31", "2026-02-01"),
            PhaseState::Past
        );
        assert_eq!(
            phase_state("2026-01-01", "2026-01-31", "2025-12-31"),
            PhaseState::Upcoming
        );
    }
}
