//! `cargo xtask bench budgeting [--sample N] [--cap SECONDS]`: every rule on the pabulib files
//! (all of them, or N spread evenly by size), timed side by side with pabutools 1.2.3 (installed
//! from PyPI into `target/bench-venv`; calls as in the spec, exact fractions, the same tie-break
//! order), per file and in total, into `docs/BENCHMARKS.md`. Our time is the whole
//! `learning-city pb tally` process (start, parse, tally, print); pabutools' is the rule alone.
//! The three city greedy variants, which pabutools lacks, are timed on our side only.

use crate::bench::write_section;
use crate::root;
use anyhow::{Context, Result, bail};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// What pabutools gave for a (file, rule): seconds (None past the cap) and sorted winners.
type Reference = HashMap<(String, String), (Option<f64>, Option<Vec<String>>)>;

/// Every rule of `learning-city pb tally`.
const RULES: [&str; 8] = [
    "greedy",
    "greedy-total",
    "greedy-no-skip",
    "greedy-threshold",
    "mes",
    "mes-add1",
    "mes-add1u",
    "phragmen",
];

/// The rules pabutools has (the others are city variants it does not implement).
const IN_PABUTOOLS: [&str; 5] = ["greedy", "mes", "mes-add1", "mes-add1u", "phragmen"];

