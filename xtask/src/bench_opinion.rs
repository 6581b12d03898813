//! `cargo xtask bench opinion [--runs N] [--skip-reddwarf]`: the opinion pipeline — matrix,
//! PCA, projection, base clusters, groups, representative statements, consensus, group-informed
//! consensus, bridging scores — on every runnable conversation of `../shared/data/polis`, side
//! by side with red-dwarf 0.4.0 (installed from PyPI into `target/bench-opinion-venv`; timed on
//! its pipeline alone, CSV loading excluded, by `xtask/bench/reddwarf_times.py`), then on two
//! synthetic conversations generated deterministically (33 000 × 800, ~2 M votes; 100 000 ×
//! 2 000, ~10 M votes). Two times for ours: the pipeline in-process, loading excluded, as
//! red-dwarf's is timed (the `opinion_timings` example of the engines crate: the CLI's
//! `opinion::analysis::analyse` after reading the votes, median of the runs inside one
//! process, with the time of every stage); and the whole release
//! `learning-city opinion analyze DIR` process (start, CSV, pipeline, JSON) with its peak
//! resident memory (`/usr/bin/time`). Into the `opinion` section of `docs/BENCHMARKS.md`. Not a
//! test: nothing here asserts a time.

use crate::bench::write_section;
use crate::root;
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Synthetic conversations: name, participants, statements, votes per participant.
const SYNTHETIC: [(&str, usize, usize, usize); 2] = [
    ("synthetic-33k-800", 33_000, 800, 61),
    ("synthetic-100k-2000", 100_000, 2_000, 100),
];

fn data_dir() -> PathBuf {
    std::env::var("LEARNING_CITY_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("../shared/data"))
        .join("polis")
}

fn target_dir() -> PathBuf {
    std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"))
}

fn venv_python() -> Result<PathBuf> {
    let venv = root().join("target/bench-opinion-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        println!("creating {} with red-dwarf 0.4.0 from PyPI", venv.display());
        crate::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        crate::run(Command::new(venv.join("bin/pip")).args(["install", "-q", "red-dwarf==0.4.0"]))?;
    }
    Ok(python)
}

/// SplitMix64: the synthetic conversations are the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A Pol.is export folder (`votes.csv`, `comments.csv`): three opinion camps (50 %, 30 %, 20 %)
/// around points of a 2-D opinion space, every statement a direction in it plus a popularity,
/// each participant voting on `per` distinct statements (agree, disagree or, 15 %, pass) in
/// timestamp order, 5 % of the statements moderated out.
fn synthesise(dir: &Path, participants: usize, statements: usize, per: usize) -> Result<()> {
    if dir.join("votes.csv").exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(20_260_101 + participants as u64);
    let dirs: Vec<(f64, f64, f64)> = (0..statements)
        .map(|_| {
            let a = rng.unit() * std::f64::consts::TAU;
            (a.cos(), a.sin(), rng.unit() - 0.5)
        })
        .collect();
    let mut comments = std::io::BufWriter::new(std::fs::File::create(dir.join("comments.csv"))?);
    writeln!(
        comments,
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body"
    )?;
    for s in 0..statements {
        let moderated = if rng.unit() < 0.05 { -1 } else { 1 };
        writeln!(comments, "{s},,{s},0,0,0,{moderated},statement {s}")?;
    }
    comments.flush()?;
    let camps = [(1.5, 0.2, 0.5), (-1.2, 0.8, 0.8), (0.0, -1.5, 1.0)];
    let mut votes = std::io::BufWriter::new(std::fs::File::create(dir.join("votes.csv"))?);
    writeln!(votes, "timestamp,datetime,comment-id,voter-id,vote")?;
    let mut t = 1_600_000_000_000u64;
    let steps = [7usize, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47];
    for p in 0..participants {
        let u = rng.unit();
        let camp = camps.iter().find(|c| u < c.2).copied().unwrap_or(camps[2]);
        let (x, y) = (camp.0 + rng.unit() - 0.5, camp.1 + rng.unit() - 0.5);
        let start = (rng.next() % statements as u64) as usize;
        let step = steps[(rng.next() % steps.len() as u64) as usize];
        for j in 0..per.min(statements) {
            // Distinct statements: the step is prime and does not divide 800 or 2 000.
            let s = (start + j * step) % statements;
            let (dx, dy, pop) = dirs[s];
            let lean = 2.0 * (x * dx + y * dy) + pop;
            let agree = 1.0 / (1.0 + (-lean).exp());
            let r = rng.unit();
            let vote = if rng.unit() < 0.15 {
                0
            } else if r < agree {
                1
            } else {
                -1
            };
            t += 1 + rng.next() % 3;
            writeln!(votes, "{t},,{s},{p},{vote}")?;
        }
    }
    votes.flush()?;
    Ok(())
}

/// One run of our CLI on a folder: (wall seconds, peak KB, groups).
fn ours(bin: &Path, dir: &Path) -> Result<(f64, u64, usize)> {
    let t = std::time::Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "peak-kb %M"])
        .arg(bin)
        .args(["opinion", "analyze"])
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .context("/usr/bin/time learning-city opinion analyze")?;
    let secs = t.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!(
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let peak = String::from_utf8_lossy(&out.stderr)
        .lines()
        .find_map(|l| {
            l.strip_prefix("peak-kb ")
                .and_then(|v| v.trim().parse().ok())
        })
        .unwrap_or(0);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
    let groups = v["groups"].as_array().map(Vec::len).unwrap_or(0);
    Ok((secs, peak, groups))
}

