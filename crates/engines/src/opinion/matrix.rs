//! The vote matrix and its reading from Pol.is exports.

use std::collections::{BTreeSet, HashMap};
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

/// Participants × statements, stored sparsely: a conversation of 100 000 participants and 2 000
/// statements has 200 M cells but only the ~10 M that were voted on are kept. Rows and columns
/// are in the order of their first vote (as Pol.is keeps them; exact ties between statements are
/// listed in this order); a cell is the participant's last vote on the statement.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VoteMatrix {
    pub participants: Vec<i64>,
    pub statements: Vec<i64>,
    /// Each participant's votes as `(column, vote)`, sorted by column, one per column.
    pub rows: Vec<Vec<(u32, i8)>>,
    /// Statements moderated out: they take no part in representative or consensus lists.
    pub moderated_out: BTreeSet<i64>,
}

impl VoteMatrix {
    /// Builds the matrix from `(participant, statement, vote)` triples in time order (a later vote
    /// replaces an earlier one).
    pub fn from_votes(votes: &[(i64, i64, i8)], moderated_out: BTreeSet<i64>) -> Self {
        let mut m = Self {
            moderated_out,
            ..Self::default()
        };
        m.add_votes(votes);
        m
    }

    /// Adds votes in time order: new participants and statements are appended in the order of
    /// their first vote, and a vote replaces the participant's earlier vote on the statement.
    pub fn add_votes(&mut self, votes: &[(i64, i64, i8)]) {
        let mut pi: HashMap<i64, usize> = self
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i))
            .collect();
        let mut si: HashMap<i64, u32> = self
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u32))
            .collect();
        let mut touched = vec![false; self.participants.len()];
        for (p, s, v) in votes {
            let r = *pi.entry(*p).or_insert_with(|| {
                self.participants.push(*p);
                self.rows.push(Vec::new());
                touched.push(false);
                self.participants.len() - 1
            });
            let c = *si.entry(*s).or_insert_with(|| {
                self.statements.push(*s);
                (self.statements.len() - 1) as u32
            });
            self.rows[r].push((c, *v));
            touched[r] = true;
        }
        for (row, t) in self.rows.iter_mut().zip(touched) {
            if t {
                // Stable: of several votes on one column, the last one in time stays last.
                row.sort_by_key(|(c, _)| *c);
                let mut kept: Vec<(u32, i8)> = Vec::with_capacity(row.len());
                for cell in row.iter() {
                    match kept.last_mut() {
                        Some(last) if last.0 == cell.0 => *last = *cell,
                        _ => kept.push(*cell),
                    }
                }
                *row = kept;
            }
        }
    }

    /// The vote of row `r` on column `c`.
    pub fn get(&self, r: usize, c: usize) -> Option<i8> {
        let row = self.rows.get(r)?;
        row.binary_search_by_key(&(c as u32), |(col, _)| *col)
            .ok()
            .map(|i| row[i].1)
    }

    /// The number of votes (cells voted on).
    pub fn vote_count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// The index of a participant's row.
    pub fn row(&self, participant: i64) -> Option<usize> {
        self.participants.iter().position(|p| *p == participant)
    }

    /// Whether each column is moderated out.
    pub fn zeroed_columns(&self) -> Vec<bool> {
        self.statements
            .iter()
            .map(|s| self.moderated_out.contains(s))
            .collect()
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
    Ok(VoteMatrix::from_votes(
        &read_vote_rows(votes_csv)?,
        moderated_out,
    ))
}

/// The `(participant, statement, vote)` rows of `votes.csv` in time order (ties in file order).
pub fn read_vote_rows(votes_csv: &str) -> Result<Vec<(i64, i64, i8)>, ReadError> {
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
    Ok(rows.into_iter().map(|(_, _, p, s, v)| (p, s, v)).collect())
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
        assert_eq!((m.get(0, 0), m.get(0, 1)), (Some(1), None));
        assert_eq!((m.get(1, 0), m.get(1, 1)), (None, Some(0)));
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
