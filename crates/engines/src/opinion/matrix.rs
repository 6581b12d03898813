//! The vote matrix, its reading from Pol.is exports and its writing back to them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for ids (multiply and rotate, as rustc's FxHash): the id → row and id → column maps
/// of a ten-million-vote export are looked up twice per vote, and need no defence against
/// chosen collisions (their iteration order is never used).
#[derive(Default, Clone, Copy)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(*b as u64);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

type IdMap<V> = HashMap<i64, V, BuildHasherDefault<IdHasher>>;

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

/// `(participant, statement, vote)` triples in time order.
pub type Votes = Vec<(i64, i64, i8)>;

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
        let mut pi: IdMap<usize> = self
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (*p, i))
            .collect();
        let mut si: IdMap<u32> = self
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i as u32))
            .collect();
        let mut touched = vec![false; self.participants.len()];
        // Statement ids are small numbers in practice: a direct table for those under
        // `DIRECT`, the map for the others. A participant's votes mostly come one after another:
        // the last row found is tried first.
        const DIRECT: i64 = 1 << 16;
        let mut direct: Vec<u32> = Vec::new();
        for (id, c) in &si {
            if (0..DIRECT).contains(id) {
                let at = *id as usize;
                if direct.len() <= at {
                    direct.resize(at + 1, u32::MAX);
                }
                direct[at] = *c;
            }
        }
        let mut last: Option<(i64, usize)> = None;
        for (p, s, v) in votes {
            let r = match last {
                Some((id, r)) if id == *p => r,
                _ => {
                    let r = *pi.entry(*p).or_insert_with(|| {
                        self.participants.push(*p);
                        self.rows.push(Vec::new());
                        touched.push(false);
                        self.participants.len() - 1
                    });
                    last = Some((*p, r));
                    r
                }
            };
            let known = match usize::try_from(*s) {
                Ok(at) if *s < DIRECT => direct.get(at).copied().filter(|c| *c != u32::MAX),
                _ => si.get(s).copied(),
            };
            let c = match known {
                Some(c) => c,
                None => {
                    let c = (self.statements.len()) as u32;
                    self.statements.push(*s);
                    si.insert(*s, c);
                    if let Ok(at) = usize::try_from(*s)
                        && *s < DIRECT
                    {
                        if direct.len() <= at {
                            direct.resize(at + 1, u32::MAX);
                        }
                        direct[at] = c;
                    }
                    c
                }
            };
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
    Ok(read_comments(comments_csv)?.1)
}

/// Every statement id of `comments.csv`, and those with `moderated == -1`.
fn read_comments(comments_csv: &str) -> Result<(BTreeSet<i64>, BTreeSet<i64>), ReadError> {
    let recs = csv_records(comments_csv);
    let Some((_, header)) = recs.first() else {
        return Ok((BTreeSet::new(), BTreeSet::new()));
    };
    let mut all = BTreeSet::new();
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
        all.insert(tid);
    }
    Ok((all, out))
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
    vote_rows(votes_csv, None)
}

/// Calls `each(line, fields)` for every record of CSV text after the header. Ten million votes must not become ten million records of owned
/// strings: a line without quotes (all of them in practice) is split in place into a reused
/// buffer; only a record with quotes (which may span lines) is unquoted into owned fields.
fn each_record<'t>(
    text: &'t str,
    mut each: impl FnMut(usize, &[&str]) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut lines = text.lines().enumerate();
    lines.next();
    let mut fields: Vec<&'t str> = Vec::new();
    let mut pending = String::new();
    let mut pending_line = 0;
    for (i, line) in lines {
        if pending.is_empty() && !line.as_bytes().contains(&b'"') {
            fields.clear();
            fields.extend(line.split(','));
            each(i + 1, &fields)?;
            continue;
        }
        if pending.is_empty() {
            pending_line = i + 1;
        } else {
            pending.push('\n');
        }
        pending.push_str(line);
        if !pending.matches('"').count().is_multiple_of(2) {
            continue;
        }
        let owned = split_csv_line(&std::mem::take(&mut pending));
        let unquoted: Vec<&str> = owned.iter().map(String::as_str).collect();
        each(pending_line, &unquoted)?;
    }
    if !pending.is_empty() {
        let owned = split_csv_line(&pending);
        let unquoted: Vec<&str> = owned.iter().map(String::as_str).collect();
        each(pending_line, &unquoted)?;
    }
    Ok(())
}

