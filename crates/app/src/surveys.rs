//! Surveys: the organisers write questions (single and multiple choice, short and long text,
//! scales 1–5 and 1–10, ranking, matrix), mark the required ones, and open the survey; each person
//! answers once (a database constraint on the respondent key — for anonymous surveys a salted
//! hash of the account, so answers cannot be traced back). Results are counted per question;
//! staff download every response as CSV.

use crate::{App, Result, now, secret};
use domain::DomainError;
use domain::error::{Errors, FieldError};
use domain::organisations::{OrgId, parse_text};
use domain::policy::{self, Action, Actor};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use store::StoreError;
use store::audit::Event;
use store::participation::ProcessRow;
use store::surveys::{Answer, QuestionRow, SurveyRow};

pub const KINDS: [&str; 8] = [
    "single", "multiple", "short", "long", "scale5", "scale10", "ranking", "matrix",
];

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct SurveyInput {
    pub title: String,
    pub description: String,
    pub anonymous: String,
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct QuestionInput {
    pub kind: String,
    pub prompt: String,
    pub options: String,
    pub matrix_rows: String,
    pub required: String,
}

async fn manage(app: &App, actor: &Actor, slug: &str) -> Result<ProcessRow> {
    let (p, _, _) = crate::participation::view(app, actor, slug).await?;
    policy::can(actor, Action::ManageProcesses(OrgId(p.org_id)))?;
    Ok(p)
}

/// Creates a survey (open, without questions yet); returns its id.
pub async fn create(app: &App, actor: &Actor, slug: &str, input: &SurveyInput) -> Result<i64> {
    let p = manage(app, actor, slug).await?;
    let mut errors = Errors::new();
    let title = errors.take(parse_text("title", &input.title, 150).and_then(|t| {
        if t.chars().count() < 3 {
            Err(FieldError::new("title", "text-required"))
        } else {
            Ok(t)
        }
    }));
    let description = errors.take(parse_text("description", &input.description, 5000));
    errors.finish()?;
    let (Some(title), Some(description)) = (title, description) else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let id = tx
        .insert_survey(
            p.id,
            &title,
            &description,
            input.anonymous == "1",
            &secret::random_token(),
            t,
        )
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "survey.create",
        subject: format!("survey:{id}"),
        details: json!({"process": p.id, "anonymous": input.anonymous == "1"}),
    })
    .await?;
    tx.commit().await?;
    Ok(id)
}

fn lines(field: &'static str, raw: &str, min: usize) -> std::result::Result<String, FieldError> {
    let list: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if list.len() < min || list.len() > 20 {
        return Err(FieldError::new(field, "options-count"));
    }
    if list.iter().any(|l| l.chars().count() > 200) {
        return Err(FieldError::new(field, "text-too-long"));
    }
    Ok(list.join("\n"))
}

