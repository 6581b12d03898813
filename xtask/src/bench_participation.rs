//! `cargo xtask bench participation [--only sqlite|postgres]`: the large consultation of
//! `learning-city demo --scale large` (50 000 residents, 10 000 proposals, 200 000 comments)
//! served by the release build, under `wrk` on loopback: the proposal list filtered and sorted, a
//! proposal with 1 000 comments, and search, at 1, 16 and 64 connections, with resident memory —
//! on SQLite and PostgreSQL. Written to `docs/BENCHMARKS.md`. Nothing here asserts a time.

use crate::bench::{rss_kb, write_section, wrk_on};
use crate::root;
use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PORT: u16 = 18_090;
const CONNECTIONS: [u32; 3] = [1, 16, 64];
const SLUG: &str = "valdora-decide-2027";

fn routes(busy: i64) -> Vec<(&'static str, String)> {
    vec![
        (
            "proposal list, category filter, most supported",
            format!("/processes/{SLUG}/proposals?category=environment&order=supports"),
        ),
        (
            "proposal list, text filter, most commented, page 3",
            format!("/processes/{SLUG}/proposals?q=biblioteca&order=comments&page=3"),
        ),
        (
            "proposal with 1 000 comments",
            format!("/processes/{SLUG}/proposals/{busy}"),
        ),
        ("search, two words", "/search?q=alberi+parco".to_owned()),
        (
            "search, one frequent word",
            "/search?q=biblioteca".to_owned(),
        ),
    ]
}

fn bin() -> std::path::PathBuf {
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
    target.join("release/learning-city")
}

/// Starts `learning-city ARGS` and waits for its "serving" line; returns the child and the seconds
/// it took.
fn start(
    args: &[&str],
    dir: &std::path::Path,
    env: &[(&str, &str)],
) -> Result<(Child, f64, String)> {
    let started = Instant::now();
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("RUST_LOG", "warn")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .spawn()
        .context("start learning-city")?;
    let out = child.stdout.take().context("stdout")?;
    let mut log = String::new();
    for line in BufReader::new(out).lines() {
        let line = line?;
        log.push_str(&line);
        log.push('\n');
        if line.contains("is serving") {
            return Ok((child, started.elapsed().as_secs_f64(), log));
        }
    }
    let _ = child.wait();
    bail!("learning-city stopped before serving:\n{log}")
}

fn stop(mut child: Child) {
    let _ = child.kill();
    let _ = child.wait();
}

struct Run {
    engine: &'static str,
    generate_s: f64,
    idle_mb: f64,
    peak_mb: f64,
    /// Per way of serving (see [`MODES`]): route, connections, sample.
    rows: Vec<Vec<(&'static str, u32, crate::bench::Sample)>>,
}

/// The two ways a page is served: kept for anonymous readers until the next write (the
/// default), and rendered for every request (what a logged-in reader, or the first reader after
/// a write, gets).
const MODES: [(&str, &str); 2] = [
    (
        "Anonymous readers: pages kept until the next write (the default, `page_cache_ms = 2000`)",
        "2000",
    ),
    (
        "Every request rendered (`page_cache_ms = 0`: what a logged-in reader, or the first reader after a write, gets)",
        "0",
    ),
];

fn one(engine: &'static str, url: &str, dir: &std::path::Path) -> Result<Run> {
    let bind = format!("127.0.0.1:{PORT}");
    println!("{engine}: generating the large demo");
    let (child, _, log) = start(
        &[
            "demo",
            "--scale",
            "large",
            "--bind",
            &bind,
            "--database-url",
            url,
        ],
        dir,
        &[],
    )?;
    stop(child);
    let generate_s = log
        .lines()
        .find_map(|l| l.split(" generated in ").nth(1))
        .and_then(|t| t.trim_end_matches(" s").parse::<f64>().ok())
        .unwrap_or(f64::NAN);
    // Serve the generated database with a fresh process, so memory is the server's own.
    let mut idle_kb = u64::MAX;
    let mut peak_kb = 0;
    let mut rows = Vec::new();
    for (mode, cache_ms) in MODES {
        let (server, _, _) = start(
            &["serve", "--bind", &bind, "--database-url", url],
            dir,
            &[("LEARNING_CITY__PAGE_CACHE_MS", cache_ms)],
        )?;
        std::thread::sleep(Duration::from_secs(1));
        let pid = server.id();
        idle_kb = idle_kb.min(rss_kb(pid));
        peak_kb = peak_kb.max(rss_kb(pid));
        let busy = busy_proposal(PORT)?;
        let mut cells = Vec::new();
        for (label, path) in routes(busy) {
            // One request first, so the cells measure a warm server (the first rendering of a
            // cold page is what the table without the cache shows).
            Command::new("curl")
                .args([
                    "-s",
                    "-o",
                    "/dev/null",
                    &format!("http://127.0.0.1:{PORT}{path}"),
                ])
                .status()
                .context("curl")?;
            for c in CONNECTIONS {
                let s = wrk_on(PORT, &path, c)?;
                peak_kb = peak_kb.max(rss_kb(pid));
                println!(
                    "{engine:8} cache {cache_ms:>4} ms {label:48} c={c:<3} {:>8.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms",
                    s.rps, s.p50_ms, s.p99_ms
                );
                cells.push((label, c, s));
            }
        }
        stop(server);
        println!("{engine}: {mode}");
        rows.push(cells);
    }
    Ok(Run {
        engine,
        generate_s,
        idle_mb: idle_kb as f64 / 1024.0,
        peak_mb: peak_kb as f64 / 1024.0,
        rows,
    })
}

/// The id of the proposal with 1 000 comments, read from the API (the most commented).
fn busy_proposal(port: u16) -> Result<i64> {
    let out = Command::new("curl")
        .args([
            "-s",
            &format!("http://127.0.0.1:{port}/api/v1/processes/{SLUG}/proposals?order=comments"),
        ])
        .output()
        .context("curl")?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).context("the proposals API")?;
    v["items"][0]["id"].as_i64().context("no proposals")
}

