//! The binary as an operator uses it: `audit verify` on a demo database and after tampering,
//! `demo` refusing a database that is not a demo, `user create-admin`, `migrate`, `config`.

use std::process::{Command, Output};

fn bin(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_learning-city"));
    cmd.args(args).env("RUST_LOG", "error");
    for (k, v) in env {
        cmd.env(k, v);
    }
    if let Some(input) = stdin {
        use std::io::Write;
        cmd.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write");
        return child.wait_with_output().expect("wait");
    }
    cmd.output().expect("run")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[tokio::test]
async fn audit_verify_passes_on_the_demo_and_fails_after_any_edit() {
    let url = store::testing::sqlite_url();
    let app = app::App::with_store(
        store::Store::open(&url).await.expect("store"),
        app::Config::default(),
    )
    .expect("app");
    app::demo::seed(&app).await.expect("seed");
    let entries = match store::audit::verify(&app.store).await.expect("verify") {
        store::audit::Verdict::Intact { entries } => entries,
        other => panic!("{other:?}"),
    };
    let ok = bin(&["audit", "verify", "--database-url", &url], &[], None);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout).trim(),
        format!("audit log intact: {entries} entries")
    );

    sqlx::query("UPDATE audit_log SET at = at + 1 WHERE seq = 42")
        .execute(app.store.pool())
        .await
        .expect("edit");
    let bad = bin(&["audit", "verify", "--database-url", &url], &[], None);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&bad.stdout).trim(),
        "audit log broken at entry 42: entry changed"
    );
}

#[tokio::test]
async fn demo_refuses_a_database_that_is_not_a_demo() {
    let url = store::testing::sqlite_url();
    let created = bin(
        &[
            "user",
            "create-admin",
            "--database-url",
            &url,
            "--email",
            "ops@example.org",
            "--name",
            "Ops Team",
        ],
        &[],
        Some("a long operator passphrase\n"),
    );
    assert_eq!(created.status.code(), Some(0), "{}", text(&created));
    let short = bin(
        &[
            "user",
            "create-admin",
            "--database-url",
            &url,
            "--email",
            "x@example.org",
            "--name",
            "X Y",
        ],
        &[("LEARNING_CITY_ADMIN_PASSWORD", "short")],
        None,
    );
    assert_eq!(short.status.code(), Some(2));
    assert!(text(&short).contains("password: password-too-short"));

    let refused = bin(
        &["demo", "--database-url", &url, "--bind", "127.0.0.1:0"],
        &[],
        None,
    );
    assert_eq!(refused.status.code(), Some(2), "{}", text(&refused));
    assert!(text(&refused).contains("is not a demo network: refusing to overwrite it"));
    let store = store::Store::open(&url).await.expect("store");
    assert!(
        store
            .user_by_email("ops@example.org")
            .await
            .expect("load")
            .is_some(),
        "the data are untouched"
    );
}

#[test]
fn migrate_and_config_follow_options_and_environment() {
    let url = store::testing::sqlite_url();
    let m = bin(&["migrate", "--database-url", &url], &[], None);
    assert_eq!(m.status.code(), Some(0), "{}", text(&m));
    let c = bin(
        &["config", "--bind", "0.0.0.0:9000"],
        &[
            ("LEARNING_CITY__DATABASE_URL", "postgres://lc:secret@db/lc"),
            ("LEARNING_CITY__MAIL__FROM", "Rete <rete@example.org>"),
        ],
        None,
    );
    assert_eq!(c.status.code(), Some(0), "{}", text(&c));
    let json: serde_json::Value = serde_json::from_slice(&c.stdout).expect("json");
    assert_eq!(json["database_url"], "postgres://lc:***@db/lc");
    assert_eq!(json["bind"], "0.0.0.0:9000");
    assert_eq!(json["mail"]["from"], "Rete <rete@example.org>");
    assert_eq!(json["session_days"], 14);
    let usage = bin(&["no-such-command"], &[], None);
    assert_eq!(usage.status.code(), Some(2));
}

fn pabulib(file: &str) -> Option<String> {
    let dir = std::env::var("LEARNING_CITY_DATA")
        .unwrap_or_else(|_| format!("{}/../../../shared/data", env!("CARGO_MANIFEST_DIR")));
    let path = format!("{dir}/pabulib/pb/{file}");
    if std::path::Path::new(&path).exists() {
        Some(path)
    } else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {path} is missing"
        );
        eprintln!("skipped: {path} not found");
        None
    }
}