fn data_dir() -> PathBuf {
    std::env::var("LEARNING_CITY_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("../shared/data"))
        .join("pabulib/pb")
}

fn venv_python() -> Result<PathBuf> {
    let venv = root().join("target/bench-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        println!("creating {} with pabutools 1.2.3 from PyPI", venv.display());
        crate::run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
        crate::run(Command::new(venv.join("bin/pip")).args(["install", "-q", "pabutools==1.2.3"]))?;
    }
    Ok(python)
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub fn run(args: &[String]) -> Result<()> {
    let mut sample = 0usize;
    let mut cap = 30u32;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--sample" => {
                sample = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .context("--sample N")?
            }
            "--cap" => {
                cap = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .context("--cap SECONDS")?
            }
            other => bail!("unknown option {other}"),
        }
    }
    let dir = data_dir();
    let mut files: Vec<(u64, PathBuf)> = std::fs::read_dir(&dir)
        .with_context(|| format!("pabulib data not found at {}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| (e.metadata().map(|m| m.len()).unwrap_or(0), e.path()))
        .filter(|(_, p)| p.extension().is_some_and(|x| x == "pb"))
        .collect();
    files.sort();
    if sample > 0 && sample < files.len() {
        let step = files.len() as f64 / sample as f64;
        files = (0..sample)
            .map(|i| files[((i as f64 + 0.5) * step) as usize].clone())
            .collect();
    }
    crate::run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "build",
            "--release",
            "-p",
            "learning-city",
        ]),
    )?;
    // A private copy: a shared target directory may be rebuilt from another checkout mid-run.
    let built = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"))
        .join("release/learning-city");
    let bin = root().join("target/bench-learning-city");
    std::fs::create_dir_all(root().join("target"))?;
    std::fs::copy(&built, &bin).with_context(|| format!("copy {}", built.display()))?;
    let python = venv_python()?;

    println!("pabutools on {} files (cap {cap} s per call)…", files.len());
    let out = Command::new(python)
        .arg(root().join("xtask/bench/pabutools_times.py"))
        .arg(cap.to_string())
        .args(files.iter().map(|(_, p)| p))
        .output()
        .context("run pabutools")?;
    let mut reference: Reference = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let key = (
            v["file"].as_str().unwrap_or("").to_owned(),
            v["rule"].as_str().unwrap_or("").to_owned(),
        );
        let winners = v["winners"].as_array().map(|a| {
            a.iter()
                .map(|w| w.as_str().unwrap_or("").to_owned())
                .collect()
        });
        reference.insert(key, (v["seconds"].as_f64(), winners));
    }

    let mut rows = Vec::new();
    for (_, path) in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for rule in RULES {
            let compared = IN_PABUTOOLS.contains(&rule);
            let (ref_secs, ref_winners) = match reference.get(&(name.clone(), rule.to_owned())) {
                Some(r) => r.clone(),
                // pabutools skips the rules a file's ballots do not allow (Phragmén on points).
                None if compared => continue,
                None => (None, None),
            };
            let t = Instant::now();
            let o = Command::new(&bin)
                .args(["pb", "tally"])
                .arg(path)
                .args(["--rule", rule, "--format", "json"])
                .output()?;
            let ours = t.elapsed().as_secs_f64();
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
            let mut winners: Vec<String> = v["winners"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|w| w.as_str().unwrap_or("").to_owned())
                        .collect()
                })
                .unwrap_or_default();
            winners.sort();
            let agree = ref_winners.as_ref().map(|r| *r == winners);
            println!(
                "{name:70} {rule:16} pabutools {:>8} ours {ours:>7.3} s {}",
                match (compared, ref_secs) {
                    (false, _) => "—".to_owned(),
                    (true, Some(s)) => format!("{s:.3} s"),
                    (true, None) => format!("> {cap} s"),
                },
                match agree {
                    Some(true) => "same winners",
                    Some(false) => "DIFFERENT",
                    None => "",
                }
            );
            rows.push((name.clone(), rule, compared, ref_secs, ours, agree));
        }
    }

    let mut md = String::new();
    let _ = writeln!(
        md,
        "## Participatory budgeting: every rule, side by side with pabutools 1.2.3\n"
    );
    let _ = writeln!(
        md,
        "{} files{}; pabutools capped at {cap} s per call. Ours: the whole `learning-city pb tally` process (release build: start, parse, tally, JSON). pabutools: the rule alone after parsing, exact fractions (gmpy2), multiprofile input. Ratio = pabutools ÷ ours.\n",
        files.len(),
        if sample > 0 {
            format!(" (a sample of {sample} spread evenly by file size)")
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        md,
        "| rule | files | same winners | median pabutools s | median ours s | median ratio | slowest ours s | ours over 1 s | pabutools over the cap |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for rule in RULES {
        let r: Vec<_> = rows.iter().filter(|x| x.1 == rule).collect();
        let ours: Vec<f64> = r.iter().map(|x| x.4).collect();
        let slowest = ours.iter().copied().fold(0.0, f64::max);
        let over_1s = ours.iter().filter(|t| **t > 1.0).count();
        if !IN_PABUTOOLS.contains(&rule) {
            let _ = writeln!(
                md,
                "| {rule} | {} | — | — | {:.3} | — | {slowest:.3} | {over_1s} | — |",
                r.len(),
                median(ours),
            );
            continue;
        }
        let same = r.iter().filter(|x| x.5 == Some(true)).count();
        let timed: Vec<_> = r.iter().filter(|x| x.3.is_some()).collect();
        let ratios: Vec<f64> = timed.iter().map(|x| x.3.unwrap_or(0.0) / x.4).collect();
        let _ = writeln!(
            md,
            "| {rule} | {} | {same}/{} | {:.3} | {:.3} | {:.1}× | {slowest:.3} | {over_1s} | {} |",
            r.len(),
            timed.len(),
            median(timed.iter().map(|x| x.3.unwrap_or(0.0)).collect()),
            median(ours),
            median(ratios),
            r.len() - timed.len()
        );
    }
    let _ = writeln!(
        md,
        "\n<details><summary>Per file</summary>\n\n| file | rule | pabutools s | ours s | ratio |\n|---|---|---:|---:|---:|"
    );
    for (name, rule, compared, r, ours, _) in &rows {
        let (rs, ratio) = match (compared, r) {
            (false, _) => ("—".to_owned(), "—".to_owned()),
            (true, Some(s)) => (format!("{s:.3}"), format!("{:.1}×", s / ours)),
            (true, None) => (format!("> {cap}"), "—".into()),
        };
        let _ = writeln!(md, "| {name} | {rule} | {rs} | {ours:.3} | {ratio} |");
    }
    let _ = writeln!(md, "\n</details>");
    write_section("budgeting", &md)?;
    println!("written docs/BENCHMARKS.md");
    Ok(())
}