/// A whole number in ASCII, spaces around allowed (as `str::trim` then `parse::<i64>`, without
/// the UTF-8 and error machinery).
fn whole_number(field: &str) -> Option<i64> {
    let b = field.as_bytes().trim_ascii();
    let (negative, digits) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add((d - b'0') as i64)?;
    }
    Some(if negative { -n } else { n })
}

/// [`read_vote_rows`]; with `known`, a vote on a statement not in it is an error.
fn vote_rows(
    votes_csv: &str,
    known: Option<&BTreeSet<i64>>,
) -> Result<Vec<(i64, i64, i8)>, ReadError> {
    let Some(first) = votes_csv.lines().next() else {
        return Err(ReadError {
            file: "votes.csv".into(),
            line: 1,
            message: "empty file".into(),
        });
    };
    let header = split_csv_line(first);
    let (tc, cc, vc, xc) = (
        column(&header, "timestamp", "votes.csv")?,
        column(&header, "comment-id", "votes.csv")?,
        column(&header, "voter-id", "votes.csv")?,
        column(&header, "vote", "votes.csv")?,
    );
    let known: Option<HashSet<i64>> = known.map(|k| k.iter().copied().collect());
    let mut votes = Vec::new();
    let mut times = Vec::new();
    each_record(votes_csv, |line, fields| {
        let bad = |what: String| ReadError {
            file: "votes.csv".into(),
            line,
            message: what,
        };
        let num = |i: usize| fields.get(i).and_then(|v| whole_number(v));
        let (Some(t), Some(s), Some(p), Some(v)) = (num(tc), num(cc), num(vc), num(xc)) else {
            if fields.iter().all(|f| f.trim().is_empty()) {
                return Ok(());
            }
            let name = [(tc, "timestamp"), (cc, "comment-id"), (vc, "voter-id")]
                .into_iter()
                .find(|(i, _)| num(*i).is_none())
                .map_or("vote", |(_, n)| n);
            return Err(bad(format!("{name} is not a whole number")));
        };
        if !(-1..=1).contains(&v) {
            return Err(bad(format!("vote {v} is not -1, 0 or 1")));
        }
        if known.as_ref().is_some_and(|k| !k.contains(&s)) {
            return Err(bad(format!("statement {s} is not in comments.csv")));
        }
        votes.push((p, s, v as i8));
        times.push(t);
        Ok(())
    })?;
    if times.is_sorted() {
        return Ok(votes);
    }
    // Time order; equal times keep the file's order.
    let mut order: Vec<u32> = (0..votes.len() as u32).collect();
    order.sort_by_key(|i| times[*i as usize]);
    Ok(order.into_iter().map(|i| votes[i as usize]).collect())
}

/// Reads `participants-votes.csv` (one row per participant, one column per statement).
pub fn read_participant_votes(
    csv: &str,
    moderated_out: BTreeSet<i64>,
) -> Result<VoteMatrix, ReadError> {
    participant_votes(csv, moderated_out, None)
}

fn participant_votes(
    csv: &str,
    moderated_out: BTreeSet<i64>,
    known: Option<&BTreeSet<i64>>,
) -> Result<VoteMatrix, ReadError> {
    Ok(VoteMatrix::from_votes(
        &participant_vote_rows(csv, known)?,
        moderated_out,
    ))
}

fn participant_vote_rows(
    csv: &str,
    known: Option<&BTreeSet<i64>>,
) -> Result<Vec<(i64, i64, i8)>, ReadError> {
    let Some(first) = csv.lines().next() else {
        return Err(ReadError {
            file: "participants-votes.csv".into(),
            line: 1,
            message: "empty file".into(),
        });
    };
    let header = split_csv_line(first);
    let pc = column(&header, "participant", "participants-votes.csv")?;
    let stmt_cols: Vec<(usize, i64)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.trim().parse::<i64>().ok().map(|s| (i, s)))
        .collect();
    if let Some((_, s)) = stmt_cols
        .iter()
        .find(|(_, s)| known.is_some_and(|k| !k.contains(s)))
    {
        return Err(ReadError {
            file: "participants-votes.csv".into(),
            line: 1,
            message: format!("statement {s} is not in comments.csv"),
        });
    }
    let mut triples = Vec::new();
    each_record(csv, |line, r| {
        let bad = |what: String| ReadError {
            file: "participants-votes.csv".into(),
            line,
            message: what,
        };
        let p: i64 = r
            .get(pc)
            .and_then(|v| whole_number(v))
            .ok_or_else(|| bad("participant is not a number".into()))?;
        for (i, s) in &stmt_cols {
            let cell = r.get(*i).map(|v| v.trim()).unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            let v = whole_number(cell)
                .ok_or_else(|| bad(format!("vote {cell:?} on statement {s} is not a number")))?;
            if !(-1..=1).contains(&v) {
                return Err(bad(format!("vote {v} is not -1, 0 or 1")));
            }
            triples.push((p, *s, v as i8));
        }
        Ok(())
    })?;
    Ok(triples)
}

