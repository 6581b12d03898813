//! Conformance on real Pol.is conversations (CC BY 4.0, `$LEARNING_CITY_DATA/polis`): given
//! red-dwarf 0.4.0's participant labels, the representative statements of every group (ids,
//! order and direction) and the consensus lists equal red-dwarf's. Prints the figures per
//! conversation and fails on any difference. Statements whose sort metrics are exactly equal
//! may come in either order (red-dwarf sorts them with an unstable sort); such positions are
//! counted and printed as `ties`.

mod common;

use learning_city_engines::opinion::matrix::read_export;
use learning_city_engines::opinion::stats::{
    consensus, consensus_metrics, group_informed_consensus, representative, representative_metrics,
};
use std::collections::HashMap;
use std::path::PathBuf;

fn data_dir() -> Option<PathBuf> {
    common::data_dir("polis")
}

fn ids(v: &serde_like::Value) -> Vec<i64> {
    v.as_array()
        .iter()
        .flat_map(|a| a.iter())
        .filter_map(|x| x.as_i64())
        .collect()
}

/// A tiny JSON reader for the expected files (the engines crate takes no JSON dependency).
mod serde_like {
    #[derive(Debug, Clone, PartialEq)]
    pub enum Value {
        Null,
        Bool(bool),
        Num(f64),
        Str(String),
        Arr(Vec<Value>),
        Obj(Vec<(String, Value)>),
    }

    impl Value {
        pub fn get(&self, k: &str) -> Option<&Value> {
            match self {
                Value::Obj(o) => o.iter().find(|(key, _)| key == k).map(|(_, v)| v),
                _ => None,
            }
        }
        pub fn as_array(&self) -> Option<&Vec<Value>> {
            if let Value::Arr(a) = self {
                Some(a)
            } else {
                None
            }
        }
        pub fn as_object(&self) -> Option<&Vec<(String, Value)>> {
            if let Value::Obj(o) = self {
                Some(o)
            } else {
                None
            }
        }
        pub fn as_i64(&self) -> Option<i64> {
            if let Value::Num(n) = self {
                Some(*n as i64)
            } else {
                None
            }
        }
        pub fn as_str(&self) -> Option<&str> {
            if let Value::Str(s) = self {
                Some(s)
            } else {
                None
            }
        }
    }

    pub fn parse(text: &str) -> Value {
        let b = text.as_bytes();
        let mut i = 0;
        value(b, &mut i)
    }

    fn ws(b: &[u8], i: &mut usize) {
        while *i < b.len() && (b[*i] as char).is_whitespace() {
            *i += 1;
        }
    }