#[test]
fn pb_tally_recounts_swiecie_2023_as_the_city_funded_it() {
    let Some(path) = pabulib("Poland_Swiecie_2023.pb") else {
        return;
    };
    let out = bin(
        &[
            "pb", "tally", &path, "--rule", "mes-add1", "--format", "json",
        ],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["rule"], "mes-add1");
    assert_eq!(v["total_cost"], "1040337");
    let winners: Vec<String> = v["winners"]
        .as_array()
        .expect("winners")
        .iter()
        .map(|w| w.as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(winners[..3], ["c12", "c10", "c20"], "in order of selection");
    let mut sorted = winners.clone();
    sorted.sort();
    // The city's own `selected` column (Świecie used MES with Add1).
    assert_eq!(
        sorted.join(","),
        "c1,c10,c11,c12,c13,c14,c17,c18,c19,c2,c20,c21,c3,c4,c5,c7,c9"
    );

    let explained = bin(
        &[
            "pb",
            "tally",
            &path,
            "--rule",
            "mes",
            "--explain",
            "--format",
            "json",
        ],
        &[],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&explained.stdout).expect("json");
    assert_eq!(v["explanation"]["rounds"][0]["project"], "c12");
    assert_eq!(v["explanation"]["rounds"][0]["supporters"], 1030);
    assert_eq!(v["explanation"]["voter_budget"], "1070000/2553");
    let text_out = bin(
        &["pb", "tally", &path, "--rule", "greedy", "--explain"],
        &[],
        None,
    );
    assert!(String::from_utf8_lossy(&text_out.stdout).contains("Not chosen:"));
}

#[test]
fn pb_tally_into_a_reader_that_stops_early_ends_quietly() {
    use std::io::Read;
    let Some(path) = pabulib("Poland_Warszawa_2026.pb") else {
        return;
    };
    // Megabytes of explanation; the reader takes a few bytes and goes away, as `| head` does.
    let mut child = Command::new(env!("CARGO_BIN_EXE_learning-city"))
        .args([
            "pb",
            "tally",
            &path,
            "--rule",
            "mes",
            "--explain",
            "--format",
            "json",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("read");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(&first[..1], b"{");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn pb_tally_keeps_amsterdams_neighbourhood_budgets() {
    let Some(path) = pabulib("Netherlands_Amsterdam_252.pb") else {
        return;
    };
    let tally = |extra: &[&str]| {
        let mut args = vec!["pb", "tally", &path, "--format", "json"];
        args.extend_from_slice(extra);
        bin(&args, &[], None)
    };
    let json = |o: &Output| -> serde_json::Value {
        assert_eq!(o.status.code(), Some(0), "{}", text(o));
        serde_json::from_slice(&o.stdout).expect("json")
    };
    let plain = json(&tally(&["--rule", "greedy"]));
    let within = json(&tally(&["--rule", "greedy", "--sub-budgets"]));
    // Plain greedy spends 499 700 of 500 000; within the three neighbourhoods' caps
    // (150 000, 100 000, 250 000; no leftover rule in this file) it funds a different set.
    assert_eq!(plain["total_cost"], "499700");
    assert_ne!(within["winners"], plain["winners"]);
    let explained = json(&tally(&["--rule", "greedy", "--sub-budgets", "--explain"]));
    let reasons = explained["explanation"]["not_chosen"].to_string();
    assert!(reasons.contains("\"pool-full\""), "{reasons}");
    // MES has no sub-budgets, and a file without them cannot be held to them.
    let mes = tally(&["--rule", "mes", "--sub-budgets"]);
    assert_eq!(mes.status.code(), Some(2));
    assert!(text(&mes).contains("--sub-budgets works with the greedy rules"));
    if let Some(none) = pabulib("Poland_Swiecie_2023.pb") {
        let o = bin(
            &["pb", "tally", &none, "--rule", "greedy", "--sub-budgets"],
            &[],
            None,
        );
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).contains("no budget_per_category or budget_per_neighborhood"));
    }
}

#[test]
fn pb_tally_rejects_bad_input_with_the_line_and_field() {
    let dir = std::env::temp_dir().join(format!("lc_pb_{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("bad.pb");
    std::fs::write(&bad, "META\nkey;value\nbudget;100\nPROJECTS\nproject_id;cost\n1;50\n2;abc\nVOTES\nvoter_id;vote\n1;1\n").expect("write");
    let out = bin(
        &["pb", "tally", bad.to_str().expect("path"), "--rule", "mes"],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains("line 7, field cost: \"abc\" is not a non-negative number"),
        "{}",
        text(&out)
    );
    let good = dir.join("good.pb");
    std::fs::write(&good, "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\n1;60\n2;40\n3;50\nVOTES\nvoter_id;vote\n1;1,2\n2;1\n3;3\n").expect("write");
    let rule = bin(
        &[
            "pb",
            "tally",
            good.to_str().expect("path"),
            "--rule",
            "borda",
        ],
        &[],
        None,
    );
    assert_eq!(rule.status.code(), Some(2));
    assert!(text(&rule).contains("unknown rule \"borda\""));
    let ok = bin(
        &[
            "pb",
            "tally",
            good.to_str().expect("path"),
            "--rule",
            "greedy",
            "--format",
            "json",
        ],
        &[],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).expect("json");
    assert_eq!(
        v,
        serde_json::json!({"rule": "greedy", "winners": ["1", "2"], "total_cost": "100"})
    );
}

#[test]
fn opinion_analyze_explains_given_groups_and_finds_its_own() {
    let dir = std::env::var("LEARNING_CITY_DATA")
        .unwrap_or_else(|_| format!("{}/../../../shared/data", env!("CARGO_MANIFEST_DIR")));
    let conv = format!("{dir}/polis/brexit-consensus");
    if !std::path::Path::new(&conv).exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but {conv} is missing"
        );
        eprintln!("skipped: {conv} not found");
        return;
    }
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{dir}/polis/expected/brexit-consensus.reddwarf.json"
        ))
        .expect("expected"),
    )
    .expect("json");
    let labels = std::env::temp_dir().join(format!("lc_labels_{}.json", std::process::id()));
    std::fs::write(&labels, expected["participant_labels"].to_string()).expect("labels");
    let out = bin(
        &[
            "opinion",
            "analyze",
            &conv,
            "--labels",
            labels.to_str().expect("path"),
        ],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let tids = |g: usize| -> Vec<i64> {
        v["groups"][g]["representative"]
            .as_array()
            .expect("rep")
            .iter()
            .filter_map(|r| r["tid"].as_i64())
            .collect()
    };
    assert_eq!(tids(0), [17, 10, 11, 5, 12]);
    assert_eq!(v["groups"][0]["representative"][0]["best_agree"], true);
    assert_eq!(
        v["consensus"]["agree"],
        serde_json::json!([14, 1, 17, 19, 16])
    );
    assert_eq!(
        v["participants"]["5"],
        serde_json::Value::Null,
        "participant 5 is not in red-dwarf's groups"
    );

    let own = bin(&["opinion", "analyze", &conv], &[], None);
    let v: serde_json::Value = serde_json::from_slice(&own.stdout).expect("json");
    let sizes: Vec<usize> = v["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| g["members"].as_array().map(Vec::len).unwrap_or(0))
        .collect();
    assert_eq!(sizes, [86, 37, 66]);

    std::fs::write(&labels, "[1, 2]").expect("labels");
    let bad = bin(
        &[
            "opinion",
            "analyze",
            &conv,
            "--labels",
            labels.to_str().expect("path"),
        ],
        &[],
        None,
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad).contains("expected an object participant id → group id"));
}

