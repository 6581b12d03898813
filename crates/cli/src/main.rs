//! # learning-city
//!
//! The one binary: `serve` (web + jobs worker), `demo` (a fresh demo network, served),
//! `migrate`, `worker`, `audit verify`, `user create-admin`, `config`, `pb tally` (the recount of a
//! participatory budget from its pabulib file), `pb export --budget ID` (the pabulib file of a
//! budget held here), `opinion analyze` (the opinion map of a Pol.is export).
//!
//! Configuration comes from defaults, `learning-city.toml`, `LEARNING_CITY__…` environment
//! variables and these options, in that order. Exit codes: 0 success, 1 the check or the command
//! failed, 2 bad usage or bad input.

mod opinion;
mod pb;

use anyhow::{Context, Result};
use app::{App, AppError, Config};
use clap::{Args, Parser, Subcommand};
use std::process::ExitCode;
use store::audit::Verdict;

#[derive(Parser)]
#[command(
    name = "learning-city",
    version,
    about = "Learning City: participation, partnerships and learning for a network of cities."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone, Default)]
struct DbArgs {
    /// Database URL: `sqlite:FILE?mode=rwc` (default `sqlite:learning-city.sqlite3?mode=rwc`) or `postgres://…`.
    #[arg(long)]
    database_url: Option<String>,
}

#[derive(Args, Clone, Default)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address and port to listen on (default 127.0.0.1:8080).
    #[arg(long)]
    bind: Option<String>,
}

#[derive(clap::Args)]
struct DemoArgs {
    #[command(flatten)]
    serve: ServeArgs,
    /// `small` (the demo network) or `large` (plus a consultation of 50 000 residents, 10 000
    /// proposals and 200 000 comments, for benchmarks).
    #[arg(long, default_value = "small")]
    scale: String,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site and run the jobs worker.
    Serve(ServeArgs),
    /// Create a fresh demo network (refusing to overwrite a database that is not a demo) and serve it.
    Demo(DemoArgs),
    /// Apply pending database migrations.
    Migrate(DbArgs),
    /// Run the jobs worker alone (mail and other background work).
    Worker(DbArgs),
    /// Audit-log commands.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Account commands.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print the effective configuration as JSON.
    Config(ServeArgs),
    /// Participatory budgeting: recount an election from its pabulib file.
    Pb {
        #[command(subcommand)]
        command: PbCommand,
    },
    /// Opinion maps: recompute groups and statements from a Pol.is export.
    Opinion {
        #[command(subcommand)]
        command: OpinionCommand,
    },
}

#[derive(Subcommand)]
enum OpinionCommand {
    /// Groups, representative statements, consensus and group-informed consensus as JSON.
    Analyze(opinion::AnalyzeArgs),
}

