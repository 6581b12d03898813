//! `cargo run --release -p learning-city-engines --example opinion_timings -- DIR [RUNS]`: the
//! opinion pipeline of `learning-city opinion analyze` timed in-process, stage by stage, the way
//! red-dwarf's `run_pipeline` is timed by `cargo xtask bench opinion` (reading the CSV files is
//! timed apart and not part of the pipeline). Prints one line of JSON: the load time, the
//! pipeline time (the median run's) and each stage's time of that run, in seconds.

use learning_city_engines::opinion::analysis::analyse;
use learning_city_engines::opinion::map::Stages;
use learning_city_engines::opinion::matrix::{VoteMatrix, read_export_votes};
use std::process::ExitCode;
use std::time::Instant;

/// One run of the pipeline on the votes: building the matrix, then [`analyse`] as the CLI runs
/// it. Returns the wall time and the stages.
fn pipeline(
    votes: &[(i64, i64, i8)],
    moderated: &std::collections::BTreeSet<i64>,
) -> (f64, Stages, usize) {
    let t = Instant::now();
    let mut stages = Stages::default();
    stages.start();
    let m = VoteMatrix::from_votes(votes, moderated.clone());
    stages.mark("matrix");
    let analysis = analyse(&m, None, &mut stages);
    let wall = t.elapsed().as_secs_f64();
    let sweeps = analysis.bridging.sweeps;
    std::hint::black_box(analysis);
    (wall, stages, sweeps)
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
    let mut all: Vec<(f64, Stages, usize)> = (0..runs.max(1))
        .map(|_| pipeline(&votes, &moderated))
        .collect();
    all.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (total, stages, sweeps) = &all[all.len() / 2];
    let stages: Vec<String> = stages
        .times
        .iter()
        .map(|(n, d)| format!("\"{n}\": {:.6}", d.as_secs_f64()))
        .collect();
    println!(
        "{{\"dir\": {dir:?}, \"load_seconds\": {load:.6}, \"pipeline_seconds\": {total:.6}, \"bridging_sweeps\": {sweeps}, \"stages\": {{{}}}}}",
        stages.join(", ")
    );
    ExitCode::SUCCESS
}
