//! Durability of ballots: the real server (`learning-city serve`) takes votes from many concurrent
//! clients while it is killed with SIGKILL again and again and restarted. Every ballot whose
//! receipt reached its voter is stored, no voter has two ballots, and the database passes its
//! integrity check — on SQLite and on PostgreSQL. The test prints what it did.

use std::collections::HashMap;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

const OPEN: &str = "bilancio-partecipativo-2026";
/// Rounds of votes, each ended by a SIGKILL.
const KILLS: usize = 6;
/// Times each voter changes their ballot.
const CASTS: usize = 12;
/// The CSRF token the clients send as cookie and form field (64 hex characters, as the site's).
const CSRF: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port")
}

fn start(url: &str, port: u16) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_learning-city"))
        .args([
            "serve",
            "--database-url",
            url,
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .env("LEARNING_CITY__SECURE_COOKIES", "false")
        .env("LEARNING_CITY__WORKER", "false")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("server starts")
}

/// One HTTP/1.1 request; `(status, location)`, or `None` when the connection failed.
async fn request(
    port: u16,
    method: &str,
    path: &str,
    cookie: &str,
    body: &str,
) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    s.write_all(req.as_bytes()).await.ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).await.ok()?;
    let text = String::from_utf8_lossy(&buf);
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let location = text
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .map(str::to_owned)
        // Not a redirect: the start of the answer says why.
        .unwrap_or_else(|| text.chars().take(600).collect());
    Some((status, location))
}

