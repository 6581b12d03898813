//! The search index: one document per searchable item with its terms (stems computed by
//! `engines::text`, weighted 2 in titles, 1 in bodies). Both engines compare the same strings, so
//! a query finds the same hits in the same order on SQLite and PostgreSQL.

use crate::{Result, Store, WriteTx};

/// A document to index.
pub struct Doc<'a> {
    /// `process`, `proposal`, `comment`, `organisation`, …
    pub kind: &'a str,
    pub item_id: i64,
    pub process_id: Option<i64>,
    pub title: &'a str,
    pub body: &'a str,
    pub href: &'a str,
    /// `(term, weight)`, each term once.
    pub terms: &'a [(String, i64)],
}

#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq, serde::Serialize)]
pub struct Hit {
    pub kind: String,
    pub item_id: i64,
    pub title: String,
    pub body: String,
    pub href: String,
    pub score: i64,
}

impl WriteTx {
    /// Adds or replaces the document of an item.
    pub async fn index_doc(&mut self, d: &Doc<'_>) -> Result<()> {
        self.unindex(d.kind, d.item_id).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO search_docs (kind, item_id, process_id, title, body, href) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(d.kind.to_owned())
        .bind(d.item_id)
        .bind(d.process_id)
        .bind(d.title.to_owned())
        .bind(d.body.to_owned())
        .bind(d.href.to_owned())
        .fetch_one(&mut *self.tx)
        .await?;
        for chunk in d.terms.chunks(100) {
            let values: Vec<String> = (0..chunk.len())
                .map(|i| format!("(${}, $1, ${})", 2 * i + 2, 2 * i + 3))
                .collect();
            let sql = format!(
                "INSERT INTO search_terms (term, doc_id, weight) VALUES {}",
                values.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id);
            for (term, weight) in chunk {
                q = q.bind(term.clone()).bind(*weight);
            }
            q.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    pub async fn unindex(&mut self, kind: &str, item: i64) -> Result<()> {
        sqlx::query(
            "DELETE FROM search_terms WHERE doc_id IN (SELECT id FROM search_docs WHERE kind = $1 AND item_id = $2)",
        )
        .bind(kind.to_owned())
        .bind(item)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query("DELETE FROM search_docs WHERE kind = $1 AND item_id = $2")
            .bind(kind.to_owned())
            .bind(item)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }
}

/// Placeholders (`$n, $n+1, …`) for `alts`, whose values are added to `binds`.
fn marks(alts: &[String], binds: &mut Vec<String>) -> String {
    marks_after(0, alts, binds)
}

/// [`marks`] after `taken` placeholders bound elsewhere.
fn marks_after(taken: usize, alts: &[String], binds: &mut Vec<String>) -> String {
    alts.iter()
        .map(|a| {
            binds.push(a.clone());
            format!("${}", taken + binds.len())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A query: for each word, the stems any of which must occur.
pub struct Query<'a> {
    pub words: &'a [Vec<String>],
    pub kind: Option<&'a str>,
    pub process_id: Option<i64>,
    pub limit: i64,
    pub offset: i64,
    /// Count the hits per kind too (the search page's filters).
    pub facets: bool,
}

impl Store {
    /// The words of `q`, rarest first, and the condition on documents `d` holding all of them
    /// (within the process when asked, never in a private space), with its bound values.
    ///
    /// The placeholders follow the `taken` ones a caller already binds.
    pub(crate) async fn filter<'q>(
        &self,
        q: &'q Query<'_>,
        taken: usize,
    ) -> Result<(Vec<&'q Vec<String>>, String, Vec<String>)> {
        let mut words: Vec<(i64, usize, &Vec<String>)> = Vec::with_capacity(q.words.len());
        for (i, alts) in q.words.iter().enumerate() {
            let mut values = Vec::new();
            let sql = format!(
                "SELECT COUNT(*) FROM search_terms WHERE term IN ({})",
                marks(alts, &mut values)
            );
            let mut cq = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
            for a in values {
                cq = cq.bind(a);
            }
            words.push((cq.fetch_one(self.pool()).await?, i, alts));
        }
        words.sort_by_key(|(n, i, _)| (*n, *i));
        let words: Vec<&Vec<String>> = words.into_iter().map(|(_, _, alts)| alts).collect();
        let mut binds: Vec<String> = Vec::new();
        // The filter: candidates from the rarest word, the others probed.
        let mut filter = format!(
            " WHERE d.id IN (SELECT doc_id FROM search_terms WHERE term IN ({}))",
            marks_after(taken, words[0], &mut binds)
        );
        for (i, alts) in words.iter().enumerate().skip(1) {
            filter.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM search_terms e{i} WHERE e{i}.doc_id = d.id AND e{i}.term IN ({}))",
                marks_after(taken, alts, &mut binds)
            ));
        }
        if let Some(p) = q.process_id {
            filter.push_str(&format!(" AND d.process_id = {p}"));
        }
        // Private spaces never show in search, whoever asks.
        filter.push_str(
            " AND NOT EXISTS (SELECT 1 FROM processes pp WHERE pp.id = d.process_id AND pp.private = 1)",
        );
        Ok((words, filter, binds))
    }

    /// Documents holding every word of the query, best first (title hits weigh more), then
    /// newest; with the number of hits per kind (all kinds, before the kind filter).
    ///
    /// The rarest word drives the query (its postings are read from the covering index); every
    /// other word is probed per candidate, so the cost follows the rarest word's postings.
    pub async fn search(&self, q: &Query<'_>) -> Result<(Vec<Hit>, Vec<(String, i64)>)> {
        if q.words.is_empty() {
            return Ok((vec![], vec![]));
        }
        let (words, mut filter, mut binds) = self.filter(q, 0).await?;
        let facets_sql = format!(
            "SELECT d.kind, COUNT(*) FROM search_docs d{filter} GROUP BY d.kind ORDER BY d.kind"
        );
        let facets = if q.facets {
            let mut fq = sqlx::query_as::<_, (String, i64)>(sqlx::AssertSqlSafe(facets_sql));
            for b in &binds {
                fq = fq.bind(b.clone());
            }
            fq.fetch_all(self.pool()).await?
        } else {
            vec![]
        };
        if let Some(k) = q.kind {
            binds.push(k.to_owned());
            filter.push_str(&format!(" AND d.kind = ${}", binds.len()));
        }
        let mut score = Vec::new();
        for (i, alts) in words.iter().enumerate() {
            score.push(format!(
                "(SELECT MAX(s{i}.weight) FROM search_terms s{i} WHERE s{i}.doc_id = d.id AND s{i}.term IN ({}))",
                marks(alts, &mut binds)
            ));
        }
        let sql = format!(
            "SELECT d.kind, d.item_id, d.title, d.body, d.href, {} AS score FROM search_docs d{filter} \
             ORDER BY score DESC, d.id DESC LIMIT {} OFFSET {}",
            score.join(" + "),
            q.limit.clamp(1, 100),
            q.offset.max(0)
        );
        let mut hq = sqlx::query_as::<_, Hit>(sqlx::AssertSqlSafe(sql));
        for b in &binds {
            hq = hq.bind(b.clone());
        }
        Ok((hq.fetch_all(self.pool()).await?, facets))
    }
}
