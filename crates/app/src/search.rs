//! Full-text search over everything public: the index is written in the same transaction as
//! the content it describes, with terms from `engines::text` so both databases agree.

use crate::{App, Result};
use engines::text;
use std::collections::BTreeMap;
use store::WriteTx;
use store::search::{Doc, Hit, Query};

/// The kinds of content search knows, in the order of its filters.
pub const KINDS: &[&str] = &[
    "process",
    "proposal",
    "debate",
    "comment",
    "meeting",
    "result",
    "organisation",
];

/// The `(term, weight)` pairs of a title and a body: title terms weigh 2, body terms 1.
pub fn weighted_terms(title: &str, body: &str) -> Vec<(String, i64)> {
    let mut out: BTreeMap<String, i64> = BTreeMap::new();
    for t in text::terms(body) {
        out.insert(t, 1);
    }
    for t in text::terms(title) {
        out.insert(t, 2);
    }
    out.into_iter().collect()
}

/// Indexes (or re-indexes) one item inside the caller's transaction. A comment's title is the
/// title of what it comments on: shown with the hit, not searched.
pub async fn index(
    tx: &mut WriteTx,
    kind: &str,
    item_id: i64,
    process_id: Option<i64>,
    title: &str,
    body: &str,
    href: &str,
) -> Result<()> {
    let terms = if kind == "comment" {
        weighted_terms("", body)
    } else {
        weighted_terms(title, body)
    };
    let short: String = body.chars().take(2000).collect();
    tx.index_doc(&Doc {
        kind,
        item_id,
        process_id,
        title,
        body: &short,
        href,
        terms: &terms,
    })
    .await?;
    Ok(())
}

/// A page of results.
pub struct Results {
    pub hits: Vec<Hit>,
    /// Per hit, an excerpt around the first matching word as pieces `(text, is_hit)`.
    pub snippets: Vec<Vec<(String, bool)>>,
    /// `(kind, hits)` for every kind with hits.
    pub facets: Vec<(String, i64)>,
    /// Hits under the chosen kind (or all).
    pub total: i64,
    pub words: Vec<Vec<String>>,
}

pub const PAGE: i64 = 20;

/// Searches public content; `kind` narrows to one kind, `page` counts from 1.
pub async fn search(app: &App, q: &str, kind: Option<&str>, page: i64) -> Result<Results> {
    let words = text::query_terms(q);
    let kind = kind.filter(|k| KINDS.contains(k));
    let (hits, facets) = app
        .store
        .search(&Query {
            words: &words,
            kind,
            process_id: None,
            limit: PAGE,
            offset: (page.max(1) - 1) * PAGE,
            facets: true,
        })
        .await?;
    let total = facets
        .iter()
        .filter(|(k, _)| kind.is_none_or(|want| want == k))
        .map(|(_, n)| n)
        .sum();
    let snippets = hits
        .iter()
        .map(|h| text::snippet(&h.body, &words, 30))
        .collect();
    Ok(Results {
        hits,
        snippets,
        facets,
        total,
        words,
    })
}
