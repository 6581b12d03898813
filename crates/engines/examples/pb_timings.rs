//! `cargo run --release -p learning-city-engines --example pb_timings -- FILE.pb RULE…`: the
//! rules of `learning-city pb tally` timed in-process the way `cargo xtask bench budgeting` times
//! pabutools — the file already parsed and its identical ballots grouped (pabutools' multiprofile,
//! built before its timer too), the rule alone (median of several runs, as many as fit in about a
//! fifth of a second, at least three). Prints one line of JSON per rule: the rule, the parse time,
//! the grouping time, the rule's time and the winners' ids.

use learning_city_engines::budgeting::rules::{Rule, grouped, tally_grouped};
use learning_city_engines::budgeting::{TieBreak, pabulib};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((file, rules)) = args.split_first() else {
        eprintln!("usage: pb_timings FILE.pb RULE…");
        return ExitCode::from(2);
    };
    let t = Instant::now();
    let election = match std::fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|text| pabulib::parse(&text).map_err(|e| e.to_string()))
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let parse = t.elapsed().as_secs_f64();
    let tie = TieBreak::default();
    for raw in rules {
        let Some(rule) = Rule::parse(raw) else {
            eprintln!("unknown rule {raw}");
            return ExitCode::from(2);
        };
        let t = Instant::now();
        let profile = grouped(&election, rule);
        let grouping = t.elapsed().as_secs_f64();
        let mut times = Vec::new();
        let started = Instant::now();
        let mut winners = Vec::new();
        while times.len() < 3 || (started.elapsed().as_secs_f64() < 0.2 && times.len() < 51) {
            let t = Instant::now();
            let outcome = tally_grouped(&election, rule, &tie, profile.as_ref());
            times.push(t.elapsed().as_secs_f64());
            winners = outcome.winner_ids(&election);
        }
        times.sort_by(f64::total_cmp);
        winners.sort();
        let ids: Vec<String> = winners.iter().map(|w| format!("{w:?}")).collect();
        println!(
            "{{\"rule\": {raw:?}, \"parse_seconds\": {parse:.6}, \"grouping_seconds\": {grouping:.6}, \"seconds\": {:.6}, \"runs\": {}, \"winners\": [{}]}}",
            times[times.len() / 2],
            times.len(),
            ids.join(", ")
        );
    }
    ExitCode::SUCCESS
}
