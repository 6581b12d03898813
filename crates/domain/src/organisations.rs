//! Organisations, territories, roles, networks and commitments.
//!
//! A network body (a local Learning Cities network, ALDA, the PASCAL Observatory…) is an
//! organisation of kind [`OrgKind::Network`]; its members are other organisations, each with the
//! date it joined. A commitment (the Learning Cities Manifesto) is signed by organisations on a date.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifier of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OrgId(pub i64);

/// The kinds of organisation in a learning-city network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Municipality,
    Association,
    University,
    Consortium,
    School,
    Company,
    Network,
}

impl OrgKind {
    pub const ALL: [OrgKind; 7] = [
        OrgKind::Municipality,
        OrgKind::Association,
        OrgKind::University,
        OrgKind::Consortium,
        OrgKind::School,
        OrgKind::Company,
        OrgKind::Network,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrgKind::Municipality => "municipality",
            OrgKind::Association => "association",
            OrgKind::University => "university",
            OrgKind::Consortium => "consortium",
            OrgKind::School => "school",
            OrgKind::Company => "company",
            OrgKind::Network => "network",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == raw.trim())
            .ok_or(FieldError::new("kind", "kind-invalid"))
    }
}

impl fmt::Display for OrgKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A role a person holds in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgRole {
    Admin,
    Member,
}

impl OrgRole {
    pub const ALL: [OrgRole; 2] = [OrgRole::Admin, OrgRole::Member];

    pub fn code(self) -> &'static str {
        match self {
            OrgRole::Admin => "admin",
            OrgRole::Member => "member",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|r| r.code() == raw.trim())
            .ok_or(FieldError::new("role", "role-invalid"))
    }
}

/// The readable, stable part of an address: `comune-di-bologna`. Lowercase ASCII letters, digits
/// and single hyphens, 2 to 60 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Slug(String);

impl Slug {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        let ok = (2..=60).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(FieldError::new("slug", "slug-invalid"))
        }
    }

    /// Makes a slug from a name: `Comune di Forlì` → `comune-di-forli`.
    pub fn from_name(name: &str) -> Result<Self, FieldError> {
        let folded = engines::text::fold(name);
        let ascii: String = folded
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let mut s = ascii
            .split('-')
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        s.truncate(60);
        Self::parse(s.trim_end_matches('-'))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// ISTAT code of an Italian municipality: six digits (e.g. `037006` for Bologna).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IstatCode(String);

impl IstatCode {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        if s.len() == 6 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s.to_owned()))
        } else {
            Err(FieldError::new("istat_code", "istat-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A NUTS-3 code: a two-letter country code and three letters or digits (`ITH55`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Nuts3(String);

impl Nuts3 {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim().to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() == 5
            && b[..2].iter().all(u8::is_ascii_uppercase)
            && b[2..].iter().all(u8::is_ascii_alphanumeric)
        {
            Ok(Self(s))
        } else {
            Err(FieldError::new("nuts3", "nuts3-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar date written `YYYY-MM-DD`, checked for a real day of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::new(field, "date-invalid");
        let s = raw.trim();
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u8 = m.parse().map_err(|_| bad())?;
        let day: u8 = d.parse().map_err(|_| bad())?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(bad()),
        };
        if !(1900..=2200).contains(&year) || day == 0 || day > days {
            return Err(bad());
        }
        Ok(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A free text of a profile (description): at most `max` characters, control characters other
/// than line breaks refused. Stored as typed; pages escape it.
pub fn parse_text(field: &'static str, raw: &str, max: usize) -> Result<String, FieldError> {
    let s = raw.trim();
    if s.chars().count() > max {
        return Err(FieldError::new(field, "text-too-long"));
    }
    if s.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(FieldError::new(field, "text-invalid"));
    }
    Ok(s.replace("\r\n", "\n"))
}

/// An optional web address: empty, or `http(s)://` followed by a host.
pub fn parse_url(field: &'static str, raw: &str) -> Result<Option<String>, FieldError> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    match rest {
        Some(r)
            if !r.is_empty()
                && s.len() <= 300
                && !s.contains(char::is_whitespace)
                && !s.contains(['<', '>', '"']) =>
        {
            Ok(Some(s.to_owned()))
        }
        _ => Err(FieldError::new(field, "url-invalid")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            Slug::from_name("Comune di Forlì").map(|s| s.0),
            Ok("comune-di-forli".into())
        );
        assert_eq!(
            Slug::from_name("Università — Politecnico!").map(|s| s.0),
            Ok("universita-politecnico".into())
        );
        assert!(Slug::parse("Bad Slug").is_err());
        assert!(Slug::parse("a--b").is_err());
        assert!(Slug::parse("ok-slug-1").is_ok());
    }

    #[test]
    fn territory_codes() {
        assert!(IstatCode::parse("037006").is_ok());
        assert!(IstatCode::parse("37006").is_err());
        assert_eq!(Nuts3::parse("ith55").map(|n| n.0), Ok("ITH55".into()));
        assert!(Nuts3::parse("IT1").is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(
            Date::parse("d", "2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        assert!(Date::parse("d", "2023-02-29").is_err());
        assert!(Date::parse("d", "2023-13-01").is_err());
        assert!(Date::parse("d", "1/1/2023").is_err());
    }

    #[test]
    fn urls() {
        assert_eq!(parse_url("w", ""), Ok(None));
        assert!(parse_url("w", "https://comune.example.it").is_ok());
        assert!(parse_url("w", "javascript:alert(1)").is_err());
    }
}
