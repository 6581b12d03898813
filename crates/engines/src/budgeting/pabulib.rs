//! The pabulib `.pb` format: three sections (`META`, `PROJECTS`, `VOTES`), each a header line
//! and `;`-separated rows read like CSV (fields may be double-quoted, `""` is a quote inside a
//! quoted field). Lists inside a field use `,`. `none` means absent. Files from spreadsheets may
//! start with a byte-order mark; costs and budgets may use a decimal comma.

use super::{Ballot, Election, Project, Q, VoteType};
use num_bigint::BigInt;
use num_traits::Signed;
use std::fmt;

/// A problem in a `.pb` file, with the line (1-based) and the field it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, field {}: {}",
            self.line, self.field, self.message
        )
    }
}

impl std::error::Error for ParseError {}

fn err(line: usize, field: &str, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        field: field.to_owned(),
        message: message.into(),
    }
}

/// Reads a non-negative decimal (`12`, `12.5`, `12,5`, `1e6`) exactly.
pub fn parse_decimal(raw: &str) -> Option<Q> {
    let s = raw.trim().replace(',', ".");
    if s.is_empty() {
        return None;
    }
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((m, e)) => (m.to_owned(), e.parse::<i32>().ok()?),
        None => (s.clone(), 0),
    };
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m.to_owned()),
        None => (
            false,
            mantissa.strip_prefix('+').unwrap_or(&mantissa).to_owned(),
        ),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits: BigInt = format!("{int}{frac}").parse().ok()?;
    let scale = exponent - frac.len() as i32;
    let ten = BigInt::from(10);
    let mut q = if scale >= 0 {
        Q::from_integer(digits * ten.pow(scale as u32))
    } else {
        Q::new(digits, ten.pow((-scale) as u32))
    };
    if neg {
        q = -q;
    }
    Some(q)
}

/// Splits the text into records of fields, honouring quotes (a quoted field may span lines).
/// Returns `(line number of the record's start, fields)`; blank lines are skipped.
fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut line = 1usize;
    let mut start = 1usize;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            }
            '"' if field.trim().is_empty() => {
                field.clear();
                in_quotes = true;
                any = true;
            }
            ';' if !in_quotes => {
                fields.push(std::mem::take(&mut field));
                any = true;
            }
            '\n' if !in_quotes => {
                fields.push(std::mem::take(&mut field));
                if any || fields.iter().any(|f| !f.trim().is_empty()) {
                    out.push((start, std::mem::take(&mut fields)));
                } else {
                    fields.clear();
                }
                any = false;
                line += 1;
                start = line;
            }
            '\r' if !in_quotes && chars.peek() == Some(&'\n') => {}
            '\n' => {
                field.push(c);
                line += 1;
            }
            _ => {
                field.push(c);
                if !c.is_whitespace() {
                    any = true;
                }
            }
        }
    }
    fields.push(field);
    if any || fields.iter().any(|f| !f.trim().is_empty()) {
        out.push((start, fields));
    }
    for (_, f) in &mut out {
        for x in f.iter_mut() {
            *x = x.trim().to_owned();
        }
    }
    out
}

fn is_none(v: &str) -> bool {
    v.is_empty() || v.eq_ignore_ascii_case("none")
}

