//! Text normalisation for search and matching, the same for every backend and language.
//!
//! Search on SQLite and PostgreSQL must return the same hits, so neither database's own text
//! rules are used: both compare strings folded here.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lowercases, removes diacritics (`Università` → `universita`), and collapses every run of
/// non-alphanumeric characters into one space.
///
/// ```
/// assert_eq!(learning_city_engines::text::fold("  Città di Forlì—Cesena! "), "citta di forli cesena");
/// ```
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// The folded words of `input`, in order.
pub fn tokens(input: &str) -> Vec<String> {
    fold(input)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True when every folded word of `query` is a prefix of some folded word of `text`.
/// An empty query matches everything.
pub fn matches_all(query: &str, text: &str) -> bool {
    let haystack = tokens(text);
    tokens(query)
        .iter()
        .all(|q| haystack.iter().any(|w| w.starts_with(q.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_italian_diacritics_and_punctuation() {
        assert_eq!(
            fold("Perché l'Università è QUI?"),
            "perche l universita e qui"
        );
        assert_eq!(fold(""), "");
        assert_eq!(fold("---"), "");
    }

    #[test]
    fn tokens_split_on_folded_spaces() {
        assert_eq!(
            tokens("Comune di Sàn Lazzaro"),
            vec!["comune", "di", "san", "lazzaro"]
        );
    }

    #[test]
    fn matches_prefixes_of_every_word() {
        assert!(matches_all("univ bolo", "Università di Bologna"));
        assert!(!matches_all("univ torino", "Università di Bologna"));
        assert!(matches_all("", "anything"));
    }
}