/// Reads a Pol.is export folder: `votes.csv` when present, else `participants-votes.csv`, and the
/// moderation of `comments.csv`.
pub fn read_export(dir: &std::path::Path) -> Result<VoteMatrix, ReadError> {
    let (votes, moderated) = read_export_votes(dir)?;
    Ok(VoteMatrix::from_votes(&votes, moderated))
}

/// The votes of a Pol.is export folder in time order, as `(participant, statement, vote)`, and
/// the statements moderated out: [`read_export`] without building the matrix.
pub fn read_export_votes(dir: &std::path::Path) -> Result<(Votes, BTreeSet<i64>), ReadError> {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).ok();
    let (known, moderated) = match read("comments.csv") {
        Some(c) => {
            let (all, out) = read_comments(&c)?;
            (Some(all), out)
        }
        None => (None, BTreeSet::new()),
    };
    if let Some(v) = read("votes.csv") {
        return Ok((vote_rows(&v, known.as_ref())?, moderated));
    }
    if let Some(pv) = read("participants-votes.csv") {
        return Ok((participant_vote_rows(&pv, known.as_ref())?, moderated));
    }
    Err(ReadError {
        file: dir.display().to_string(),
        line: 0,
        message: "no votes.csv or participants-votes.csv".into(),
    })
}

/// `votes.csv` of the matrix: one row per vote, participants in row order and each one's votes
/// in column order, the row number as timestamp (the matrix keeps only last votes, not their
/// times), `datetime` empty.
pub fn write_votes(m: &VoteMatrix) -> String {
    let mut out = String::from("timestamp,datetime,comment-id,voter-id,vote\n");
    let mut t = 0;
    for (p, row) in m.participants.iter().zip(&m.rows) {
        for (c, v) in row {
            t += 1;
            let _ = writeln!(out, "{t},,{},{p},{v}", m.statements[*c as usize]);
        }
    }
    out
}

/// Agree, disagree and seen counts per column.
fn column_counts(m: &VoteMatrix) -> Vec<[usize; 3]> {
    let mut n = vec![[0usize; 3]; m.statements.len()];
    for row in &m.rows {
        for (c, v) in row {
            let cell = &mut n[*c as usize];
            cell[2] += 1;
            match v {
                1 => cell[0] += 1,
                -1 => cell[1] += 1,
                _ => {}
            }
        }
    }
    n
}

/// `comments.csv` of the matrix: the statements in column order with their agree and disagree
/// counts and `moderated` −1 for those moderated out, 0 (not moderated) otherwise, then the
/// moderated-out statements without votes. The matrix
/// holds no texts, authors or times: those columns are empty.
pub fn write_comments(m: &VoteMatrix) -> String {
    let mut out = String::from(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n",
    );
    for (s, n) in m.statements.iter().zip(column_counts(m)) {
        let moderated = if m.moderated_out.contains(s) { -1 } else { 0 };
        let _ = writeln!(out, ",,{s},,{},{},{moderated},", n[0], n[1]);
    }
    // Moderated-out statements nobody voted on are not columns, but their moderation is kept.
    let columns: BTreeSet<&i64> = m.statements.iter().collect();
    for s in m.moderated_out.iter().filter(|s| !columns.contains(s)) {
        let _ = writeln!(out, ",,{s},,0,0,-1,");
    }
    out
}

