//! Accounts: the values a person types when they register or edit their account.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Identifier of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserId(pub i64);

/// An e-mail address, trimmed and lowercased. Deliberately permissive on the local
/// part (RFC 5321 allows much), strict on what breaks mail: spaces, missing parts, no dot in the
/// domain, more than 254 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let bad = || FieldError::new("email", "email-invalid");
        let s = raw.trim();
        if s.is_empty() {
            return Err(FieldError::new("email", "email-required"));
        }
        if s.chars().count() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = s.rsplit_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty() || local.contains('@') || local.len() > 64 || !domain_ok {
            return Err(bad());
        }
        if local.contains(['<', '>', '"', '(', ')', ',', ';', ':', '\\', '[', ']']) {
            return Err(bad());
        }
        // Stored lowercased whole: people type their address in many ways, and no provider we
        // know of tells two mailboxes apart by case alone.
        Ok(Self(format!(
            "{}@{}",
            local.to_lowercase(),
            domain.to_lowercase()
        )))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A new password: at least 10 characters (NIST SP 800-63B asks for 8 at least; we ask a little
/// more), at most 200 so that hashing stays cheap.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 200;

    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let n = raw.chars().count();
        if n < Self::MIN_CHARS {
            return Err(FieldError::new("password", "password-too-short"));
        }
        if n > Self::MAX_CHARS {
            return Err(FieldError::new("password", "password-too-long"));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

/// A person's or organisation's display name: 2 to 100 characters, no markup, no control
/// characters. Markup is refused rather than silently stripped, so what is stored is what the
/// person typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(field: &'static str, raw: &str) -> Result<Self, FieldError> {
        let s = raw.trim();
        let n = s.chars().count();
        if n == 0 {
            return Err(FieldError::new(field, "name-required"));
        }
        if n < 2 {
            return Err(FieldError::new(field, "name-too-short"));
        }
        if n > Self::MAX_CHARS {
            return Err(FieldError::new(field, "name-too-long"));
        }
        if s.contains(['<', '>']) {
            return Err(FieldError::new(field, "name-markup"));
        }
        if s.chars().any(char::is_control) {
            return Err(FieldError::new(field, "name-invalid"));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The languages of the interface. Italian is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    It,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::It, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::It => "it",
            Lang::En => "en",
        }
    }

    /// Reads a language code (`it`, `en`, `en-GB`, `IT`…); `None` for anything else.
    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "it" => Some(Lang::It),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first supported language of an `Accept-Language` header, by quality.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag)
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, lang));
            }
        }
        best.map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_rules() {
        assert_eq!(
            Email::parse(" Anna.Rossi@Comune.Example.IT ").map(|e| e.0),
            Ok("anna.rossi@comune.example.it".into())
        );
        for bad in [
            "", "no-at", "a@b", "a b@c.it", "@c.it", "a@.it", "a@c.it.", "<x>@c.it", "a@c..it",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(
            Email::parse("").expect_err("refused").code,
            "email-required"
        );
    }

    #[test]
    fn password_length() {
        assert_eq!(
            NewPassword::parse("short").expect_err("refused").code,
            "password-too-short"
        );
        assert!(NewPassword::parse("abbastanza-lunga").is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(201))
                .expect_err("refused")
                .code,
            "password-too-long"
        );
    }

    #[test]
    fn names_refuse_markup_and_length() {
        assert_eq!(
            DisplayName::parse("name", "<b>Anna</b>")
                .expect_err("refused")
                .code,
            "name-markup"
        );
        assert_eq!(
            DisplayName::parse("name", &"a".repeat(10_000))
                .expect_err("refused")
                .code,
            "name-too-long"
        );
        assert_eq!(
            DisplayName::parse("name", "   ").expect_err("refused").code,
            "name-required"
        );
        assert_eq!(
            DisplayName::parse("name", " Anna Rossi ").map(|n| n.0),
            Ok("Anna Rossi".into())
        );
    }

    #[test]
    fn accept_language_picks_best_supported() {
        assert_eq!(
            Lang::from_accept_language("de-DE,en-GB;q=0.8,it;q=0.9"),
            Some(Lang::It)
        );
        assert_eq!(Lang::from_accept_language("fr, en;q=0.5"), Some(Lang::En));
        assert_eq!(Lang::from_accept_language("fr"), None);
    }
}
