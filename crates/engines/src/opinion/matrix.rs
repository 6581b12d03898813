//! The vote matrix and its reading from Pol.is exports.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

/// A problem in an export file, with the file, line (1-based) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ReadError {}

/// Participants × statements. Rows and columns are in the order of their first vote (as Pol.is
/// keeps them; exact ties between statements are listed in this order); a cell is the
/// participant's last vote on the statement, or `None` when they did not vote.
#[derive(Debug, Clone, Default)]
pub struct VoteMatrix {
    pub participants: Vec<i64>,
    pub statements: Vec<i64>,
    pub votes: Vec<Vec<Option<i8>>>,
    /// Statements moderated out: they take no part in representative or consensus lists.
    pub moderated_out: BTreeSet<i64>,
}

impl VoteMatrix {
    /// Builds the matrix from `(participant, statement, vote)` triples in time order (a later vote
    /// replaces an earlier one).
    pub fn from_votes(votes: &[(i64, i64, i8)], moderated_out: BTreeSet<i64>) -> Self {
        let mut last: BTreeMap<(i64, i64), i8> = BTreeMap::new();
        let (mut participants, mut statements) = (Vec::new(), Vec::new());
        let (mut seen_p, mut seen_s) = (BTreeSet::new(), BTreeSet::new());
        for (p, s, v) in votes {
            last.insert((*p, *s), *v);
            if seen_p.insert(*p) {
                participants.push(*p);
            }
            if seen_s.insert(*s) {
                statements.push(*s);
            }
        }
        let pi: HashMap<i64, usize> = participants
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i))
            .collect();
        let si: HashMap<i64, usize> = statements
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i))
            .collect();
        let mut m = vec![vec![None; statements.len()]; participants.len()];
        for ((p, s), v) in last {
            m[pi[&p]][si[&s]] = Some(v);
        }
        Self {
            participants,
            statements,
            votes: m,
            moderated_out,
        }
    }

    /// The index of a participant's row.
    pub fn row(&self, participant: i64) -> Option<usize> {
        self.participants.iter().position(|p| *p == participant)
    }
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    out.push(field);
    out
}

/// Splits CSV text into records (a quoted field may hold line breaks): `(line, fields)`.
fn csv_records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut buf = String::new();
    let mut start = 1;
    for (i, line) in text.lines().enumerate() {
        if buf.is_empty() {
            start = i + 1;
        } else {
            buf.push('\n');
        }
        buf.push_str(line);
        if buf.matches('"').count().is_multiple_of(2) {
            records.push((start, split_csv_line(&buf)));
            buf.clear();
        }
    }
    if !buf.is_empty() {
        records.push((start, split_csv_line(&buf)));
    }
    records
}

fn column(header: &[String], name: &str, file: &str) -> Result<usize, ReadError> {
    header
        .iter()
        .position(|h| h.trim() == name)
        .ok_or_else(|| ReadError {
            file: file.into(),
            line: 1,
            message: format!("no column {name}"),
        })
}

/// Statements with `moderated == -1` in `comments.csv`.
pub fn moderated_out(comments_csv: &str) -> Result<BTreeSet<i64>, ReadError> {
    let recs = csv_records(comments_csv);
    let Some((_, header)) = recs.first() else {
        return Ok(BTreeSet::new());
    };
    let (id, modc) = (
        column(header, "comment-id", "comments.csv")?,
        column(header, "moderated", "comments.csv")?,
    );
    let mut out = BTreeSet::new();
    for (line, r) in recs.iter().skip(1) {
        let bad = |what: &str| ReadError {
            file: "comments.csv".into(),
            line: *line,
            message: what.into(),
        };
        let tid: i64 = r
            .get(id)
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| bad("comment-id is not a number"))?;
        if r.get(modc).map(|v| v.trim()) == Some("-1") {
            out.insert(tid);
        }
    }
    Ok(out)
}

