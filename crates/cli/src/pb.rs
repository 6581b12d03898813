//! `learning-city pb tally`: the recount anyone can run on a pabulib file.

use anyhow::{Context, Result};
use engines::budgeting::rules::{NotChosen, Options, Outcome, Rule, SubBudgets, tally_with};
use engines::budgeting::{Election, TieBreak, format_q, pabulib};
use serde_json::{Value, json};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TallyArgs {
    /// The election, as a pabulib `.pb` file.
    pub file: std::path::PathBuf,
    /// greedy, greedy-total, greedy-no-skip, greedy-threshold, mes, mes-add1, mes-add1u, phragmen.
    #[arg(long)]
    pub rule: String,
    /// Tie-break order, first key first.
    #[arg(long, default_value = "cost,votes,id")]
    pub tie_break: String,
    /// `text` (aligned, for people) or `json` (stable, for programs).
    #[arg(long, default_value = "text")]
    pub format: String,
    /// Add the explanation: MES rounds with prices and remaining money, and why each project
    /// not chosen was not.
    #[arg(long)]
    pub explain: bool,
    /// Follow the equalshares.net compute tool (whole-unit voter budgets, exhaustiveness over
    /// every project, completion by approval count) instead of pabutools.
    #[arg(long)]
    pub equalshares: bool,
    /// Add the comparison step: keep greedy's outcome when more voters prefer it.
    #[arg(long)]
    pub comparison: bool,
    /// Keep the file's budgets per category or district (`budget_per_category`,
    /// `budget_per_neighborhood`; with `leftover_budget`, the money left funds more projects
    /// without them). Greedy rules only.
    #[arg(long)]
    pub sub_budgets: bool,
}

fn usage(msg: String) -> Result<ExitCode> {
    eprintln!("{msg}");
    Ok(ExitCode::from(2))
}