/// A data row paired with its section's column names (missing trailing fields are empty); more
/// fields than columns is an error.
fn named_row(
    line: usize,
    columns: &[String],
    fields: &[String],
) -> Result<Vec<(String, String)>, ParseError> {
    if fields.len() > columns.len() {
        return Err(err(
            line,
            "row",
            format!("{} fields for {} columns", fields.len(), columns.len()),
        ));
    }
    Ok(columns
        .iter()
        .cloned()
        .zip(
            fields
                .iter()
                .cloned()
                .chain(std::iter::repeat(String::new())),
        )
        .collect())
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Section {
    None,
    Meta,
    Projects,
    Votes,
}

/// Reads a `.pb` file.
pub fn parse(text: &str) -> Result<Election, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut section = Section::None;
    let mut header: Option<Vec<String>> = None;
    let mut meta = Vec::new();
    let mut projects: Vec<Project> = Vec::new();
    let mut project_columns = Vec::new();
    let mut vote_columns = Vec::new();
    let mut raw_votes: Vec<(usize, Vec<(String, String)>)> = Vec::new();
    for (line, fields) in records(text) {
        if fields.len() == 1 || fields.iter().skip(1).all(|f| f.is_empty()) {
            let name = fields[0].to_ascii_uppercase();
            let next = match name.as_str() {
                "META" => Some(Section::Meta),
                "PROJECTS" => Some(Section::Projects),
                "VOTES" => Some(Section::Votes),
                _ => None,
            };
            if let Some(s) = next {
                section = s;
                header = None;
                continue;
            }
        }
        let Some(cols) = &header else {
            if section == Section::None {
                return Err(err(line, "section", "expected META, PROJECTS or VOTES"));
            }
            let cols: Vec<String> = fields.iter().map(|f| f.to_ascii_lowercase()).collect();
            match section {
                Section::Projects => {
                    if cols.first().map(String::as_str) != Some("project_id")
                        || !cols.iter().any(|c| c == "cost")
                    {
                        return Err(err(
                            line,
                            "header",
                            "PROJECTS header must start with project_id and have cost",
                        ));
                    }
                    project_columns = fields.clone();
                }
                Section::Votes => {
                    if cols.first().map(String::as_str) != Some("voter_id")
                        || !cols.iter().any(|c| c == "vote")
                    {
                        return Err(err(
                            line,
                            "header",
                            "VOTES header must start with voter_id and have vote",
                        ));
                    }
                    vote_columns = fields.clone();
                }
                _ => {}
            }
            header = Some(cols);
            continue;
        };
        match section {
            Section::Meta => {
                let key = fields[0].clone();
                let value = fields.get(1).cloned().unwrap_or_default();
                meta.push((key, value));
            }
            Section::Projects => {
                let row = named_row(line, &project_columns, &fields)?;
                let id = fields[0].clone();
                if id.is_empty() {
                    return Err(err(line, "project_id", "empty project id"));
                }
                if projects.iter().any(|p| p.id == id) {
                    return Err(err(
                        line,
                        "project_id",
                        format!("project {id} appears twice"),
                    ));
                }
                let ci = cols.iter().position(|c| c == "cost").unwrap_or(1);
                let raw_cost = fields.get(ci).map(String::as_str).unwrap_or("");
                let cost = parse_decimal(raw_cost)
                    .filter(|c| !c.is_negative())
                    .ok_or_else(|| {
                        err(
                            line,
                            "cost",
                            format!("{raw_cost:?} is not a non-negative number"),
                        )
                    })?;
                projects.push(Project {
                    id,
                    cost,
                    fields: row,
                });
            }
            Section::Votes => {
                raw_votes.push((line, named_row(line, &vote_columns, &fields)?));
            }
            Section::None => {}
        }
    }
    let vote_type = match meta
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("vote_type"))
    {
        Some((_, v)) => VoteType::parse(v)
            .ok_or_else(|| err(0, "vote_type", format!("unknown vote type {v:?}")))?,
        None => VoteType::Approval,
    };
    let budget_raw = meta
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("budget"))
        .map(|(_, v)| v.clone())
        .ok_or_else(|| err(0, "budget", "META has no budget"))?;
    let budget = parse_decimal(&budget_raw)
        .filter(|b| !b.is_negative())
        .ok_or_else(|| {
            err(
                0,
                "budget",
                format!("{budget_raw:?} is not a non-negative number"),
            )
        })?;
    let ids: std::collections::HashMap<&str, usize> = projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut ballots = Vec::with_capacity(raw_votes.len());
    for (line, row) in raw_votes {
        let get = |name: &str| {
            row.iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.as_str())
                .unwrap_or("")
        };
        let voter_id = get("voter_id").to_owned();
        let vote = get("vote");
        let mut list = Vec::new();
        if !is_none(vote) {
            for id in vote.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let p = ids
                    .get(id)
                    .ok_or_else(|| err(line, "vote", format!("unknown project {id}")))?;
                list.push(*p);
            }
        }
        let points_raw = get("points");
        let mut points = Vec::new();
        if !is_none(points_raw)
            && !matches!(
                vote_type,
                VoteType::Approval | VoteType::Choose1 | VoteType::Ordinal
            )
        {
            for x in points_raw
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                let v: i64 = x
                    .parse::<i64>()
                    .ok()
                    .or_else(|| {
                        parse_decimal(x)
                            .filter(|q| q.is_integer())
                            .and_then(|q| q.to_integer().try_into().ok())
                    })
                    .ok_or_else(|| err(line, "points", format!("{x:?} is not a whole number")))?;
                points.push(v);
            }
            if points.len() != list.len() {
                return Err(err(
                    line,
                    "points",
                    format!("{} points for {} projects", points.len(), list.len()),
                ));
            }
        }
        if matches!(vote_type, VoteType::Cumulative | VoteType::Scoring)
            && points.is_empty()
            && !list.is_empty()
        {
            return Err(err(
                line,
                "points",
                "cumulative and scoring ballots need points",
            ));
        }
        ballots.push(Ballot {
            voter_id,
            projects: list,
            points,
            fields: row,
        });
    }
    if projects.is_empty() {
        return Err(err(0, "PROJECTS", "no projects"));
    }
    Ok(Election {
        meta,
        vote_type,
        budget,
        projects,
        ballots,
        project_columns,
        vote_columns,
    })
}