/// Adds a question; only while nobody has answered.
pub async fn add_question(
    app: &App,
    actor: &Actor,
    slug: &str,
    survey: i64,
    input: &QuestionInput,
) -> Result<()> {
    let p = manage(app, actor, slug).await?;
    let s = load(app, &p, survey).await?;
    if s.responses > 0 {
        return Err(DomainError::Conflict("survey-has-responses").into());
    }
    if app.store.questions(survey).await?.len() >= MAX_QUESTIONS {
        return Err(DomainError::Conflict("survey-too-many-questions").into());
    }
    let mut errors = Errors::new();
    let kind = errors.take(
        KINDS
            .iter()
            .copied()
            .find(|k| *k == input.kind.trim())
            .ok_or(FieldError::new("kind", "question-kind-invalid")),
    );
    let prompt = errors.take(parse_text("prompt", &input.prompt, 500).and_then(|t| {
        if t.chars().count() < 3 {
            Err(FieldError::new("prompt", "text-required"))
        } else {
            Ok(t)
        }
    }));
    let (options, rows) = match kind {
        Some("single" | "multiple" | "ranking") => (
            errors.take(lines("options", &input.options, 2)),
            Some(String::new()),
        ),
        Some("matrix") => (
            errors.take(lines("options", &input.options, 2)),
            errors.take(lines("matrix_rows", &input.matrix_rows, 1)),
        ),
        _ => (Some(String::new()), Some(String::new())),
    };
    errors.finish()?;
    let (Some(kind), Some(prompt), Some(options), Some(rows)) = (kind, prompt, options, rows)
    else {
        return Err(DomainError::Invalid(vec![]).into());
    };
    let t = now();
    let mut tx = app.store.write().await?;
    let q = tx
        .insert_question(
            survey,
            kind,
            &prompt,
            &options,
            &rows,
            input.required == "1",
        )
        .await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: "survey.add_question",
        subject: format!("survey:{survey}"),
        details: json!({"question": q, "kind": kind}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Opens or closes a survey to answers.
pub async fn set_open(app: &App, actor: &Actor, slug: &str, survey: i64, open: bool) -> Result<()> {
    let p = manage(app, actor, slug).await?;
    load(app, &p, survey).await?;
    let t = now();
    let mut tx = app.store.write().await?;
    tx.set_survey_open(survey, open).await?;
    tx.audit(Event {
        at: t,
        actor: actor.user.map(|u| u.0),
        action: if open { "survey.open" } else { "survey.close" },
        subject: format!("survey:{survey}"),
        details: json!({}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn load(app: &App, p: &ProcessRow, survey: i64) -> Result<SurveyRow> {
    Ok(app
        .store
        .survey(survey)
        .await?
        .filter(|s| s.process_id == p.id)
        .ok_or(DomainError::NotFound)?)
}

/// The key that makes a person's response unique: their account, or for anonymous surveys a
/// salted hash of it.
fn respondent_key(s: &SurveyRow, user: i64) -> String {
    if s.anonymous == 1 {
        let mut h = Sha256::new();
        h.update(s.salt.as_bytes());
        h.update(b"|");
        h.update(user.to_string().as_bytes());
        format!("anon:{}", hex::encode(h.finalize()))
    } else {
        format!("user:{user}")
    }
}

/// A survey and what the page needs.
pub struct SurveyView {
    pub process: ProcessRow,
    pub survey: SurveyRow,
    pub questions: Vec<QuestionRow>,
    pub answered: bool,
    pub can_manage: bool,
}

pub async fn view(app: &App, actor: &Actor, slug: &str, survey: i64) -> Result<SurveyView> {
    let (process, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    let survey = load(app, &process, survey).await?;
    let answered = match actor.user {
        Some(u) => {
            app.store
                .has_responded(survey.id, &respondent_key(&survey, u.0))
                .await?
        }
        None => false,
    };
    Ok(SurveyView {
        questions: app.store.questions(survey.id).await?,
        process,
        survey,
        answered,
        can_manage,
    })
}

pub async fn list(
    app: &App,
    actor: &Actor,
    slug: &str,
) -> Result<(ProcessRow, Vec<SurveyRow>, bool)> {
    let (p, _, can_manage) = crate::participation::view(app, actor, slug).await?;
    let surveys = app.store.surveys(p.id).await?;
    Ok((p, surveys, can_manage))
}

/// Questions per survey.
pub const MAX_QUESTIONS: usize = 50;

/// Form field names of questions, by position (1-based).
const FIELDS: [&str; MAX_QUESTIONS] = [
    "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "q15",
    "q16", "q17", "q18", "q19", "q20", "q21", "q22", "q23", "q24", "q25", "q26", "q27", "q28",
    "q29", "q30", "q31", "q32", "q33", "q34", "q35", "q36", "q37", "q38", "q39", "q40", "q41",
    "q42", "q43", "q44", "q45", "q46", "q47", "q48", "q49", "q50",
];

/// The form field name of a question: `q` and its position.
pub fn field(q: &QuestionRow) -> &'static str {
    usize::try_from(q.position)
        .ok()
        .and_then(|p| FIELDS.get(p.wrapping_sub(1)))
        .copied()
        .unwrap_or("q")
}

/// Checks a response against the questions; the answers to store, or the errors per question.
pub fn check_response(
    questions: &[QuestionRow],
    raw: &[(String, String)],
) -> std::result::Result<Vec<Answer>, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let get = |name: &str| -> Vec<&str> {
        raw.iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
            .collect()
    };
    for q in questions {
        let name = field(q);
        let before = out.len();
        let opts = q.option_list();
        let bad = |code: &'static str| FieldError::new(name, code);
        match q.kind.as_str() {
            "single" | "multiple" | "scale5" | "scale10" => {
                let max = match q.kind.as_str() {
                    "scale5" => 5,
                    "scale10" => 10,
                    _ => opts.len(),
                };
                let low = usize::from(q.kind.starts_with("scale"));
                let picked = get(name);
                if q.kind != "multiple" && picked.len() > 1 {
                    errors.push(bad("answer-invalid"));
                    continue;
                }
                let mut ok = true;
                for v in &picked {
                    match v.parse::<usize>() {
                        Ok(n) if n >= low && n < max + low => out.push((q.id, 0, n.to_string())),
                        _ => ok = false,
                    }
                }
                if !ok {
                    out.truncate(before);
                    errors.push(bad("answer-invalid"));
                    continue;
                }
            }
            "short" | "long" => {
                let limit = if q.kind == "short" { 200 } else { 5000 };
                if let Some(v) = get(name).first() {
                    match parse_text("answer", v, limit) {
                        Ok(t) => out.push((q.id, 0, t)),
                        Err(_) => {
                            errors.push(bad("answer-too-long"));
                            continue;
                        }
                    }
                }
            }
            "ranking" => {
                let mut ranks = Vec::new();
                for i in 0..opts.len() {
                    if let Some(v) = get(&format!("{name}_{i}")).first() {
                        ranks.push((i, v.parse::<usize>().ok()));
                    }
                }
                if !ranks.is_empty() {
                    let mut seen: Vec<usize> = ranks.iter().filter_map(|(_, r)| *r).collect();
                    seen.sort_unstable();
                    if ranks.len() != opts.len() || seen != (1..=opts.len()).collect::<Vec<_>>() {
                        errors.push(bad("ranking-invalid"));
                        continue;
                    }
                    for (i, r) in ranks {
                        out.push((q.id, i as i64, r.map(|r| r.to_string()).unwrap_or_default()));
                    }
                }
            }
            "matrix" => {
                let rows = q.row_list();
                let mut answered = 0;
                let mut ok = true;
                for r in 0..rows.len() {
                    if let Some(v) = get(&format!("{name}_{r}")).first() {
                        match v.parse::<usize>() {
                            Ok(n) if n < opts.len() => {
                                out.push((q.id, r as i64, n.to_string()));
                                answered += 1;
                            }
                            _ => ok = false,
                        }
                    }
                }
                if !ok || (q.required == 1 && answered > 0 && answered < rows.len()) {
                    out.truncate(before);
                    errors.push(bad("answer-invalid"));
                    continue;
                }
            }
            _ => {}
        }
        if q.required == 1 && out.len() == before {
            errors.push(bad("answer-required"));
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Answers a survey once.
pub async fn respond(
    app: &App,
    actor: &Actor,
    slug: &str,
    survey: i64,
    raw: &[(String, String)],
) -> Result<()> {
    policy::can(actor, Action::Participate)?;
    let user = actor.user.map(|u| u.0).ok_or(DomainError::Forbidden)?;
    let v = view(app, actor, slug, survey).await?;
    if v.survey.open == 0 || v.questions.is_empty() {
        return Err(DomainError::Conflict("survey-closed-error").into());
    }
    let answers = check_response(&v.questions, raw).map_err(DomainError::Invalid)?;
    let key = respondent_key(&v.survey, user);
    let t = now();
    let mut tx = app.store.write().await?;
    let stored_user = (v.survey.anonymous == 0).then_some(user);
    let id = tx
        .insert_response(survey, stored_user, &key, &answers, t)
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => {
                crate::AppError::Domain(DomainError::Conflict("survey-answered-already"))
            }
            e => e.into(),
        })?;
    tx.audit(Event {
        at: t,
        actor: stored_user,
        action: "survey.respond",
        subject: format!("survey:{survey}"),
        details: json!({"response": id}),
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub question: QuestionRow,
    /// For choices and scales: `(label, count)`; for ranking: `(label, Borda points)`.
    pub bars: Vec<(String, i64)>,
    /// For matrices: `(row, counts per option)`.
    pub matrix: Vec<(String, Vec<i64>)>,
    /// For scales: the mean, to one decimal.
    pub mean: Option<f64>,
    /// How many people answered this question.
    pub answered: i64,
}

/// Counts every question's answers.
pub async fn results(
    app: &App,
    actor: &Actor,
    slug: &str,
    survey: i64,
) -> Result<(SurveyView, Vec<QuestionResult>)> {
    let v = view(app, actor, slug, survey).await?;
    let answers = app.store.survey_answers(survey).await?;
    let mut by_q: BTreeMap<i64, Vec<(i64, i64, String)>> = BTreeMap::new();
    for (resp, q, item, value) in answers {
        by_q.entry(q).or_default().push((resp, item, value));
    }
    let mut out = Vec::new();
    for q in &v.questions {
        let rows = by_q.remove(&q.id).unwrap_or_default();
        let mut respondents: Vec<i64> = rows.iter().map(|r| r.0).collect();
        respondents.dedup();
        let opts = q.option_list();
        let mut r = QuestionResult {
            question: q.clone(),
            bars: vec![],
            matrix: vec![],
            mean: None,
            answered: respondents.len() as i64,
        };
        match q.kind.as_str() {
            "single" | "multiple" => {
                r.bars = opts
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        (
                            (*o).to_owned(),
                            rows.iter().filter(|x| x.2 == i.to_string()).count() as i64,
                        )
                    })
                    .collect();
            }
            "scale5" | "scale10" => {
                let max = if q.kind == "scale5" { 5 } else { 10 };
                r.bars = (1..=max)
                    .map(|n: i64| {
                        (
                            n.to_string(),
                            rows.iter().filter(|x| x.2 == n.to_string()).count() as i64,
                        )
                    })
                    .collect();
                let values: Vec<f64> = rows
                    .iter()
                    .filter_map(|x| x.2.parse::<f64>().ok())
                    .collect();
                if !values.is_empty() {
                    r.mean = Some(
                        (values.iter().sum::<f64>() / values.len() as f64 * 10.0).round() / 10.0,
                    );
                }
            }
            "ranking" => {
                let n = opts.len() as i64;
                r.bars = opts
                    .iter()
                    .enumerate()
                    .map(|(i, o)| {
                        let points: i64 = rows
                            .iter()
                            .filter(|x| x.1 == i as i64)
                            .filter_map(|x| x.2.parse::<i64>().ok())
                            .map(|rank| n - rank)
                            .sum();
                        ((*o).to_owned(), points)
                    })
                    .collect();
            }
            "matrix" => {
                r.matrix = q
                    .row_list()
                    .iter()
                    .enumerate()
                    .map(|(ri, row)| {
                        let counts = (0..opts.len())
                            .map(|oi| {
                                rows.iter()
                                    .filter(|x| x.1 == ri as i64 && x.2 == oi.to_string())
                                    .count() as i64
                            })
                            .collect();
                        ((*row).to_owned(), counts)
                    })
                    .collect();
            }
            _ => {}
        }
        out.push(r);
    }
    Ok((v, out))
}

fn csv_cell(s: &str) -> String {
    // Quoted, quotes doubled; cells that a spreadsheet would run as formulas are prefixed.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Every response as CSV, one row per response (staff only).
pub async fn csv(app: &App, actor: &Actor, slug: &str, survey: i64) -> Result<String> {
    let p = manage(app, actor, slug).await?;
    load(app, &p, survey).await?;
    let questions = app.store.questions(survey).await?;
    let responses = app.store.survey_responses(survey).await?;
    let answers = app.store.survey_answers(survey).await?;
    let mut cells: BTreeMap<(i64, i64), Vec<String>> = BTreeMap::new();
    for (resp, q, item, value) in answers {
        let question = questions.iter().find(|x| x.id == q);
        let label = match question.map(|x| x.kind.as_str()) {
            Some("single" | "multiple") => question
                .and_then(|x| {
                    value
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| x.option_list().get(i).map(|s| (*s).to_owned()))
                })
                .unwrap_or(value),
            Some("ranking") => format!(
                "{}={value}",
                question
                    .and_then(|x| x.option_list().get(item as usize).map(|s| (*s).to_owned()))
                    .unwrap_or_default()
            ),
            Some("matrix") => {
                let row = question
                    .and_then(|x| x.row_list().get(item as usize).map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                let opt = question
                    .and_then(|x| {
                        value
                            .parse::<usize>()
                            .ok()
                            .and_then(|i| x.option_list().get(i).map(|s| (*s).to_owned()))
                    })
                    .unwrap_or(value);
                format!("{row}={opt}")
            }
            _ => value,
        };
        cells.entry((resp, q)).or_default().push(label);
    }
    let mut out = String::from("\"response\",\"submitted_at\"");
    for q in &questions {
        out.push(',');
        out.push_str(&csv_cell(&q.prompt));
    }
    out.push_str("\r\n");
    for (id, at) in responses {
        out.push_str(&format!("{id},{at}"));
        for q in &questions {
            out.push(',');
            out.push_str(&csv_cell(
                &cells
                    .get(&(id, q.id))
                    .map(|v| v.join("; "))
                    .unwrap_or_default(),
            ));
        }
        out.push_str("\r\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: i64, kind: &str, options: &str, rows: &str, required: bool) -> QuestionRow {
        QuestionRow {
            id,
            position: id,
            kind: kind.into(),
            prompt: format!("Q{id}"),
            options: options.into(),
            matrix_rows: rows.into(),
            required: i64::from(required),
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn responses_are_checked_per_question() {
        let qs = vec![
            q(1, "single", "a\nb\nc", "", true),
            q(2, "multiple", "a\nb\nc", "", false),
            q(3, "scale5", "", "", true),
            q(4, "ranking", "x\ny\nz", "", false),
            q(5, "matrix", "no\nyes", "r1\nr2", true),
            q(6, "short", "", "", false),
        ];
        let ok = pairs(&[
            ("q1", "2"),
            ("q2", "0"),
            ("q2", "2"),
            ("q3", "5"),
            ("q4_0", "2"),
            ("q4_1", "1"),
            ("q4_2", "3"),
            ("q5_0", "1"),
            ("q5_1", "0"),
            ("q6", " ciao "),
        ]);
        assert_eq!(
            check_response(&qs, &ok).expect("valid"),
            vec![
                (1, 0, "2".into()),
                (2, 0, "0".into()),
                (2, 0, "2".into()),
                (3, 0, "5".into()),
                (4, 0, "2".into()),
                (4, 1, "1".into()),
                (4, 2, "3".into()),
                (5, 0, "1".into()),
                (5, 1, "0".into()),
                (6, 0, "ciao".into())
            ]
        );
        let bad = pairs(&[
            ("q1", "3"),
            ("q3", "0"),
            ("q4_0", "1"),
            ("q4_1", "1"),
            ("q4_2", "2"),
            ("q5_0", "1"),
        ]);
        let codes: Vec<(&str, &str)> = check_response(&qs, &bad)
            .expect_err("bad")
            .iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("q1", "answer-invalid"),
                ("q3", "answer-invalid"),
                ("q4", "ranking-invalid"),
                ("q5", "answer-invalid")
            ]
        );
        let empty: Vec<(&str, &str)> = check_response(&qs, &[])
            .expect_err("required")
            .iter()
            .map(|e| (e.field, e.code))
            .collect();
        assert_eq!(
            empty,
            vec![
                ("q1", "answer-required"),
                ("q3", "answer-required"),
                ("q5", "answer-required")
            ]
        );
        assert_eq!(csv_cell("=SUM(A1)"), "\"'=SUM(A1)\"");
        assert_eq!(csv_cell("a \"b\""), "\"a \"\"b\"\"\"");
    }
}
