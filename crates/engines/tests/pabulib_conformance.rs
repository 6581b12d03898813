//! Conformance on real elections: for every `.pb` file in `$LEARNING_CITY_DATA/pabulib/pb` and
//! every rule file in `expected/`, the winners and total cost equal the reference (pabutools
//! 1.2.3, exact fractions, tie-break cost ↑, supporters ↓, id). Prints `agree N/M` per rule and
//! fails on any difference. `city_selected.tsv` is the cities' own choice, for information only.

mod common;

use learning_city_engines::budgeting::rules::{Rule, tally};
use learning_city_engines::budgeting::{Election, TieBreak, pabulib};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

fn data_dir() -> Option<PathBuf> {
    common::data_dir("pabulib")
}

struct Row {
    file: String,
    rule: Rule,
    total_cost: String,
    winners: Vec<String>,
}

fn read_expected(dir: &std::path::Path) -> Vec<Row> {
    let mut rows = Vec::new();
    for (name, rule) in [
        ("greedy.tsv", Rule::Greedy),
        ("greedy_total.tsv", Rule::GreedyTotal),
        ("mes.tsv", Rule::Mes),
        ("mes_add1.tsv", Rule::MesAdd1),
        ("mes_add1u.tsv", Rule::MesAdd1U),
        ("phragmen.tsv", Rule::Phragmen),
    ] {
        let text = std::fs::read_to_string(dir.join("expected").join(name)).expect("expected file");
        let mut header: Option<Vec<String>> = None;
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(h) = &header else {
                header = Some(cols.iter().map(|c| c.to_string()).collect());
                continue;
            };
            let get = |k: &str| {
                h.iter()
                    .position(|c| c == k)
                    .and_then(|i| cols.get(i))
                    .copied()
                    .unwrap_or("")
            };
            let mut winners: Vec<String> = get("winners_sorted")
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            winners.sort();
            rows.push(Row {
                file: get("file").to_owned(),
                rule,
                total_cost: get("total_cost").to_owned(),
                winners,
            });
        }
    }
    rows
}

#[test]
fn winners_equal_the_reference_on_every_real_election() {
    let Some(dir) = data_dir() else { return };
    let rows = read_expected(&dir);
    let mut by_file: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_file.entry(r.file.clone()).or_default().push(i);
    }
    let only = std::env::var("PB_ONLY").unwrap_or_default();
    let files: Vec<(String, Vec<usize>)> = by_file
        .into_iter()
        .filter(|(f, _)| f.contains(&only))
        .collect();
    let next = Arc::new(Mutex::new(0usize));
    let results: Arc<Mutex<HashMap<usize, Result<(), String>>>> =
        Arc::new(Mutex::new(HashMap::new()));
    let timings: Arc<Mutex<HashMap<&'static str, f64>>> = Arc::new(Mutex::new(HashMap::new()));
    let rows = Arc::new(rows);
    let files = Arc::new(files);
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(1);
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let (next, results, timings, rows, files, dir) = (
                next.clone(),
                results.clone(),
                timings.clone(),
                rows.clone(),
                files.clone(),
                dir.clone(),
            );
            std::thread::spawn(move || {
                loop {
                    let i = {
                        let mut n = next.lock().expect("lock");
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some((file, idx)) = files.get(i) else {
                        break;
                    };
                    let text = std::fs::read_to_string(dir.join("pb").join(file)).expect("pb file");
                    let election: Election = match pabulib::parse(&text) {
                        Ok(e) => e,
                        Err(e) => {
                            for r in idx {
                                results
                                    .lock()
                                    .expect("lock")
                                    .insert(*r, Err(format!("{file}: parse error {e}")));
                            }
                            continue;
                        }
                    };
                    // Add1 and Add1U share one Add1 computation: Add1U's outcome carries the Add1
                    // winners followed by the completed ones.
                    let mut add1u: Option<learning_city_engines::budgeting::rules::Outcome> = None;
                    for r in idx {
                        let row = &rows[*r];
                        let t = Instant::now();
                        let out = match row.rule {
                            Rule::MesAdd1 | Rule::MesAdd1U => {
                                let full = add1u
                                    .get_or_insert_with(|| {
                                        tally(&election, Rule::MesAdd1U, &TieBreak::default())
                                    })
                                    .clone();
                                if row.rule == Rule::MesAdd1 {
                                    full.add1_part(&election)
                                } else {
                                    full
                                }
                            }
                            rule => tally(&election, rule, &TieBreak::default()),
                        };
                        let secs = t.elapsed().as_secs_f64();
                        *timings
                            .lock()
                            .expect("lock")
                            .entry(row.rule.code())
                            .or_default() += secs;
                        if secs > 2.0 {
                            eprintln!("slow: {file} {} {secs:.1} s", row.rule.code());
                        }
                        let mut got = out.winner_ids(&election);
                        got.sort();
                        let cost = out.total_cost_text();
                        let verdict = if got == row.winners && cost == row.total_cost {
                            Ok(())
                        } else {
                            Err(format!(
                                "{file} {}: got {got:?} cost {cost}, expected {:?} cost {}",
                                row.rule.code(),
                                row.winners,
                                row.total_cost
                            ))
                        };
                        results.lock().expect("lock").insert(*r, verdict);
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().expect("worker");
    }
    let results = results.lock().expect("lock");
    let timings = timings.lock().expect("lock");
    let mut failures = Vec::new();
    for rule in [
        Rule::Greedy,
        Rule::GreedyTotal,
        Rule::Mes,
        Rule::MesAdd1,
        Rule::MesAdd1U,
        Rule::Phragmen,
    ] {
        let mine: Vec<usize> = (0..rows.len())
            .filter(|i| rows[*i].rule == rule && results.contains_key(i))
            .collect();
        let ok = mine
            .iter()
            .filter(|i| matches!(results.get(i), Some(Ok(()))))
            .count();
        println!(
            "{:<12} agree {ok}/{}  ({:.1} s)",
            rule.code(),
            mine.len(),
            timings.get(rule.code()).copied().unwrap_or(0.0)
        );
        failures.extend(
            mine.iter()
                .filter_map(|i| results.get(i).and_then(|r| r.as_ref().err().cloned())),
        );
    }
    for f in failures.iter().take(20) {
        println!("DIFF {f}");
    }
    assert!(
        failures.is_empty(),
        "{} outcomes differ from the reference",
        failures.len()
    );
}

#[test]
fn every_file_parses() {
    let Some(dir) = data_dir() else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(dir.join("pb")).expect("pb dir") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let e = pabulib::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let declared: usize = e
            .meta("num_votes")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(e.ballots.len());
        assert_eq!(e.ballots.len(), declared, "{}", path.display());
        n += 1;
    }
    println!("parsed {n} files");
    assert!(n >= 200);
}

/// The two real elections decided with MES + Add1 (Świecie 2023, Assen 2024): both the pabutools
/// mode and the equalshares.net mode give exactly what the city funded (`city_selected.tsv`).
/// Wieliczka 2023 (Add1 with the comparison step) is printed, not asserted: neither mode
/// reproduces its selection, as the spec (§7) also found.
#[test]
fn mes_cities_funded_what_the_rule_selects() {
    use learning_city_engines::budgeting::rules::{Options, tally_with};
    let Some(dir) = data_dir() else { return };
    let text =
        std::fs::read_to_string(dir.join("expected/city_selected.tsv")).expect("city_selected.tsv");
    let city: HashMap<String, Vec<String>> = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("file"))
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            let mut w: Vec<String> = c.last()?.split(',').map(str::to_owned).collect();
            w.sort();
            Some((c.first()?.to_string(), w))
        })
        .collect();
    for (file, must_match) in [
        ("Poland_Swiecie_2023.pb", true),
        ("Netherlands_Assen_2024.pb", true),
        ("Poland_Wieliczka_2023_Green_Budget.pb", false),
    ] {
        let e = pabulib::parse(&std::fs::read_to_string(dir.join("pb").join(file)).expect("pb"))
            .expect("parse");
        for equalshares in [false, true] {
            let options = Options {
                equalshares,
                comparison: file.contains("Wieliczka"),
                sub_budgets: false,
            };
            let out = tally_with(&e, Rule::MesAdd1, &TieBreak::default(), options, false);
            let mut got = out.winner_ids(&e);
            got.sort();
            let same = city.get(file) == Some(&got);
            println!(
                "{file:45} equalshares {equalshares:5} comparison {:?} same as the city: {same}",
                out.compared
            );
            if must_match {
                assert!(
                    same,
                    "{file} (equalshares {equalshares}): {got:?} vs {:?}",
                    city.get(file)
                );
            }
        }
    }
}

