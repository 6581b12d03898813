//! `learning-city opinion analyze`: the opinion map of a Pol.is export, recomputable by anyone:
//! groups with their representative statements, consensus, group-informed consensus (`gac`) and
//! bridging scores (`bridging`, statement id → Community Notes intercept).

use anyhow::{Context, Result};
use engines::opinion::bridging::bridging;
use engines::opinion::map::analyze;
use engines::opinion::matrix::read_export;
use engines::opinion::stats::{consensus, group_informed_consensus, representative};
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
}

fn usage(msg: String) -> Result<ExitCode> {
    eprintln!("{msg}");
    Ok(ExitCode::from(2))
}

pub fn analyze_command(args: &AnalyzeArgs) -> Result<ExitCode> {
    if args.format != "json" {
        return usage(format!("bad --format {:?}: json", args.format));
    }
    let m = match read_export(&args.dir) {
        Ok(m) => m,
        Err(e) => return usage(format!("{}: {e}", args.dir.display())),
    };
    let labels: HashMap<i64, usize> = match &args.labels {
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
            out
        }
        None => analyze(&m).groups,
    };
    let reps = representative(&m, &labels, 5);
    let (agree, disagree) = consensus(&m, 5);
    let groups: Vec<Value> = reps
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
    for (t, v) in group_informed_consensus(&m, &labels) {
        if !m.moderated_out.contains(&t) {
            gac.insert(t.to_string(), json!(v));
        }
    }
    // Bridging scores (Community Notes intercepts) of the statements not moderated out.
    let mut bridge = Map::new();
    for f in bridging(&m, 0).statements {
        bridge.insert(f.statement.to_string(), json!(f.intercept));
    }
    let out = json!({
        "groups": groups,
        "participants": participants,
        "consensus": {"agree": agree, "disagree": disagree},
        "gac": gac,
        "bridging": bridge,
    });
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(ExitCode::SUCCESS)
}
