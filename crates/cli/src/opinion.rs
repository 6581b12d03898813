//! `learning-city opinion analyze`: the opinion map of a Pol.is export, recomputable by anyone:
//! groups with their representative statements, consensus, group-informed consensus (`gac`) and
//! bridging scores (`bridging`, statement id → Community Notes intercept).

use anyhow::{Context, Result};
use engines::opinion::analysis::analyse;
use engines::opinion::map::Stages;
use engines::opinion::matrix::{VoteMatrix, read_export_votes};
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// A Pol.is export folder (votes.csv or participants-votes.csv, and comments.csv).
    pub dir: std::path::PathBuf,
    /// A JSON object participant id → group id: skip clustering and explain these groups.
    #[arg(long)]
    pub labels: Option<std::path::PathBuf>,
    /// `json` (the only format for now).
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Print the wall time of every stage to stderr (for `cargo xtask bench opinion`).
    #[arg(long, hide = true)]
    pub timings: bool,
}

fn usage(msg: String) -> Result<ExitCode> {
    eprintln!("{msg}");
    Ok(ExitCode::from(2))
}

pub fn analyze_command(args: &AnalyzeArgs) -> Result<ExitCode> {
    if args.format != "json" {
        return usage(format!("bad --format {:?}: json", args.format));
    }
    let mut stages = Stages::default();
    stages.start();
    let (votes, moderated) = match read_export_votes(&args.dir) {
        Ok(v) => v,
        Err(e) => return usage(format!("{}: {e}", args.dir.display())),
    };
    stages.mark("read CSV");
    let labels: Option<HashMap<i64, usize>> = match &args.labels {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            let v: Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => return usage(format!("{}: not JSON: {e}", path.display())),
            };
            let Some(obj) = v.as_object() else {
                return usage(format!(
                    "{}: expected an object participant id → group id",
                    path.display()
                ));
            };
            let mut out = HashMap::new();
            for (k, g) in obj {
                let (Ok(p), Some(g)) = (k.parse::<i64>(), g.as_u64()) else {
                    return usage(format!(
                        "{}: entry {k:?} is not participant id → group number",
                        path.display()
                    ));
                };
                out.insert(p, g as usize);
            }
            Some(out)
        }
        None => None,
    };
    stages.start();
    let m = VoteMatrix::from_votes(&votes, moderated);
    drop(votes);
    stages.mark("matrix");
    let a = analyse(&m, labels, &mut stages);
    let pipeline_end = std::time::Instant::now();
    let labels = &a.groups;
    let (agree, disagree) = &a.consensus;
    let groups: Vec<Value> = a
        .representative
        .iter()
        .enumerate()
        .map(|(g, rep)| {
            let mut members: Vec<i64> = labels
                .iter()
                .filter(|(_, x)| **x == g)
                .map(|(p, _)| *p)
                .collect();
            members.sort();
            json!({
                "id": g,
                "members": members,
                "representative": rep.iter().map(|r| json!({
                    "tid": r.statement,
                    "direction": r.direction.code(),
                    "n_success": r.n_success,
                    "n_trials": r.n_trials,
                    "p_success": r.p_success,
                    "p_test": r.p_test,
                    "repness": r.repness,
                    "repness_test": r.repness_test,
                    "best_agree": r.best_agree,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut participants = Map::new();
    for p in &m.participants {
        participants.insert(
            p.to_string(),
            labels.get(p).map(|g| json!(g)).unwrap_or(Value::Null),
        );
    }
    let mut gac = Map::new();
    for (t, v) in &a.group_informed_consensus {
        if !m.moderated_out.contains(t) {
            gac.insert(t.to_string(), json!(v));
        }
    }
    // Bridging scores (Community Notes intercepts) of the statements not moderated out.
    let mut bridge = Map::new();
    for f in &a.bridging.statements {
        bridge.insert(f.statement.to_string(), json!(f.intercept));
    }
    let out = json!({
        "groups": groups,
        "participants": participants,
        "consensus": {"agree": agree, "disagree": disagree},
        "gac": gac,
        "bridging": bridge,
    });
    crate::emit(&serde_json::to_string_pretty(&out)?)?;
    if args.timings {
        stages.times.push(("JSON", pipeline_end.elapsed()));
        for (name, took) in &stages.times {
            eprintln!("timing {name}: {:.6} s", took.as_secs_f64());
        }
    }
    Ok(ExitCode::SUCCESS)
}