/// Every real election with budgets per category or district (Amsterdam): greedy within them
/// spends at most the budget; replayed in order, the projects the pools funded keep every pool
/// within its cap, and only a file with `leftover_budget` funds more after them; every project
/// kept out by its pool would have taken one over its cap. Printed per file.
#[test]
fn greedy_within_sub_budgets_on_real_elections() {
    use learning_city_engines::budgeting::Q;
    use learning_city_engines::budgeting::rules::{NotChosen, Options, SubBudgets, tally_with};
    let Some(dir) = data_dir() else { return };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join("pb"))
        .expect("pb dir")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    let mut checked = 0;
    for path in paths {
        let name = path.display().to_string();
        let e = pabulib::parse(&std::fs::read_to_string(&path).expect("read")).expect("parse");
        let Some(pools) = SubBudgets::of(&e).unwrap_or_else(|err| panic!("{name}: {err}")) else {
            continue;
        };
        let tie = TieBreak::default();
        let options = Options {
            sub_budgets: true,
            ..Options::default()
        };
        let within = tally_with(&e, Rule::Greedy, &tie, options, false);
        let plain = tally(&e, Rule::Greedy, &tie);
        assert!(within.total_cost <= e.budget, "{name}");
        let mut spent = vec![Q::from_integer(0.into()); pools.caps.len()];
        let mut leftover_funded = 0;
        for p in &within.winners {
            let cost = &e.projects[*p].cost;
            let over = pools.pools[*p]
                .iter()
                .any(|k| &spent[*k] + cost > pools.caps[*k]);
            if over || leftover_funded > 0 {
                assert!(pools.leftover, "{name}: a pool over its cap");
                leftover_funded += 1;
                continue;
            }
            for k in &pools.pools[*p] {
                spent[*k] += cost;
            }
        }
        let kept_out: Vec<usize> = within
            .not_chosen
            .iter()
            .filter(|(_, why)| *why == NotChosen::PoolFull)
            .map(|(p, _)| *p)
            .collect();
        for p in &kept_out {
            let cost = &e.projects[*p].cost;
            assert!(
                pools.pools[*p]
                    .iter()
                    .any(|k| &spent[*k] + cost > pools.caps[*k]),
                "{name}: project {} kept out with room in its pools",
                e.projects[*p].id
            );
        }
        println!(
            "{:32} {} pools; greedy within them funds {} projects ({} from the leftover), total {}; {} kept out by a pool; plain greedy funds {}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            pools.names.len(),
            within.winners.len(),
            leftover_funded,
            within.total_cost_text(),
            kept_out.len(),
            plain.winners.len()
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} files with sub-budgets");
}
