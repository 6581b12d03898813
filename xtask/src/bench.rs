//! `cargo xtask bench web`: the demo server (release build) under load from `wrk` on loopback —
//! requests per second and p50/p99 latency of the home page, the organisation directory and an
//! organisation page at 1, 16 and 64 connections, side by side with a static route of the same
//! server (the stylesheet), plus resident memory idle and under load. Written to
//! `docs/BENCHMARKS.md`. Not a test: nothing here asserts a time.

use crate::root;

use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::process::{Command, Stdio};

const ROUTES: [(&str, &str); 4] = [
    ("static: /static/style.css", "/static/style.css"),
    ("home page /", "/"),
    ("directory /organisations", "/organisations"),
    ("organisation page", "/organisations/comune-di-valdora"),
];
const CONNECTIONS: [u32; 3] = [1, 16, 64];
const SECONDS: u32 = 8;
const PORT: u16 = 18_080;

pub struct Sample {
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

pub fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(str::to_owned)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn parse_ms(v: &str) -> f64 {
    let v = v.trim();
    let (num, factor) = if let Some(n) = v.strip_suffix("us") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix("ms") {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1000.0)
    } else {
        (v, 1.0)
    };
    num.parse::<f64>().unwrap_or(f64::NAN) * factor
}

pub fn wrk(path: &str, connections: u32) -> Result<Sample> {
    wrk_on(PORT, path, connections)
}

/// `wrk` against `path` on a local port.
pub fn wrk_on(port: u16, path: &str, connections: u32) -> Result<Sample> {
    let url = format!("http://127.0.0.1:{port}{path}");
    let out = Command::new("wrk")
        .args([
            "-t",
            &connections.min(2).to_string(),
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{SECONDS}s"),
            "--latency",
            &url,
        ])
        .output()
        .context("wrk")?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut sample = Sample {
        rps: 0.0,
        p50_ms: f64::NAN,
        p99_ms: f64::NAN,
    };
    for line in text.lines() {
        let t = line.trim();
        if let Some(v) = t.strip_prefix("Requests/sec:") {
            sample.rps = v.trim().parse().unwrap_or(0.0);
        } else if let Some(v) = t.strip_prefix("50%") {
            sample.p50_ms = parse_ms(v);
        } else if let Some(v) = t.strip_prefix("99%") {
            sample.p99_ms = parse_ms(v);
        } else if t.starts_with("Non-2xx") {
            bail!("{path}: {t}");
        }
    }
    Ok(sample)
}

/// Replaces the section between `<!-- NAME -->` and `<!-- /NAME -->` of `docs/BENCHMARKS.md`
/// (appending it when missing), so each benchmark keeps the others' figures.
pub fn write_section(name: &str, body: &str) -> Result<()> {
    let path = root().join("docs/BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "# Benchmarks\n\nWritten by `cargo xtask bench …`; figures are from one run on the machine named in each section. Nothing in the test suite asserts a time.\n".into()
    });
    let (open, close) = (format!("<!-- {name} -->"), format!("<!-- /{name} -->"));
    let section = format!("{open}\n{body}\n{close}");
    let new = match (old.find(&open), old.find(&close)) {
        (Some(a), Some(b)) if b > a => format!("{}{section}{}", &old[..a], &old[b + close.len()..]),
        _ => format!("{}\n{section}\n", old.trim_end()),
    };
    std::fs::write(path, new)?;
    Ok(())
}

pub fn run(what: &str, rest: &[String]) -> Result<()> {
    match what {
        "web" => web(),
        "budgeting" => crate::bench_pb::run(rest),
        "opinion" => crate::bench_opinion::run(rest),
        "participation" => crate::bench_participation::run(rest),
        other => bail!(
            "unknown benchmark {other}: try `cargo xtask bench web` or `cargo xtask bench budgeting`"
        ),
    }
}

fn web() -> Result<()> {
    if Command::new("wrk").arg("--version").output().is_err() {
        println!("installing wrk from Debian");
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
    let dir = std::env::temp_dir().join(format!("lc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let mut server = Command::new(root().join("target/release/learning-city"))
        .args([
            "demo",
            "--bind",
            &format!("127.0.0.1:{PORT}"),
            "--database-url",
            &format!("sqlite:{}/demo.sqlite3?mode=rwc", dir.display()),
        ])
        .current_dir(&dir)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("start the demo server")?;
    std::thread::sleep(std::time::Duration::from_secs(3));
    let pid = server.id();
    let idle_kb = rss_kb(pid);
    let mut rows = Vec::new();
    let mut peak_kb = idle_kb;
    for (label, path) in ROUTES {
        for c in CONNECTIONS {
            let s = wrk(path, c)?;
            peak_kb = peak_kb.max(rss_kb(pid));
            println!(
                "{label:32} c={c:<3} {:>9.0} req/s  p50 {:>7.2} ms  p99 {:>7.2} ms",
                s.rps, s.p50_ms, s.p99_ms
            );
            rows.push((label, c, s));
        }
    }
    let loaded_kb = rss_kb(pid);
    let _ = server.kill();
    let _ = server.wait();

    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let mut md = String::new();
    let _ = writeln!(md, "## Web shell (demo network, SQLite, release build)\n");
    let _ = writeln!(
        md,
        "Machine: {} cores, {cpu}. Load: `wrk` on loopback, {SECONDS} s per cell. The static route (the stylesheet, served from memory) is the ceiling of the same server; the ratio column is the page's rate over the static route's at the same concurrency.\n",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0)
    );
    let _ = writeln!(
        md,
        "| route | connections | requests/s | p50 ms | p99 ms | ratio to static |\n|---|---:|---:|---:|---:|---:|"
    );
    for (label, c, s) in &rows {
        let base = rows
            .iter()
            .find(|(l, bc, _)| l.starts_with("static") && bc == c)
            .map(|(_, _, b)| b.rps)
            .unwrap_or(f64::NAN);
        let _ = writeln!(
            md,
            "| {label} | {c} | {:.0} | {:.2} | {:.2} | {:.2} |",
            s.rps,
            s.p50_ms,
            s.p99_ms,
            s.rps / base
        );
    }
    let _ = writeln!(
        md,
        "\nResident memory of the server: {:.1} MB idle after start, {:.1} MB at the peak under load, {:.1} MB after the load.",
        idle_kb as f64 / 1024.0,
        peak_kb as f64 / 1024.0,
        loaded_kb as f64 / 1024.0
    );
    let _ = writeln!(
        md,
        "\nTargets on a 2-core machine: p99 under 20 ms at 64 connections, memory under 100 MB."
    );
    write_section("web", &md)?;
    println!("written docs/BENCHMARKS.md");
    Ok(())
}

/// `cargo build --release` of `args` (a package, optionally an example), as the benches need.
pub fn build_release(args: &[&str]) -> anyhow::Result<()> {
    crate::run(
        std::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release"])
            .args(args),
    )
}