/// The pipeline in-process, loading excluded: (load seconds, pipeline seconds of the median run,
/// that run's stages).
fn pipeline(bin: &Path, dir: &Path, runs: usize) -> Result<(f64, f64, StageTimes)> {
    let out = Command::new(bin)
        .arg(dir)
        .arg(runs.max(1).to_string())
        .stdin(Stdio::null())
        .output()
        .context("opinion_timings")?;
    if !out.status.success() {
        bail!(
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).context("timings JSON")?;
    let stages = v["stages"]
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, s)| (k.clone(), s.as_f64().unwrap_or(f64::NAN)))
                .collect()
        })
        .unwrap_or_default();
    Ok((
        v["load_seconds"].as_f64().unwrap_or(f64::NAN),
        v["pipeline_seconds"].as_f64().unwrap_or(f64::NAN),
        stages,
    ))
}

/// Seconds per named stage.
type StageTimes = Vec<(String, f64)>;

/// The stage columns of the per-stage table, in pipeline order.
const STAGES: [&str; 8] = [
    "matrix",
    "pca",
    "projection",
    "base clusters",
    "groups",
    "statistics",
    "waiting for bridging",
    "bridging (second thread)",
];

fn stage_row(name: &str, load: f64, total: f64, stages: &[(String, f64)]) -> String {
    let mut row = format!("| {name} | {:.1} |", load * 1000.0);
    for s in STAGES {
        let t = stages.iter().find(|(n, _)| n == s).map(|(_, t)| *t);
        let _ = write!(
            row,
            " {} |",
            t.map(|t| format!("{:.1}", t * 1000.0))
                .unwrap_or_else(|| "—".into())
        );
    }
    let _ = write!(row, " {:.1} |", total * 1000.0);
    row
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

struct Row {
    name: String,
    participants: u64,
    votes: u64,
    ours_s: f64,
    ours_pipeline_s: f64,
    load_s: f64,
    stages: StageTimes,
    ours_kb: u64,
    ours_k: usize,
    rd: Option<(f64, u64, Option<u64>)>,
}

pub fn run(args: &[String]) -> Result<()> {
    let mut runs = 3usize;
    let mut skip_rd = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|v| v.parse().ok()).context("--runs N")?,
            "--skip-reddwarf" => skip_rd = true,
            other => bail!("unknown option {other}"),
        }
    }
    crate::bench::build_release(&["-p", "learning-city"])?;
    crate::bench::build_release(&[
        "-p",
        "learning-city-engines",
        "--example",
        "opinion_timings",
    ])?;
    let bin = target_dir().join("release/learning-city");
    let timings = target_dir().join("release/examples/opinion_timings");
    let dir = data_dir();
    let mut convs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("polis data not found at {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("votes.csv").exists() || p.join("participants-votes.csv").exists())
        .collect();
    convs.sort();

    let mut reference: HashMap<String, serde_json::Value> = HashMap::new();
    if !skip_rd {
        let python = venv_python()?;
        println!("red-dwarf on {} conversations…", convs.len());
        let out = Command::new(python)
            .arg(root().join("xtask/bench/reddwarf_times.py"))
            .args(&convs)
            .output()
            .context("run red-dwarf")?;
        if !out.status.success() {
            println!(
                "red-dwarf failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                reference.insert(v["dir"].as_str().unwrap_or("").to_owned(), v);
            }
        }
    }

    let mut rows = Vec::new();
    for conv in &convs {
        let mut times = Vec::new();
        let (mut peak, mut k) = (0, 0);
        for _ in 0..runs.max(1) {
            let (s, kb, g) = ours(&bin, conv)?;
            times.push(s);
            peak = peak.max(kb);
            k = g;
        }
        let (load_s, ours_pipeline_s, stages) = pipeline(&timings, conv, runs.max(5))?;
        let r = reference.get(&conv.display().to_string());
        let row = Row {
            name: conv
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            participants: r.and_then(|r| r["participants"].as_u64()).unwrap_or(0),
            votes: r.and_then(|r| r["votes"].as_u64()).unwrap_or(0),
            ours_s: median(times),
            ours_pipeline_s,
            load_s,
            stages,
            ours_kb: peak,
            ours_k: k,
            rd: r.and_then(|r| {
                Some((
                    r["seconds"].as_f64()?,
                    r["peak_kb"].as_u64().unwrap_or(0),
                    r["groups"].as_u64(),
                ))
            }),
        };
        println!(
            "{:45} ours pipeline {:.4} s, process {:.3} s {:.0} MB k {} | red-dwarf {}",
            row.name,
            row.ours_pipeline_s,
            row.ours_s,
            row.ours_kb as f64 / 1024.0,
            row.ours_k,
            row.rd
                .map(|(s, _, _)| format!("{s:.3} s, ratio {:.0}×", s / row.ours_pipeline_s))
                .unwrap_or_else(|| "—".into())
        );
        rows.push(row);
    }

    let synth_root = root().join("target/bench-opinion-data");
    let mut synth = Vec::new();
    for (name, p, s, per) in SYNTHETIC {
        let d = synth_root.join(name);
        println!("generating {name} in {}…", d.display());
        synthesise(&d, p, s, per)?;
        let (secs, kb, k) = ours(&bin, &d)?;
        let (load, in_process, stages) = pipeline(&timings, &d, 1)?;
        println!(
            "{name:45} ours pipeline {in_process:.3} s, process {secs:.3} s {:.0} MB k {k}",
            kb as f64 / 1024.0
        );
        synth.push((
            name,
            p,
            s,
            p * per.min(s),
            secs,
            kb,
            k,
            in_process,
            load,
            stages,
        ));
    }

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let mut md = String::new();
    let _ = writeln!(
        md,
        "## Opinion maps: the whole pipeline, side by side with red-dwarf 0.4.0\n"
    );

    let _ = writeln!(
        md,
        "Machine: {} cores, {cpu} (other work on the machine while the bench runs slows both sides unevenly: run it alone). **Ours, pipeline**: in-process, timed the way red-dwarf's `run_pipeline` is timed — the votes already read, then building the sparse matrix, PCA, projection, 100 base clusters, groups k = 2…5, representative statements, consensus, group-informed consensus and bridging scores (the bridging fit and the map on two threads; `opinion_timings` example of the engines crate, which runs the CLI's `opinion::analysis::analyse`), median of {} runs in one process. **Ours, process**: the whole release `learning-city opinion analyze DIR` process (start, read the CSV export, the pipeline, JSON to stdout), median of {runs} runs, peak resident memory from `/usr/bin/time`. red-dwarf: `run_pipeline` alone (CSV loading excluded, votes de-duplicated beforehand), min_user_vote_threshold 7, max_group_count 5, random_state 42; its memory is the Python process's peak so far (the conversations run one after another in one process, so it only grows). **Ratio = red-dwarf ÷ ours, both pipeline only** (loading excluded on both sides).\n",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        runs.max(5)
    );
    let _ = writeln!(
        md,
        "| conversation | participants | votes | groups ours / red-dwarf | ours pipeline s | ours process s | ours MB | red-dwarf s | red-dwarf MB | ratio (pipeline) |\n|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
    );
    let mut ratios = Vec::new();
    for r in &rows {
        let (rs, rm, rk, ratio) = match r.rd {
            Some((s, kb, k)) => {
                ratios.push(s / r.ours_pipeline_s);
                (
                    format!("{s:.3}"),
                    format!("{:.0}", kb as f64 / 1024.0),
                    k.map(|k| k.to_string()).unwrap_or("?".into()),
                    format!("{:.0}×", s / r.ours_pipeline_s),
                )
            }
            None => ("—".into(), "—".into(), "—".into(), "—".into()),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} / {rk} | {:.4} | {:.3} | {:.0} | {rs} | {rm} | {ratio} |",
            r.name,
            r.participants,
            r.votes,
            r.ours_k,
            r.ours_pipeline_s,
            r.ours_s,
            r.ours_kb as f64 / 1024.0
        );
    }
    if !ratios.is_empty() {
        let least = ratios.iter().copied().fold(f64::INFINITY, f64::min);
        let _ = writeln!(
            md,
            "\nRatio (pipeline only) over the {} conversations: median {:.0}×, smallest {least:.0}× (target: at least 50× on each).",
            ratios.len(),
            median(ratios.clone())
        );
    } else {
        let _ = writeln!(
            md,
            "\nred-dwarf was not run (`--skip-reddwarf` or it failed)."
        );
    }
    let _ = writeln!(
        md,
        "\n| synthetic conversation | participants | statements | votes | groups | ours pipeline s | ours process s | ours MB | target (process) |\n|---|---:|---:|---:|---:|---:|---:|---:|---|"
    );
    for (name, p, s, v, secs, kb, k, in_process, _, _) in &synth {
        let target = if *p <= 40_000 {
            "under 2 s"
        } else {
            "under 10 s, under 1 GB"
        };
        let _ = writeln!(
            md,
            "| {name} | {p} | {s} | {v} | {k} | {in_process:.2} | {secs:.2} | {:.0} | {target} |",
            *kb as f64 / 1024.0
        );
    }
    let _ = writeln!(
        md,
        "\nThe synthetic conversations (three camps in a 2-D opinion space, 15 % passes, 5 % of the statements moderated out; generated by `xtask/src/bench_opinion.rs` with a fixed seed into `target/bench-opinion-data`) are one run each: one of the pipeline in-process and one of the same CLI process, parsing their CSV included (generating them is not timed). The targets (under 2 s; under 10 s and 1 GB) are for the whole process. red-dwarf is not run on them."
    );
    let _ = writeln!(
        md,
        "\nStages of our pipeline, milliseconds (the run above; `read CSV` is outside the pipeline; the bridging fit runs on a thread of its own beside the map and statistics, so its column overlaps the others and `waiting` is the time from the end of the map's thread to the end of the fit's):\n"
    );
    let mut header = String::from("| conversation | read CSV |");
    for st in STAGES {
        let _ = write!(header, " {st} |");
    }
    let _ = writeln!(
        md,
        "{header} pipeline |\n|---|{}",
        "---:|".repeat(STAGES.len() + 2)
    );
    for r in &rows {
        let _ = writeln!(
            md,
            "{}",
            stage_row(&r.name, r.load_s, r.ours_pipeline_s, &r.stages)
        );
    }
    for (name, _, _, _, _, _, _, in_process, load, stages) in &synth {
        let _ = writeln!(md, "{}", stage_row(name, *load, *in_process, stages));
    }
    write_section("opinion", &md)?;
    println!("written docs/BENCHMARKS.md");
    Ok(())
}
