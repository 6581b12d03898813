//! `cargo run --release -p learning-city-engines --example opinion_timings -- DIR [RUNS]`: the
//! opinion pipeline of `learning-city opinion analyze` timed in-process, stage by stage, the way
//! red-dwarf's `run_pipeline` is timed by `cargo xtask bench opinion` (reading the CSV files is
//! timed apart and not part of the pipeline). Prints one line of JSON: the load time, the
//! pipeline time (the median run's) and each stage's time of that run, in seconds.

use learning_city_engines::opinion::bridging::bridging;
use learning_city_engines::opinion::map::{Stages, update_timed};
use learning_city_engines::opinion::matrix::{VoteMatrix, read_export_votes};
use learning_city_engines::opinion::stats::{consensus, group_informed_consensus, representative};
use std::process::ExitCode;
use std::time::Instant;

/// One run of the pipeline on the votes: building the matrix, the map, the statistics and the
/// bridging scores, as the CLI runs them.
fn pipeline(votes: &[(i64, i64, i8)], moderated: &std::collections::BTreeSet<i64>) -> Stages {
    let mut stages = Stages::default();
    stages.start();
    let m = VoteMatrix::from_votes(votes, moderated.clone());
    stages.mark("matrix");
    let (map, _) = update_timed(&m, 0, None, &mut stages);
    let reps = representative(&m, &map.groups, 5);
    let cons = consensus(&m, 5);
    let gac = group_informed_consensus(&m, &map.groups);
    stages.mark("statistics");
    let b = bridging(&m, 0);
    stages.mark("bridging");
    std::hint::black_box((reps, cons, gac, b));
    stages
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: opinion_timings DIR [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let t = Instant::now();
    let (votes, moderated) = match read_export_votes(std::path::Path::new(dir)) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{dir}: {e}");
            return ExitCode::from(2);
        }
    };
    let load = t.elapsed().as_secs_f64();
    let mut all: Vec<(f64, Stages)> = (0..runs.max(1))
        .map(|_| {
            let s = pipeline(&votes, &moderated);
            (s.times.iter().map(|(_, d)| d.as_secs_f64()).sum(), s)
        })
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (total, stages) = &all[all.len() / 2];
    let stages: Vec<String> = stages
        .times
        .iter()
        .map(|(n, d)| format!("\"{n}\": {:.6}", d.as_secs_f64()))
        .collect();
    println!(
        "{{\"dir\": \"{dir}\", \"load_seconds\": {load:.6}, \"pipeline_seconds\": {total:.6}, \"stages\": {{{}}}}}",
        stages.join(", ")
    );
    ExitCode::SUCCESS
}