pub fn run(args: &[String]) -> Result<()> {
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .cloned();
    if Command::new("wrk").arg("--version").output().is_err() {
        let _ = Command::new("apt-get")
            .args(["install", "-y", "-qq", "wrk"])
            .status();
    }
    crate::run(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "build",
            "--release",
            "-p",
            "learning-city",
        ]),
    )?;
    let dir = std::env::temp_dir().join(format!("lc-bench-participation-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut runs = Vec::new();
    if only.as_deref() != Some("postgres") {
        let url = format!("sqlite:{}/large.sqlite3?mode=rwc", dir.display());
        runs.push(one("SQLite", &url, &dir)?);
    }
    if only.as_deref() != Some("sqlite") {
        let base = crate::postgres_url()?.context("PostgreSQL is not reachable")?;
        let admin = format!(
            "{}/postgres",
            base.rsplit_once('/').map(|(b, _)| b).unwrap_or(&base)
        );
        let _ = Command::new("psql")
            .args([&admin, "-qc", "DROP DATABASE IF EXISTS lc_bench_large"])
            .status();
        crate::run(Command::new("psql").args([&admin, "-qc", "CREATE DATABASE lc_bench_large"]))?;
        let url = format!(
            "{}/lc_bench_large",
            base.rsplit_once('/').map(|(b, _)| b).unwrap_or(&base)
        );
        runs.push(one("PostgreSQL", &url, &dir)?);
    }
    let mut md = String::new();
    let _ = writeln!(md, "## Participation at scale (release build)\n");
    let _ = writeln!(
        md,
        "`learning-city demo --scale large`: one consultation with 50 000 residents, 10 000 proposals and 200 000 comments (one proposal holds 1 000), indexed for search; served by a fresh `learning-city serve`, each route asked once before its cells; `wrk` on loopback, {} s per cell, {} cores. Decidim needed 7.4 s for a list of 900 proposals (decidim/decidim#13701). Targets: p99 under 50 ms at 64 connections, memory under 300 MB.\n",
        8,
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    for r in &runs {
        let _ = writeln!(
            md,
            "### {}\n\nGenerated in {:.0} s. Resident memory: {:.0} MB idle, {:.0} MB at the peak under load.\n",
            r.engine, r.generate_s, r.idle_mb, r.peak_mb
        );
        for ((mode, _), cells) in MODES.iter().zip(&r.rows) {
            let _ = writeln!(
                md,
                "{mode}:\n\n| route | connections | requests/s | p50 ms | p99 ms |\n|---|---:|---:|---:|---:|"
            );
            for (label, c, s) in cells {
                let _ = writeln!(
                    md,
                    "| {label} | {c} | {:.0} | {:.2} | {:.2} |",
                    s.rps, s.p50_ms, s.p99_ms
                );
            }
            let _ = writeln!(md);
        }
    }
    write_section("participation", &md)?;
    println!("written docs/BENCHMARKS.md");
    Ok(())
}