#[tokio::test]
async fn pb_export_writes_a_budget_that_pb_tally_recounts() {
    let url = store::testing::sqlite_url();
    let app = app::App::with_store(
        store::Store::open(&url).await.expect("store"),
        app::Config::default(),
    )
    .expect("app");
    app::demo::seed(&app).await.expect("seed");
    let process = app
        .store
        .process_by_slug("bilancio-partecipativo-2025")
        .await
        .expect("load")
        .expect("process");
    let budget = app.store.budgets(process.id).await.expect("budgets")[0].id;
    let out = bin(
        &[
            "pb",
            "export",
            "--budget",
            &budget.to_string(),
            "--database-url",
            &url,
        ],
        &[],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let pb = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(pb.contains("num_votes;60"));
    let file = std::env::temp_dir().join(format!("valdora-2025-{}.pb", std::process::id()));
    std::fs::write(&file, &pb).expect("write");
    let tally = bin(
        &[
            "pb",
            "tally",
            file.to_str().expect("path"),
            "--rule",
            "mes-add1",
            "--format",
            "json",
        ],
        &[],
        None,
    );
    let _ = std::fs::remove_file(&file);
    assert_eq!(tally.status.code(), Some(0), "{}", text(&tally));
    let json: serde_json::Value = serde_json::from_slice(&tally.stdout).expect("json");
    // The five projects the platform's results page funds, by project id, in order.
    let projects = app.store.budget_projects(budget).await.expect("projects");
    let id_of = |title: &str| {
        projects
            .iter()
            .find(|p| p.title == title)
            .map(|p| p.id.to_string())
            .expect("project")
    };
    let want: Vec<String> = [
        "Giochi inclusivi al parco",
        "Illuminazione a LED in via Roma",
        "Fontanelle e panchine lungo la Dora",
        "Biblioteca di quartiere: nuovi arredi",
        "Corso di italiano per nuovi cittadini",
    ]
    .iter()
    .map(|t| id_of(t))
    .collect();
    assert_eq!(json["winners"], serde_json::json!(want));
    assert_eq!(json["total_cost"], "98000");
    let missing = bin(
        &["pb", "export", "--budget", "99999", "--database-url", &url],
        &[],
        None,
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing).contains("no budget 99999"));
}