    fn value(b: &[u8], i: &mut usize) -> Value {
        ws(b, i);
        match b[*i] {
            b'{' => {
                *i += 1;
                let mut o = Vec::new();
                loop {
                    ws(b, i);
                    if b[*i] == b'}' {
                        *i += 1;
                        return Value::Obj(o);
                    }
                    let Value::Str(k) = value(b, i) else {
                        panic!("key")
                    };
                    ws(b, i);
                    *i += 1; // :
                    let v = value(b, i);
                    o.push((k, v));
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
            }
            b'[' => {
                *i += 1;
                let mut a = Vec::new();
                loop {
                    ws(b, i);
                    if b[*i] == b']' {
                        *i += 1;
                        return Value::Arr(a);
                    }
                    a.push(value(b, i));
                    ws(b, i);
                    if b[*i] == b',' {
                        *i += 1;
                    }
                }
            }
            b'"' => {
                *i += 1;
                let mut s = String::new();
                while b[*i] != b'"' {
                    if b[*i] == b'\\' {
                        *i += 1;
                    }
                    s.push(b[*i] as char);
                    *i += 1;
                }
                *i += 1;
                Value::Str(s)
            }
            b't' => {
                *i += 4;
                Value::Bool(true)
            }
            b'f' => {
                *i += 5;
                Value::Bool(false)
            }
            b'n' => {
                *i += 4;
                Value::Null
            }
            _ => {
                let start = *i;
                while *i < b.len()
                    && matches!(b[*i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    *i += 1;
                }
                Value::Num(
                    std::str::from_utf8(&b[start..*i])
                        .unwrap_or("0")
                        .parse()
                        .unwrap_or(f64::NAN),
                )
            }
        }
    }
}

#[test]
fn representative_and_consensus_statements_equal_red_dwarf_given_its_labels() {
    let Some(dir) = data_dir() else { return };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir.join("expected"))
        .expect("expected")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".reddwarf.json"))
        .collect();
    entries.sort();
    let mut failures = Vec::new();
    let mut conversations = 0;
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().replace(".reddwarf.json", ""))
            .unwrap_or_default();
        let expected = serde_like::parse(&std::fs::read_to_string(&path).expect("json"));
        let m = read_export(&dir.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let labels: HashMap<i64, usize> = expected
            .get("participant_labels")
            .and_then(|l| l.as_object())
            .map(|o| {
                o.iter()
                    .filter_map(|(k, v)| Some((k.parse().ok()?, v.as_i64()? as usize)))
                    .collect()
            })
            .unwrap_or_default();
        let reps = representative(&m, &labels, 5);
        let (agree, disagree) = consensus(&m, 5);
        let rep_metrics = representative_metrics(&m, &labels);
        let cons_metrics = consensus_metrics(&m);
        let mut ties = 0;
        // Equal, or equal up to the order of exactly tied statements.
        let mut same = |got: &[i64], want: &[i64], metric: &dyn Fn(i64) -> Option<f64>| -> bool {
            if got == want {
                return true;
            }
            let ok = got.len() == want.len()
                && got
                    .iter()
                    .zip(want)
                    .all(|(g, w)| g == w || (metric(*g).is_some() && metric(*g) == metric(*w)));
            if ok {
                ties += got.iter().zip(want).filter(|(g, w)| g != w).count();
            }
            ok
        };
        let mut groups_ok = 0;
        let groups = reps.len();
        for (g, rep) in reps.iter().enumerate() {
            let want_ids = expected
                .get("repness_tids")
                .and_then(|r| r.get(&g.to_string()))
                .map(ids)
                .unwrap_or_default();
            let want_dir: Vec<String> = expected
                .get("repness_repful_for")
                .and_then(|r| r.get(&g.to_string()))
                .and_then(|r| r.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let got_ids: Vec<i64> = rep.iter().map(|r| r.statement).collect();
            let got_dir: Vec<String> = rep.iter().map(|r| r.direction.code().to_owned()).collect();
            let metric = |t: i64| rep_metrics[g].get(&t).copied();
            if got_dir == want_dir && same(&got_ids, &want_ids, &metric) {
                groups_ok += 1;
            } else {
                failures.push(format!("{name} group {g}: got {got_ids:?} {got_dir:?}, red-dwarf {want_ids:?} {want_dir:?}"));
            }
        }
        let want_agree = expected
            .get("consensus_agree_tids")
            .map(ids)
            .unwrap_or_default();
        let want_disagree = expected
            .get("consensus_disagree_tids")
            .map(ids)
            .unwrap_or_default();
        let agree_metric = |t: i64| cons_metrics.get(&t).map(|m| m.0);
        let disagree_metric = |t: i64| cons_metrics.get(&t).map(|m| m.1);
        let consensus_ok = same(&agree, &want_agree, &agree_metric)
            && same(&disagree, &want_disagree, &disagree_metric);
        // Group-informed consensus: the five highest, moderated-out statements left out.
        let gac: HashMap<i64, f64> = group_informed_consensus(&m, &labels).into_iter().collect();
        let mut ranked: Vec<(i64, f64)> = gac
            .iter()
            .filter(|(t, _)| !m.moderated_out.contains(t))
            .map(|(t, v)| (*t, *v))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let top_gac: Vec<i64> = ranked.iter().take(5).map(|(t, _)| *t).collect();
        let want_gac = expected
            .get("group_aware_consensus_agree_top5")
            .map(ids)
            .unwrap_or_default();
        let gac_metric = |t: i64| gac.get(&t).copied();
        if !same(&top_gac, &want_gac, &gac_metric) {
            failures.push(format!(
                "{name} group-informed consensus: got {top_gac:?}, red-dwarf {want_gac:?}"
            ));
        }
        if !consensus_ok {
            failures.push(format!("{name} consensus: got {agree:?} / {disagree:?}, red-dwarf {want_agree:?} / {want_disagree:?}"));
        }
        println!(
            "{name:45} participants {:>5} statements {:>5} groups agree {groups_ok}/{groups} consensus {} ties {ties}",
            m.participants.len(),
            m.statements.len(),
            if consensus_ok { "agree" } else { "DIFFERS" }
        );
        conversations += 1;
    }
    for f in &failures {
        println!("DIFF {f}");
    }
    assert!(conversations >= 12, "only {conversations} conversations");
    assert!(
        failures.is_empty(),
        "{} differences from red-dwarf",
        failures.len()
    );
}
