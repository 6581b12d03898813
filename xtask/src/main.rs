//! `cargo xtask` — the project's own automation, so a fresh machine needs only the Rust toolchain
//! (plus what these steps install themselves).
//!
//! - `ci`: everything CI runs: fmt check, the layering check, clippy `-D warnings`, all tests on
//!   SQLite and PostgreSQL, and the browser suite. With `CI=true` a missing service is a failure.
//! - `test`: the test suites on SQLite and (when reachable) PostgreSQL.
//! - `e2e`: the browser suite (Debian's Chromium, playwright-core and axe-core from npm).
//! - `bench web`: request rate, latency and memory of the demo server, into `docs/BENCHMARKS.md`.
//! - `bench budgeting [--sample N] [--cap S]`: every rule on the pabulib files, side by side with
//!   pabutools (installed from PyPI into `target/bench-venv`), into `docs/BENCHMARKS.md`.
//! - `bench participation [--only sqlite|postgres]`: the large demo consultation under load, on
//!   both engines, into `docs/BENCHMARKS.md`.
//! - `bench opinion`: the opinion-map pipeline on every Pol.is conversation beside red-dwarf, and on
//!   two synthetic conversations, into `docs/BENCHMARKS.md`.

mod bench;
mod bench_opinion;
mod bench_participation;
mod bench_pb;

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/test";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn ci() -> bool {
    std::env::var("CI").as_deref() == Ok("true")
}

fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs a command in the repository root; fails when it does.
fn run(cmd: &mut Command) -> Result<()> {
    cmd.current_dir(root());
    let status = cmd
        .status()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed with {status}");
    }
    Ok(())
}

fn output(cmd: &mut Command) -> Result<String> {
    cmd.current_dir(root());
    let out = cmd
        .output()
        .with_context(|| format!("cannot run {cmd:?}"))?;
    if !out.status.success() {
        bail!("{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// `engines` and `domain` must stay pure: no database, web framework or async runtime.
fn check_layers() -> Result<()> {
    for krate in ["learning-city-engines", "learning-city-domain"] {
        let tree = output(cargo().args([
            "tree",
            "-p",
            krate,
            "-e",
            "normal",
            "--prefix",
            "none",
            "--offline",
        ]))
        .or_else(|_| {
            output(cargo().args(["tree", "-p", krate, "-e", "normal", "--prefix", "none"]))
        })?;
        for banned in ["sqlx", "axum", "tokio"] {
            if tree.lines().any(|l| {
                l.split_whitespace().next() == Some(banned) || l.starts_with(&format!("{banned}-"))
            }) {
                bail!("{krate} depends on {banned}: engines and domain must do no I/O");
            }
        }
        println!("{krate}: no sqlx, axum or tokio");
    }
    Ok(())
}

/// The PostgreSQL URL for the tests, starting the local server when it is down.
fn postgres_url() -> Result<Option<String>> {
    let url =
        std::env::var("LEARNING_CITY_TEST_POSTGRES_URL").unwrap_or_else(|_| DEFAULT_PG.into());
    let ready = || {
        Command::new("pg_isready")
            .args(["-h", "127.0.0.1", "-p", "5432"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if !ready() {
        if let Ok(versions) = std::fs::read_dir("/etc/postgresql") {
            for v in versions.flatten() {
                let version = v.file_name().to_string_lossy().into_owned();
                println!("starting PostgreSQL {version}");
                let _ = Command::new("pg_ctlcluster")
                    .args(["--skip-systemctl-redirect", &version, "main", "start"])
                    .status();
            }
        }
        for _ in 0..30 {
            if ready() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
    }
    if ready() {
        Ok(Some(url))
    } else if ci() {
        bail!("PostgreSQL is not reachable at 127.0.0.1:5432 and CI=true: it cannot be skipped")
    } else {
        println!("skipped: PostgreSQL not reachable; tests run on SQLite only");
        Ok(None)
    }
}

fn test() -> Result<()> {
    step("tests on SQLite and PostgreSQL");
    let mut cmd = cargo();
    // --show-output: the conformance suites print their `agree N/M` figures.
    cmd.args([
        "test",
        "--workspace",
        "--all-targets",
        "--",
        "--show-output",
    ]);
    if let Some(url) = postgres_url()? {
        cmd.env("LEARNING_CITY_TEST_POSTGRES_URL", url);
    }
    run(&mut cmd)?;
    run(cargo().args(["test", "--workspace", "--doc"]))
}

/// Debian's Chromium, installed with apt when missing (never a downloaded browser build).
fn chromium() -> Result<String> {
    let path = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if Path::new(&path).exists() {
        return Ok(path);
    }
    println!("installing Debian's chromium");
    let _ = Command::new("apt-get").args(["update", "-qq"]).status();
    let _ = Command::new("apt-get")
        .args(["install", "-y", "-qq", "chromium"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status();
    if Path::new(&path).exists() {
        Ok(path)
    } else {
        bail!(
            "Chromium is missing at {path} and could not be installed: apt-get install -y chromium"
        )
    }
}

fn e2e() -> Result<()> {
    step("browser suite: Chromium, playwright-core, axe-core");
    let browser = match chromium() {
        Ok(p) => p,
        Err(e) if !ci() => {
            println!("skipped: {e}");
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund", "--prefix", "e2e"]))?;
    run(cargo().args(["build", "-p", "learning-city"]))?;
    let bin = root().join("target/debug/learning-city");
    let mut cmd = Command::new("node");
    cmd.args(["--test", "--test-concurrency=1"])
        .env("LC_BIN", bin)
        .env("CHROMIUM", browser);
    cmd.current_dir(root().join("e2e"));
    let status = cmd.status().context("cannot run node")?;
    if !status.success() {
        bail!("browser suite failed");
    }
    Ok(())
}

fn ci_all() -> Result<()> {
    step("format");
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("layers");
    check_layers()?;
    step("clippy");
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    test()?;
    e2e()?;
    println!("\nall checks passed");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci_all(),
        Some("test") => test(),
        Some("e2e") => e2e(),
        Some("bench") => bench::run(
            args.get(1).map(String::as_str).unwrap_or("web"),
            args.get(2..).unwrap_or(&[]),
        ),
        _ => {
            eprintln!(
                "usage: cargo xtask ci | test | e2e | bench web | bench budgeting [--sample N] [--cap SECONDS] | bench opinion | bench participation [--only sqlite|postgres]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e:#}");
            ExitCode::from(1)
        }
    }
}