/// `participants-votes.csv` of the matrix: one row per participant with their group (empty
/// when not in `groups`), vote counts and one column per statement (empty when not voted).
/// `n-comments` (statements written) is not known to the matrix and left empty.
pub fn write_participant_votes(m: &VoteMatrix, groups: &HashMap<i64, usize>) -> String {
    let mut out = String::from("participant,group-id,n-comments,n-votes,n-agree,n-disagree");
    for s in &m.statements {
        let _ = write!(out, ",{s}");
    }
    out.push('\n');
    for (p, row) in m.participants.iter().zip(&m.rows) {
        let agree = row.iter().filter(|(_, v)| *v == 1).count();
        let disagree = row.iter().filter(|(_, v)| *v == -1).count();
        let group = groups.get(p).map(|g| g.to_string()).unwrap_or_default();
        let _ = write!(out, "{p},{group},,{},{agree},{disagree}", row.len());
        let mut cells = vec![String::new(); m.statements.len()];
        for (c, v) in row {
            cells[*c as usize] = v.to_string();
        }
        for cell in cells {
            let _ = write!(out, ",{cell}");
        }
        out.push('\n');
    }
    out
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

    fn export_error(files: &[(&str, &str)]) -> String {
        let dir = std::env::temp_dir().join(format!(
            "lc-opinion-bad-{}-{}",
            std::process::id(),
            files.len() + files.iter().map(|f| f.1.len()).sum::<usize>()
        ));
        std::fs::create_dir_all(&dir).expect("dir");
        for (name, text) in files {
            std::fs::write(dir.join(name), text).expect("write");
        }
        let err = read_export(&dir).expect_err("bad export").to_string();
        let _ = std::fs::remove_dir_all(&dir);
        err
    }

    const COMMENTS: &str = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,1,0,0,1,\"a, b\"\n1,x,1,1,0,0,-1,c\n";

    #[test]
    fn bad_exports_are_refused_with_file_and_line() {
        let votes = "timestamp,datetime,comment-id,voter-id,vote\n";
        assert_eq!(
            export_error(&[
                ("comments.csv", COMMENTS),
                ("votes.csv", &format!("{votes}1,x,0,5,1\n2,x,9,5,1\n"))
            ]),
            "votes.csv line 3: statement 9 is not in comments.csv"
        );
        assert_eq!(
            export_error(&[
                ("comments.csv", COMMENTS),
                ("votes.csv", &format!("{votes}1,x,0,5,1\n2,x,1,five,1\n"))
            ]),
            "votes.csv line 3: voter-id is not a whole number"
        );
        assert_eq!(
            export_error(&[("votes.csv", &format!("{votes}1,x,0,5,-2\n"))]),
            "votes.csv line 2: vote -2 is not -1, 0 or 1"
        );
        assert_eq!(
            export_error(&[("votes.csv", "timestamp,comment-id,vote\n1,0,1\n")]),
            "votes.csv line 1: no column voter-id"
        );
        let pv = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n";
        assert_eq!(
            export_error(&[
                ("comments.csv", COMMENTS),
                ("participants-votes.csv", &format!("{pv}5,0,0,2,1,1,1,3\n"))
            ]),
            "participants-votes.csv line 2: vote 3 is not -1, 0 or 1"
        );
        assert_eq!(
            export_error(&[
                ("comments.csv", COMMENTS),
                ("participants-votes.csv", &format!("{pv}5,0,0,2,1,1,1,x\n"))
            ]),
            "participants-votes.csv line 2: vote \"x\" on statement 1 is not a number"
        );
        assert_eq!(
            export_error(&[
                ("comments.csv", COMMENTS),
                ("participants-votes.csv", "participant,0,7\n5,1,1\n")
            ]),
            "participants-votes.csv line 1: statement 7 is not in comments.csv"
        );
        assert_eq!(
            export_error(&[
                ("comments.csv", "timestamp,comment-id,moderated\n1,zero,1\n"),
                ("votes.csv", votes)
            ]),
            "comments.csv line 2: comment-id is not a number"
        );
    }

    #[test]
    fn written_exports_read_back_to_the_same_matrix() {
        let csv = "timestamp,datetime,comment-id,voter-id,vote\n1,x,0,5,1\n2,x,1,7,0\n3,x,1,5,-1\n4,x,0,5,-1\n";
        let m = read_votes(csv, BTreeSet::from([1])).expect("read");
        let again = read_votes(
            &write_votes(&m),
            moderated_out(&write_comments(&m)).expect("comments"),
        )
        .expect("votes");
        assert_eq!(again, m);
        let from_pv = read_participant_votes(
            &write_participant_votes(&m, &HashMap::new()),
            m.moderated_out.clone(),
        )
        .expect("pv");
        assert_eq!(from_pv, m);
    }
}