fn quote(field: &str) -> String {
    if field.contains([';', '"', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

/// Writes an election back in the pabulib format (the columns it was read with).
pub fn write(e: &Election) -> String {
    let mut out = String::from("META\nkey;value\n");
    for (k, v) in &e.meta {
        out.push_str(&format!("{};{}\n", quote(k), quote(v)));
    }
    out.push_str("PROJECTS\n");
    out.push_str(
        &e.project_columns
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(";"),
    );
    out.push('\n');
    for p in &e.projects {
        let row: Vec<String> = e
            .project_columns
            .iter()
            .map(|c| match c.to_ascii_lowercase().as_str() {
                "project_id" => quote(&p.id),
                "cost" => super::format_q(&p.cost),
                _ => quote(p.field(c).unwrap_or("")),
            })
            .collect();
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out.push_str("VOTES\n");
    out.push_str(
        &e.vote_columns
            .iter()
            .map(|c| quote(c))
            .collect::<Vec<_>>()
            .join(";"),
    );
    out.push('\n');
    for b in &e.ballots {
        let row: Vec<String> = e
            .vote_columns
            .iter()
            .map(|c| match c.to_ascii_lowercase().as_str() {
                "voter_id" => quote(&b.voter_id),
                "vote" => b
                    .projects
                    .iter()
                    .map(|p| e.projects[*p].id.clone())
                    .collect::<Vec<_>>()
                    .join(","),
                "points" if !b.points.is_empty() => b
                    .points
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => quote(
                    b.fields
                        .iter()
                        .find(|(k, _)| k == c)
                        .map(|(_, v)| v.as_str())
                        .unwrap_or(""),
                ),
            })
            .collect();
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "\u{feff}META\nkey;value\ndescription;\"Test; with semicolon\"\nbudget;10,5\nvote_type;cumulative\n\nPROJECTS\nproject_id;cost;name\n1;4;\"Parco \"\"Verde\"\"\"\nc2;6,5;Piazza\nVOTES\nvoter_id;vote;points;age\nv1;1,c2;3,2;34\nv2;;;none\n";

    #[test]
    fn reads_bom_quotes_decimal_commas_empty_votes_and_extra_columns() {
        let e = parse(SMALL).expect("parse");
        assert_eq!(e.meta("description"), Some("Test; with semicolon"));
        assert_eq!(super::super::format_q(&e.budget), "10.5");
        assert_eq!(e.vote_type, VoteType::Cumulative);
        assert_eq!(e.projects[0].field("name"), Some("Parco \"Verde\""));
        assert_eq!(super::super::format_q(&e.projects[1].cost), "6.5");
        assert_eq!(
            (e.ballots[0].projects.clone(), e.ballots[0].points.clone()),
            (vec![0, 1], vec![3, 2])
        );
        assert!(e.ballots[1].projects.is_empty());
        let again = parse(&write(&e)).expect("round trip");
        let key = |e: &Election| {
            e.projects
                .iter()
                .map(|p| {
                    (
                        p.id.clone(),
                        p.cost.clone(),
                        p.field("name").map(str::to_owned),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&again), key(&e));
        assert_eq!(
            again
                .ballots
                .iter()
                .map(|b| &b.projects)
                .collect::<Vec<_>>(),
            e.ballots.iter().map(|b| &b.projects).collect::<Vec<_>>()
        );
    }

    #[test]
    fn reports_line_and_field() {
        let bad = "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;abc\n";
        assert_eq!(
            parse(bad).expect_err("bad cost").to_string(),
            "line 6, field cost: \"abc\" is not a non-negative number"
        );
        let unknown = "META\nkey;value\nbudget;10\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1,7\n";
        assert_eq!(
            parse(unknown).expect_err("unknown").to_string(),
            "line 9, field vote: unknown project 7"
        );
        let points = "META\nkey;value\nbudget;10\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote;points\nv1;1;x\n";
        assert_eq!(
            parse(points).expect_err("points").to_string(),
            "line 10, field points: \"x\" is not a whole number"
        );
    }

    #[test]
    fn decimals_are_exact() {
        assert_eq!(
            parse_decimal("0.1").map(|q| super::super::format_q(&q)),
            Some("0.1".into())
        );
        assert_eq!(
            parse_decimal("1e6").map(|q| super::super::format_q(&q)),
            Some("1000000".into())
        );
        assert_eq!(
            parse_decimal("12,25").map(|q| super::super::format_q(&q)),
            Some("12.25".into())
        );
        assert_eq!(parse_decimal("x"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