/// Reads `votes.csv` (`timestamp, …, comment-id, voter-id, vote`), sorting by timestamp so the last
/// vote wins. Votes outside {−1, 0, 1} and malformed rows are errors; nothing is read then.
pub fn read_votes(votes_csv: &str, moderated_out: BTreeSet<i64>) -> Result<VoteMatrix, ReadError> {
    let recs = csv_records(votes_csv);
    let Some((_, header)) = recs.first() else {
        return Err(ReadError {
            file: "votes.csv".into(),
            line: 1,
            message: "empty file".into(),
        });
    };
    let (tc, cc, vc, xc) = (
        column(header, "timestamp", "votes.csv")?,
        column(header, "comment-id", "votes.csv")?,
        column(header, "voter-id", "votes.csv")?,
        column(header, "vote", "votes.csv")?,
    );
    let mut rows = Vec::with_capacity(recs.len());
    for (line, r) in recs.iter().skip(1) {
        let bad = |what: String| ReadError {
            file: "votes.csv".into(),
            line: *line,
            message: what,
        };
        let num = |i: usize, name: &str| -> Result<i64, ReadError> {
            r.get(i)
                .and_then(|v| v.trim().parse::<i64>().ok())
                .ok_or_else(|| bad(format!("{name} is not a whole number")))
        };
        let (t, s, p, v) = (
            num(tc, "timestamp")?,
            num(cc, "comment-id")?,
            num(vc, "voter-id")?,
            num(xc, "vote")?,
        );
        if !(-1..=1).contains(&v) {
            return Err(bad(format!("vote {v} is not -1, 0 or 1")));
        }
        rows.push((t, *line, p, s, v as i8));
    }
    rows.sort_by_key(|(t, line, ..)| (*t, *line));
    let triples: Vec<(i64, i64, i8)> = rows.into_iter().map(|(_, _, p, s, v)| (p, s, v)).collect();
    Ok(VoteMatrix::from_votes(&triples, moderated_out))
}

/// Reads `participants-votes.csv` (one row per participant, one column per statement).
pub fn read_participant_votes(
    csv: &str,
    moderated_out: BTreeSet<i64>,
) -> Result<VoteMatrix, ReadError> {
    let recs = csv_records(csv);
    let Some((_, header)) = recs.first() else {
        return Err(ReadError {
            file: "participants-votes.csv".into(),
            line: 1,
            message: "empty file".into(),
        });
    };
    let pc = column(header, "participant", "participants-votes.csv")?;
    let stmt_cols: Vec<(usize, i64)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.trim().parse::<i64>().ok().map(|s| (i, s)))
        .collect();
    let mut triples = Vec::new();
    for (line, r) in recs.iter().skip(1) {
        let bad = |what: String| ReadError {
            file: "participants-votes.csv".into(),
            line: *line,
            message: what,
        };
        let p: i64 = r
            .get(pc)
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| bad("participant is not a number".into()))?;
        for (i, s) in &stmt_cols {
            let cell = r.get(*i).map(|v| v.trim()).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            let v: i64 = cell
                .parse()
                .map_err(|_| bad(format!("vote {cell:?} on statement {s} is not a number")))?;
            if !(-1..=1).contains(&v) {
                return Err(bad(format!("vote {v} is not -1, 0 or 1")));
            }
            triples.push((p, *s, v as i8));
        }
    }
    Ok(VoteMatrix::from_votes(&triples, moderated_out))
}

/// Reads a Pol.is export folder: `votes.csv` when present, else `participants-votes.csv`, and the
/// moderation of `comments.csv`.
pub fn read_export(dir: &std::path::Path) -> Result<VoteMatrix, ReadError> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let moderated = match read("comments.csv") {
        Some(c) => moderated_out(&c)?,
        None => BTreeSet::new(),
    };
    if let Some(v) = read("votes.csv") {
        return read_votes(&v, moderated);
    }
    if let Some(pv) = read("participants-votes.csv") {
        return read_participant_votes(&pv, moderated);
    }
    Err(ReadError {
        file: dir.display().to_string(),
        line: 0,
        message: "no votes.csv or participants-votes.csv".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_vote_wins_and_bad_votes_are_refused() {
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n2,x,0,5,1\n1,x,0,5,-1\n3,\"a, b\",1,7,0\n";
        let m = read_votes(csv, BTreeSet::new()).expect("read");
        assert_eq!(m.participants, vec![5, 7]);
        assert_eq!(m.votes[0], vec![Some(1), None]);
        assert_eq!(m.votes[1], vec![None, Some(0)]);
        let bad = read_votes(
            "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,5,2\n",
            BTreeSet::new(),
        )
        .expect_err("bad vote");
        assert_eq!(
            bad.to_string(),
            "votes.csv line 2: vote 2 is not -1, 0 or 1"
        );
    }
}