pub fn tally_command(args: &TallyArgs) -> Result<ExitCode> {
    let Some(rule) = Rule::parse(&args.rule) else {
        let all: Vec<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
        return usage(format!(
            "unknown rule {:?}: use one of {}",
            args.rule,
            all.join(", ")
        ));
    };
    let Some(tie) = TieBreak::parse(&args.tie_break) else {
        return usage(format!(
            "bad --tie-break {:?}: a comma list of cost, votes, id",
            args.tie_break
        ));
    };
    if args.format != "text" && args.format != "json" {
        return usage(format!("bad --format {:?}: text or json", args.format));
    }
    let text = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let election = match pabulib::parse(&text) {
        Ok(e) => e,
        Err(e) => return usage(format!("{}: {e}", args.file.display())),
    };
    if rule == Rule::Phragmen && !election.vote_type.is_approval() {
        return usage(format!(
            "phragmen needs approval or choose-1 ballots; this election has {}",
            election.vote_type
        ));
    }
    if args.sub_budgets {
        if !matches!(
            rule,
            Rule::Greedy | Rule::GreedyTotal | Rule::GreedyNoSkip | Rule::GreedyThreshold
        ) {
            return usage(format!(
                "--sub-budgets works with the greedy rules; under {} each district is an election of its own",
                rule.code()
            ));
        }
        match SubBudgets::of(&election) {
            Ok(Some(_)) => {}
            Ok(None) => {
                return usage(format!(
                    "{}: no budget_per_category or budget_per_neighborhood in META",
                    args.file.display()
                ));
            }
            Err(e) => return usage(format!("{}: {e}", args.file.display())),
        }
    }
    let options = Options {
        equalshares: args.equalshares,
        comparison: args.comparison,
        sub_budgets: args.sub_budgets,
    };
    let outcome = tally_with(&election, rule, &tie, options, args.explain);
    if args.format == "json" {
        let mut v = json!({
            "rule": rule.code(),
            "winners": outcome.winner_ids(&election),
            "total_cost": outcome.total_cost_text(),
        });
        if let Some((mes, greedy)) = outcome.compared {
            v["comparison"] = json!({"prefer_mes": mes, "prefer_greedy": greedy});
        }
        if args.explain {
            v["explanation"] = explanation(&election, &outcome);
        }
        crate::emit(&serde_json::to_string_pretty(&v)?)?;
    } else {
        crate::emit(&readable(&election, &outcome, args.explain))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A rational as people read money: two decimals (the JSON output keeps the exact value).
fn approx(q: &engines::budgeting::Q) -> String {
    let v = num_traits_to_f64(q);
    format!("{v:.2}")
}

fn num_traits_to_f64(q: &engines::budgeting::Q) -> f64 {
    let (n, d) = (q.numer().to_string(), q.denom().to_string());
    n.parse::<f64>().unwrap_or(f64::NAN) / d.parse::<f64>().unwrap_or(f64::NAN)
}

fn name(e: &Election, p: usize) -> String {
    e.projects[p].field("name").unwrap_or("").to_owned()
}

fn reason(n: &NotChosen) -> &'static str {
    match n {
        NotChosen::NoSupport => "no ballot supports it",
        NotChosen::DidNotFit => "when its turn came, the money left was less than its cost",
        NotChosen::SupportersRanOut => "its supporters' remaining money could not pay for it",
        NotChosen::BelowThreshold => "its supporters did not reach the threshold",
        NotChosen::PoolFull => "its category's or district's own budget had too little left",
        NotChosen::RuleStopped => "the rule stopped before its turn",
    }
}

/// The explanation as JSON: rounds (MES), completion, and why each other project lost.
pub fn explanation(e: &Election, o: &Outcome) -> Value {
    let rounds: Vec<Value> = o
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let supporters: u64 = r.payments.iter().map(|(_, w, _, _)| *w).sum();
            let max_paid = r.payments.iter().map(|(_, _, paid, _)| paid.clone()).max();
            json!({
                "round": i + 1,
                "project": e.projects[r.project].id,
                "cost": format_q(&e.projects[r.project].cost),
                "rho": format_q(&r.rho),
                "supporters": supporters,
                "max_paid_per_voter": max_paid.map(|q| format_q(&q)),
                "payments": r.payments.iter().map(|(g, w, paid, left)| json!({"ballot_group": g, "voters": w, "paid_per_voter": format_q(paid), "left_per_voter": format_q(left)})).collect::<Vec<_>>(),
                "tied_with": r.tied_with.iter().map(|p| e.projects[*p].id.clone()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "voter_budget": o.voter_budget.as_ref().map(format_q),
        "rounds": rounds,
        "completed": o.completed.iter().map(|p| e.projects[*p].id.clone()).collect::<Vec<_>>(),
        "not_chosen": o.not_chosen.iter().map(|(p, why)| json!({"project": e.projects[*p].id, "reason": why.code()})).collect::<Vec<_>>(),
    })
}

/// The outcome as people read it (with the MES rounds when `explain`).
fn readable(e: &Election, o: &Outcome, explain: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "rule        {}", o.rule.code());
    let _ = writeln!(out, "budget      {}", format_q(&e.budget));
    let _ = writeln!(out, "total cost  {}", o.total_cost_text());
    let _ = writeln!(
        out,
        "winners     {} of {} projects, in order of selection:",
        o.winners.len(),
        e.projects.len()
    );
    let width = o
        .winners
        .iter()
        .map(|p| e.projects[*p].id.len())
        .max()
        .unwrap_or(2);
    for p in &o.winners {
        let _ = writeln!(
            out,
            "  {:<width$}  {:>14}  {}",
            e.projects[*p].id,
            format_q(&e.projects[*p].cost),
            name(e, *p)
        );
    }
    if !explain {
        return out;
    }
    if let Some(b) = &o.voter_budget {
        let _ = writeln!(
            out,
            "\nEach voter's share of the budget: {} (exactly {})",
            approx(b),
            format_q(b)
        );
    }
    for (i, r) in o.rounds.iter().enumerate() {
        let supporters: u64 = r.payments.iter().map(|(_, w, _, _)| *w).sum();
        let max_paid = r
            .payments
            .iter()
            .map(|(_, _, paid, _)| paid.clone())
            .max()
            .map(|q| approx(&q))
            .unwrap_or_default();
        let poorest = r
            .payments
            .iter()
            .map(|(_, _, _, left)| left.clone())
            .min()
            .map(|q| approx(&q))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "round {:>3}: {} bought by {} supporters, each paying at most {}; the poorest supporter has {} left{}",
            i + 1,
            e.projects[r.project].id,
            supporters,
            max_paid,
            poorest,
            if r.tied_with.is_empty() {
                String::new()
            } else {
                format!(
                    "; tied with {} and chosen by the tie-break",
                    r.tied_with
                        .iter()
                        .map(|p| e.projects[*p].id.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        );
    }
    if !o.completed.is_empty() {
        let _ = writeln!(
            out,
            "completed by greedy: {}",
            o.completed
                .iter()
                .map(|p| e.projects[*p].id.clone())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(out, "\nNot chosen:");
    for (p, why) in &o.not_chosen {
        let _ = writeln!(out, "  {:<width$}  {}", e.projects[*p].id, reason(why));
    }
    out
}
