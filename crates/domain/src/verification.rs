//! Residents' verification: the identifier of a census record (an Italian codice fiscale, checked
//! with its control character, or another identifier of 4–32 letters and digits) and a date of
//! birth (`YYYY-MM-DD` or `DD/MM/YYYY`), normalised so the same person always gives the same key.

use crate::error::FieldError;
use crate::organisations::Date;

/// Odd-position values of the codice fiscale's control character (positions 1, 3, …, 15).
const ODD: [u32; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

fn char_value(c: u8, odd: bool) -> Option<u32> {
    let idx = match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A'),
        _ => return None,
    };
    if odd {
        ODD.get(idx as usize).copied()
    } else {
        Some(idx)
    }
}

/// The control character of the first 15 characters of a codice fiscale.
pub fn codice_fiscale_check(first15: &str) -> Option<char> {
    let b = first15.as_bytes();
    if b.len() != 15 {
        return None;
    }
    let mut sum = 0;
    for (i, c) in b.iter().enumerate() {
        sum += char_value(*c, i % 2 == 0)?;
    }
    char::from_u32(u32::from(b'A') + sum % 26)
}

/// A census identifier, upper-cased without spaces.
pub fn parse_identifier(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let id: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    if id.is_empty() {
        return Err(FieldError::new(field, "identifier-required"));
    }
    if !(4..=32).contains(&id.len()) || !id.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return Err(FieldError::new(field, "identifier-invalid"));
    }
    if id.len() == 16 && id.as_bytes()[..6].iter().all(u8::is_ascii_alphabetic) {
        let ok = codice_fiscale_check(&id[..15]).is_some_and(|c| id.ends_with(c));
        if !ok {
            return Err(FieldError::new(field, "codice-fiscale-invalid"));
        }
    }
    Ok(id)
}

/// A date of birth, `YYYY-MM-DD` or `DD/MM/YYYY`.
pub fn parse_birth_date(field: &'static str, raw: &str) -> Result<Date, FieldError> {
    let t = raw.trim();
    let iso = match t.split('/').collect::<Vec<_>>().as_slice() {
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => t.to_owned(),
    };
    Date::parse(field, &iso).map_err(|_| FieldError::new(field, "birth-date-invalid"))
}

/// The text a census record is hashed from (with the organisation's salt).
pub fn record_key(identifier: &str, birth: &Date) -> String {
    format!("{identifier}|{birth}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codice_fiscale_control_character() {
        assert_eq!(codice_fiscale_check("RSSMRA85T10A562"), Some('S'));
        assert_eq!(
            parse_identifier("id", " rssmra85t10a562s "),
            Ok("RSSMRA85T10A562S".into())
        );
        assert_eq!(
            parse_identifier("id", "RSSMRA85T10A562X")
                .expect_err("check")
                .code,
            "codice-fiscale-invalid"
        );
        assert_eq!(
            parse_identifier("id", "AB-12").expect_err("chars").code,
            "identifier-invalid"
        );
        assert_eq!(
            parse_identifier("id", "   ").expect_err("empty").code,
            "identifier-required"
        );
        assert_eq!(parse_identifier("id", "RES00042"), Ok("RES00042".into()));
    }

    #[test]
    fn birth_dates_in_both_notations() {
        let a = parse_birth_date("d", "1985-12-10").expect("iso");
        let b = parse_birth_date("d", "10/12/1985").expect("it");
        assert_eq!(a, b);
        assert_eq!(record_key("X1234", &a), "X1234|1985-12-10");
        assert_eq!(
            parse_birth_date("d", "31/02/1985").expect_err("bad").code,
            "birth-date-invalid"
        );
    }
}
