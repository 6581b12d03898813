//! Fluent messages in Italian (the default) and English, for pages and e-mails alike.
//! The files are `locales/{it,en}/main.ftl`; a test keeps their keys identical.

use domain::accounts::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use std::borrow::Cow;
use std::collections::HashMap;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "it",
        // Without this every interpolated value is wrapped in U+2068/U+2069 isolation marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static IT: LanguageIdentifier = langid!("it");
static EN: LanguageIdentifier = langid!("en");

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::It => &IT,
        Lang::En => &EN,
    }
}

/// The message `key` in `lang`; the key itself when it is missing (a test forbids that).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES
        .try_lookup(id(lang), key)
        .unwrap_or_else(|| key.to_owned())
}

/// The message `key` with named arguments. A value of plain digits is passed as a number, so
/// plural variants (`[0]`, `[1]`, `[other]`) choose by it.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, String)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(k, v)| {
            let value = match v.parse::<i64>() {
                Ok(n) if !v.starts_with('+') => FluentValue::from(n),
                _ => FluentValue::from(v.clone()),
            };
            (Cow::Borrowed(*k), value)
        })
        .collect();
    LOCALES
        .try_lookup_with_args(id(lang), key, &map)
        .unwrap_or_else(|| key.to_owned())
}

/// True when `key` exists in both languages (looked up with a value for every argument name
/// the messages use, since a message missing an argument does not format).
pub fn has(key: &str) -> bool {
    let args: HashMap<Cow<'static, str>, FluentValue> = [
        "count",
        "date",
        "name",
        "page",
        "password",
        "link",
        "org",
        "percent",
        "limit",
        "receipt",
        "total",
        "used",
        "spent",
        "share",
        "rho",
        "project",
        "command",
        "sheet",
        "participants",
        "votes",
        "group",
        "done",
    ]
    .into_iter()
    .map(|k| (Cow::Borrowed(k), FluentValue::from("1")))
    .collect();
    Lang::ALL
        .iter()
        .all(|l| LOCALES.try_lookup_with_args(id(*l), key, &args).is_some())
}

/// A `YYYY-MM-DD` date in the reader's words: `25 novembre 2026`, `25 November 2026`.
/// Anything that is not such a date is returned as it is.
pub fn format_date(lang: Lang, ymd: &str) -> String {
    let mut parts = ymd.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return ymd.to_owned();
    };
    let (Ok(m), Ok(d)) = (m.parse::<u8>(), d.parse::<u8>()) else {
        return ymd.to_owned();
    };
    if !(1..=12).contains(&m) {
        return ymd.to_owned();
    }
    format!("{d} {} {y}", t(lang, &format!("month-{m}")))
}

/// A Unix time as a date in the reader's words (UTC).
pub fn format_timestamp(lang: Lang, unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(dt) => format_date(
            lang,
            &format!(
                "{:04}-{:02}-{:02}",
                dt.year(),
                u8::from(dt.month()),
                dt.day()
            ),
        ),
        Err(_) => String::new(),
    }
}

/// An integer with the reader's thousands separator: `12.345` in Italian, `12,345` in English.
pub fn format_int(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::It => '.',
        Lang::En => ',',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plurals_choose_by_number() {
        use super::*;
        let one = t_args(Lang::En, "proposal-supports", &[("count", "1".into())]);
        assert_eq!(one, "1 support");
        let none = t_args(Lang::It, "proposal-supports", &[("count", "0".into())]);
        assert_eq!(none, "Nessun sostegno");
        let many = t_args(Lang::It, "proposal-supports", &[("count", "1.234".into())]);
        assert_eq!(many, "1.234 sostegni");
    }

    use super::*;
    use std::collections::BTreeSet;

    fn keys(lang: &str) -> BTreeSet<String> {
        let path = format!("{}/locales/{lang}/main.ftl", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).expect("locale file");
        text.lines()
            .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    #[test]
    fn italian_and_english_have_the_same_keys() {
        let (it, en) = (keys("it"), keys("en"));
        assert!(it.len() > 100, "only {} keys", it.len());
        assert_eq!(
            it.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in English"
        );
        assert_eq!(
            en.difference(&it).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in Italian"
        );
    }

    #[test]
    fn dates_and_numbers_in_the_readers_words() {
        assert_eq!(format_date(Lang::It, "2026-11-25"), "25 novembre 2026");
        assert_eq!(format_date(Lang::En, "2026-11-25"), "25 November 2026");
        assert_eq!(format_date(Lang::En, "not a date"), "not a date");
        assert_eq!(format_int(Lang::It, 1234567), "1.234.567");
        assert_eq!(format_int(Lang::En, 1234), "1,234");
        assert_eq!(format_int(Lang::En, 999), "999");
        assert_eq!(format_timestamp(Lang::It, 0), "1 gennaio 1970");
    }

    #[test]
    fn arguments_are_interpolated_without_isolation_marks() {
        assert_eq!(
            t_args(Lang::En, "mail-greeting", &[("name", "Anna".into())]),
            "Hello Anna,"
        );
    }
}