async fn wait_up(port: u16) {
    for _ in 0..300 {
        if let Some((200, _)) = request(port, "GET", "/health", "", "").await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

/// Seeds the demo, opens a session for every verified resident of Valdora; returns
/// `(user id, session token)` and the projects of the open budget.
async fn prepare(url: &str) -> (Vec<(i64, String)>, i64, Vec<i64>) {
    let store = store::Store::open(url).await.expect("store");
    let app = app::App::with_store(store, app::Config::default()).expect("app");
    app::demo::seed(&app).await.expect("seed");
    let p = app
        .store
        .process_by_slug(OPEN)
        .await
        .expect("load")
        .expect("process");
    let budget = app.store.budgets(p.id).await.expect("budgets")[0].id;
    let projects = app
        .store
        .budget_projects(budget)
        .await
        .expect("projects")
        .into_iter()
        .map(|p| p.id)
        .collect();
    let valdora = app
        .store
        .org_by_slug("comune-di-valdora")
        .await
        .expect("load")
        .expect("org")
        .id;
    let voters: Vec<i64> = sqlx::query_scalar::<_, i64>(
        "SELECT claimed_by FROM census_records WHERE org_id = $1 AND claimed_by IS NOT NULL ORDER BY claimed_by",
    )
    .bind(valdora)
    .fetch_all(app.store.pool())
    .await
    .expect("voters");
    let now = app::now();
    let mut tx = app.store.write().await.expect("tx");
    let mut out = Vec::new();
    for v in voters {
        let token = app::secret::random_token();
        tx.insert_session(&app::secret::hash_token(&token), v, now, now + 86_400)
            .await
            .expect("session");
        out.push((v, token));
    }
    tx.commit().await.expect("commit");
    (out, budget, projects)
}

async fn run(url: &str, engine: &str) {
    let (voters, budget, projects) = prepare(url).await;
    let path = format!("/processes/{OPEN}/budgets/{budget}/vote");
    // voter → the receipt and project of their last acknowledged ballot; voter → casts
    // acknowledged.
    let acked: Arc<Mutex<HashMap<i64, (String, i64)>>> = Arc::default();
    let done: Arc<Mutex<HashMap<i64, usize>>> = Arc::default();
    // Requests whose connection the kill cut (no answer: not acknowledged).
    let cut = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let port = free_port();
    let mut kills = 0;
    let mut attempts = 0usize;
    for round in 0..=KILLS {
        let mut server = start(url, port);
        wait_up(port).await;
        let mut tasks = Vec::new();
        for (i, (voter, token)) in voters.iter().enumerate() {
            let (acked, done, path, cut) = (acked.clone(), done.clone(), path.clone(), cut.clone());
            let token = token.clone();
            let (voter, projects) = (*voter, projects.clone());
            attempts += 1;
            tasks.push(tokio::spawn(async move {
                let cookie = format!("lc_session={token}; lc_csrf={CSRF}; __Host-lc_session={token}; __Host-lc_csrf={CSRF}");
                loop {
                    let n = *done.lock().await.get(&voter).unwrap_or(&0);
                    if n >= CASTS {
                        return;
                    }
                    // Each cast changes the ballot to another project.
                    let project = projects[(i + n) % projects.len()];
                    let body = format!("csrf={CSRF}&confirm=1&project={project}");
                    match request(port, "POST", &path, &cookie, &body).await {
                        Some((303, location)) => {
                            let receipt = location
                                .split("receipt=")
                                .nth(1)
                                .and_then(|r| r.split(['&', '#']).next())
                                .unwrap_or_default()
                                .to_owned();
                            assert_eq!(receipt.len(), 10, "{location}");
                            acked.lock().await.insert(voter, (receipt, project));
                            *done.lock().await.entry(voter).or_default() += 1;
                        }
                        Some((status, why)) => panic!("vote refused with {status}: {why}"),
                        // The server died under the request: nothing was acknowledged.
                        None => {
                            cut.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            return;
                        }
                    }
                }
            }));
        }
        if round < KILLS {
            tokio::time::sleep(Duration::from_millis(120 + 60 * round as u64)).await;
            server.start_kill().expect("SIGKILL");
            server.wait().await.expect("killed");
            kills += 1;
        }
        for t in tasks {
            t.await.expect("client");
        }
        if round == KILLS {
            server.start_kill().expect("stop");
            server.wait().await.expect("stopped");
        }
    }
    let store = store::Store::open(url).await.expect("reopen");
    let stored = store.public_ballots(budget).await.expect("ballots");
    let acked = acked.lock().await;
    // The last round runs to the end, so each voter's last acknowledged ballot is their final one:
    // it must be stored exactly.
    for (voter, (receipt, project)) in acked.iter() {
        let b = stored.iter().find(|b| &b.receipt == receipt);
        assert_eq!(
            b.map(|b| b.projects.clone()),
            Some(vec![*project]),
            "voter {voter}'s acknowledged ballot {receipt}"
        );
    }
    assert_eq!(store.voters_with_two_ballots(budget).await.expect("two"), 0);
    assert!(stored.len() <= voters.len());
    let problems = store.integrity_check().await.expect("integrity");
    assert!(problems.is_empty(), "{problems:?}");
    let casts: usize = done.lock().await.values().sum();
    let lost = acked
        .values()
        .filter(|(r, _)| !stored.iter().any(|b| &b.receipt == r))
        .count();
    let doubles = store.voters_with_two_ballots(budget).await.expect("two");
    println!("crashes={kills} acked={casts} lost_acked={lost} double_acks={doubles}");
    println!(
        "durability ({engine}): {} voters, {kills} SIGKILLs, {attempts} client runs, {casts} ballots acknowledged, \
         {} requests cut by a kill, {} voters acknowledged and all stored, {} ballots stored, 0 voters with two, \
         integrity check passed",
        voters.len(),
        cut.load(std::sync::atomic::Ordering::Relaxed),
        acked.len(),
        stored.len()
    );
    assert_eq!(
        acked.len(),
        voters.len(),
        "the last round, not killed, lets every voter finish"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_ballots_survive_sigkill_on_both_engines() {
    run(&store::testing::sqlite_url(), "sqlite").await;
    if let Some(url) = store::testing::postgres_url().await.expect("postgres") {
        run(&url, "postgresql").await;
    }
}