#[derive(Subcommand)]
enum PbCommand {
    /// Compute the winners of a pabulib election under a rule; `--explain` says why.
    Tally(pb::TallyArgs),
    /// Write the pabulib file of a participatory budget held here (anonymised ballots).
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// The budget's id (as in its address, `/processes/…/budgets/ID`).
        #[arg(long)]
        budget: i64,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain; exits 1 naming the first entry changed or removed.
    Verify(DbArgs),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an instance administrator. The password is read from LEARNING_CITY_ADMIN_PASSWORD,
    /// or from the first line of standard input.
    CreateAdmin {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

fn config(db: &DbArgs, bind: Option<&String>) -> Result<Config> {
    let mut c = Config::load().map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
    if let Some(url) = &db.database_url {
        c.database_url = url.clone();
    }
    if let Some(bind) = bind {
        c.bind = bind.clone();
        if std::env::var("LEARNING_CITY__BASE_URL").is_err() {
            c.base_url = format!("http://{bind}");
        }
    }
    Ok(c)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

async fn run_server(app: App) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(&app.config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", app.config.bind))?;
    let (tx, rx) = tokio::sync::watch::channel(false);
    let worker = if app.config.worker {
        let mut rx = rx.clone();
        Some(tokio::spawn(app::jobs::run_worker(
            app.clone(),
            async move {
                let _ = rx.changed().await;
            },
        )))
    } else {
        None
    };
    println!(
        "Learning City is serving {} (database: {})",
        app.config.base_url,
        redact(&app.config.database_url)
    );
    web::serve(app, listener, async move {
        shutdown_signal().await;
        let _ = tx.send(true);
    })
    .await?;
    if let Some(w) = worker {
        let _ = w.await;
    }
    Ok(())
}

/// Hides a password in a database URL.
fn redact(url: &str) -> String {
    match (url.find("://"), url.find('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Serve(args) => {
            let app = App::open(config(&args.db, args.bind.as_ref())?).await?;
            run_server(app).await?;
        }
        Command::Demo(DemoArgs { serve: args, scale }) => {
            if scale != "small" && scale != "large" {
                eprintln!("bad --scale {scale:?}: small or large");
                return Ok(ExitCode::from(2));
            }
            let mut c = config(&args.db, args.bind.as_ref())?;
            if args.db.database_url.is_none()
                && std::env::var("LEARNING_CITY__DATABASE_URL").is_err()
            {
                c.database_url = "sqlite:learning-city-demo.sqlite3?mode=rwc".into();
            }
            c.demo = true;
            if std::env::var("LEARNING_CITY__MAIL__DIR").is_err() {
                c.mail.dir = "var/demo-mail".into();
            }
            let store = match app::demo::prepare(&c.database_url).await {
                Ok(s) => s,
                Err(AppError::Domain(domain::DomainError::Conflict(_))) => {
                    eprintln!(
                        "{} holds data that is not a demo network: refusing to overwrite it. Choose another --database-url.",
                        redact(&c.database_url)
                    );
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            };
            let app = App::with_store(store, c)?;
            app::demo::seed(&app).await?;
            if scale == "large" {
                let started = std::time::Instant::now();
                app::demo_large::seed(&app).await?;
                println!(
                    "large consultation /processes/{} generated in {:.1} s",
                    app::demo_large::SLUG,
                    started.elapsed().as_secs_f64()
                );
            }
            run_server(app).await?;
        }
        Command::Migrate(db) => {
            let c = config(&db, None)?;
            store::Store::open(&c.database_url).await?;
            println!("migrations applied to {}", redact(&c.database_url));
        }
        Command::Worker(db) => {
            let app = App::open(config(&db, None)?).await?;
            println!(
                "jobs worker running on {}",
                redact(&app.config.database_url)
            );
            app::jobs::run_worker(app, shutdown_signal()).await;
        }
        Command::Audit {
            command: AuditCommand::Verify(db),
        } => {
            let c = config(&db, None)?;
            let store = store::Store::open(&c.database_url).await?;
            match store::audit::verify(&store).await? {
                Verdict::Intact { entries } => println!("audit log intact: {entries} entries"),
                Verdict::Broken { seq, reason } => {
                    println!("audit log broken at entry {seq}: {reason}");
                    return Ok(ExitCode::from(1));
                }
            }
        }
        Command::User {
            command: UserCommand::CreateAdmin { db, email, name },
        } => {
            let app = App::open(config(&db, None)?).await?;
            let password = match std::env::var("LEARNING_CITY_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            match app::accounts::create_admin(&app, &email, &name, &password).await {
                Ok(id) => println!("administrator {email} created (account {id})"),
                Err(AppError::Domain(e)) => {
                    let detail = match &e {
                        domain::DomainError::Invalid(fields) => fields
                            .iter()
                            .map(|f| f.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                        other => other.code().to_owned(),
                    };
                    eprintln!("cannot create the administrator: {detail}");
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Pb {
            command: PbCommand::Tally(args),
        } => return pb::tally_command(&args),
        Command::Pb {
            command: PbCommand::Export { db, budget },
        } => {
            let app = App::open(config(&db, None)?).await?;
            match app::budgets::export(&app, budget).await {
                Ok(text) => emit(&text)?,
                Err(AppError::Domain(domain::DomainError::NotFound)) => {
                    eprintln!("no budget {budget} in this database");
                    return Ok(ExitCode::from(2));
                }
                Err(e) => return Err(e.into()),
            }
        }
        Command::Opinion {
            command: OpinionCommand::Analyze(args),
        } => return opinion::analyze_command(&args),
        Command::Config(args) => {
            let mut c = config(&args.db, args.bind.as_ref())?;
            c.database_url = redact(&c.database_url);
            c.mail.smtp_url = redact(&c.mail.smtp_url);
            emit(&serde_json::to_string_pretty(&c)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `text` to standard output, ending with a newline. A reader that went away (`… | head`)
/// ends the output quietly, as Unix tools do: nothing more is wanted.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let end: &[u8] = if text.ends_with('\n') { b"" } else { b"\n" };
    match out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(end))
        .and_then(|()| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn redacts_passwords_in_urls() {
        assert_eq!(
            redact("postgres://lc:secret@db:5432/lc"),
            "postgres://lc:***@db:5432/lc"
        );
        assert_eq!(
            redact("sqlite:x.sqlite3?mode=rwc"),
            "sqlite:x.sqlite3?mode=rwc"
        );
        assert_eq!(redact("postgres://db/lc"), "postgres://db/lc");
    }
}
