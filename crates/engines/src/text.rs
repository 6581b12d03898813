//! Text normalisation for search and matching, the same for every backend and language.
//!
//! Search on SQLite and PostgreSQL must return the same hits, so neither database's own text
//! rules are used: both compare strings folded here.
//!
//! Full-text search indexes [`terms`]: every folded word reduced by the Italian and the English
//! Snowball stemmers (`giovani`, `giovane` → `giovan`; `parks`, `park` → `park`), stop words left
//! out. A query matches a document when each query word shares a stem with some word of it; the
//! same sets of strings are compared by both databases. [`similarity`] compares two texts by their
//! stems (similar proposals while writing), [`snippet`] cuts a highlighted excerpt around hits.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeSet;
use std::sync::OnceLock;
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

/// Words too common in Italian or English to tell documents apart (already folded).
const STOP_WORDS: &[&str] = &[
    "a", "ad", "agli", "ai", "al", "all", "alla", "alle", "and", "are", "as", "at", "be", "by",
    "che", "chi", "ci", "come", "con", "da", "dai", "dal", "dalla", "de", "degli", "dei", "del",
    "della", "delle", "di", "e", "ed", "for", "from", "gli", "ha", "i", "il", "in", "is", "it",
    "l", "la", "le", "lo", "ma", "mi", "ne", "nei", "nel", "nella", "non", "o", "of", "on", "or",
    "per", "piu", "quale", "questo", "se", "si", "su", "sul", "sulla", "that", "the", "this", "to",
    "tra", "un", "una", "uno", "was", "we", "with", "you",
];

fn stemmers() -> &'static (Stemmer, Stemmer) {
    static S: OnceLock<(Stemmer, Stemmer)> = OnceLock::new();
    S.get_or_init(|| {
        (
            Stemmer::create(Algorithm::Italian),
            Stemmer::create(Algorithm::English),
        )
    })
}

/// The stems of one folded word: its Italian and its English stem (one when they agree).
pub fn word_stems(word: &str) -> Vec<String> {
    let (it, en) = stemmers();
    let a = it.stem(word).into_owned();
    let b = en.stem(word).into_owned();
    if a == b { vec![a] } else { vec![a, b] }
}

fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The search terms of a text: the stems of its words, stop words left out, sorted, once each.
///
/// ```
/// let t = learning_city_engines::text::terms("I giovani e il Parco");
/// assert_eq!(t, vec!["giovan", "giovani", "parc", "parco"]);
/// ```
pub fn terms(input: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    for w in tokens(input) {
        if !is_stop(&w) {
            out.extend(word_stems(&w));
        }
    }
    out.into_iter().collect()
}

/// A search query: for each meaningful word, the stems any of which must occur (at most 8 words).
pub fn query_terms(query: &str) -> Vec<Vec<String>> {
    let mut seen = BTreeSet::new();
    tokens(query)
        .into_iter()
        .filter(|w| !is_stop(w) && seen.insert(w.clone()))
        .take(8)
        .map(|w| word_stems(&w))
        .collect()
}

/// How alike two texts are, from 0 (nothing in common) to 1: the Jaccard index of their Italian
/// stems, stop words left out.
pub fn similarity(a: &str, b: &str) -> f64 {
    let set = |s: &str| -> BTreeSet<String> {
        tokens(s)
            .into_iter()
            .filter(|w| !is_stop(w))
            .map(|w| stemmers().0.stem(&w).into_owned())
            .collect()
    };
    let (x, y) = (set(a), set(b));
    let union = x.union(&y).count();
    if union == 0 {
        return 0.0;
    }
    x.intersection(&y).count() as f64 / union as f64
}

/// An excerpt of `text` of about `width` words around the first word that matches `query`, as
/// pieces `(text, is_hit)`; the caller escapes the text and marks the hits.
pub fn snippet(text: &str, query: &[Vec<String>], width: usize) -> Vec<(String, bool)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let hit = |w: &str| -> bool {
        let stems: Vec<String> = tokens(w).iter().flat_map(|t| word_stems(t)).collect();
        query
            .iter()
            .any(|alts| alts.iter().any(|q| stems.iter().any(|s| s == q)))
    };
    let first = words.iter().position(|w| hit(w)).unwrap_or(0);
    let start = first.saturating_sub(width / 3);
    let end = (start + width).min(words.len());
    let mut out: Vec<(String, bool)> = Vec::new();
    if start > 0 {
        out.push(("… ".into(), false));
    }
    for (i, w) in words[start..end].iter().enumerate() {
        let sep = if i + 1 < end - start { " " } else { "" };
        if hit(w) {
            out.push(((*w).to_owned(), true));
            out.push((sep.to_owned(), false));
        } else {
            match out.last_mut() {
                Some((t, false)) => {
                    t.push_str(w);
                    t.push_str(sep);
                }
                _ => out.push((format!("{w}{sep}"), false)),
            }
        }
    }
    if end < words.len() {
        out.push((" …".into(), false));
    }
    out.retain(|(t, _)| !t.is_empty());
    out
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

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut s = STOP_WORDS.to_vec();
        s.sort_unstable();
        assert_eq!(s, STOP_WORDS);
    }

    #[test]
    fn italian_and_english_stems() {
        assert_eq!(word_stems("giovani"), vec!["giovan", "giovani"]);
        assert!(word_stems("giovane").contains(&"giovan".to_owned()));
        assert!(word_stems("parchi").contains(&"parc".to_owned()));
        assert!(word_stems("partecipazione").contains(&"partecip".to_owned()));
        assert!(word_stems("parks").contains(&"park".to_owned()));
        assert_eq!(terms("Città"), vec!["citt", "citta"]);
        assert_eq!(query_terms("il parco dei giovani").len(), 2);
    }

    #[test]
    fn similarity_of_proposals() {
        let a = "Più alberi e ombra nel parco giochi";
        let b = "Alberi per fare ombra al parco";
        let c = "Biblioteca aperta la sera";
        assert!(similarity(a, b) > 0.4, "{}", similarity(a, b));
        assert_eq!(similarity(a, c), 0.0);
        assert_eq!(similarity("", ""), 0.0);
    }

    #[test]
    fn snippet_marks_hits() {
        let q = query_terms("parchi");
        let s = snippet("Vogliamo un parco più verde per tutti", &q, 4);
        assert_eq!(
            s,
            vec![
                ("… un ".to_owned(), false),
                ("parco".to_owned(), true),
                (" più verde".to_owned(), false),
                (" …".to_owned(), false)
            ]
        );
    }
}
