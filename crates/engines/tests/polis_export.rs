//! Writing Pol.is exports: every runnable real conversation, written as `votes.csv`,
//! `comments.csv` and `participants-votes.csv` and read back, gives the same votes, the same
//! participants in the same order and the same moderation.

mod common;

use learning_city_engines::opinion::map::analyze;
use learning_city_engines::opinion::matrix::{
    VoteMatrix, read_export, write_comments, write_participant_votes, write_votes,
};

/// Every vote as (participant, statement, vote), sorted: the content, whatever the column order.
fn cells(m: &VoteMatrix) -> Vec<(i64, i64, i8)> {
    let mut out: Vec<(i64, i64, i8)> = m
        .participants
        .iter()
        .zip(&m.rows)
        .flat_map(|(p, row)| row.iter().map(|(c, v)| (*p, m.statements[*c as usize], *v)))
        .collect();
    out.sort();
    out
}

#[test]
fn real_conversations_survive_a_round_trip_through_the_export_files() {
    let Some(dir) = common::data_dir("polis") else {
        return;
    };
    let tmp = std::env::temp_dir().join(format!("lc-polis-export-{}", std::process::id()));
    let mut checked = 0;
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("polis")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("votes.csv").exists() || p.join("participants-votes.csv").exists())
        .collect();
    names.sort();
    for conv in names {
        let m = read_export(&conv).unwrap_or_else(|e| panic!("{}: {e}", conv.display()));
        let groups = analyze(&m).groups;
        for (i, with_votes) in [true, false].into_iter().enumerate() {
            let out = tmp.join(format!("{checked}-{i}"));
            std::fs::create_dir_all(&out).expect("tmp");
            std::fs::write(out.join("comments.csv"), write_comments(&m)).expect("write");
            let pv = write_participant_votes(&m, &groups);
            std::fs::write(out.join("participants-votes.csv"), &pv).expect("write");
            if with_votes {
                std::fs::write(out.join("votes.csv"), write_votes(&m)).expect("write");
            }
            let back = read_export(&out).expect("read back");
            assert_eq!(cells(&back), cells(&m), "{}", conv.display());
            assert_eq!(back.participants, m.participants, "{}", conv.display());
            assert_eq!(back.moderated_out, m.moderated_out, "{}", conv.display());
            // The group column carries the map's groups.
            let row = pv.lines().nth(1).unwrap_or("");
            let p: i64 = row
                .split(',')
                .next()
                .and_then(|x| x.parse().ok())
                .unwrap_or(-1);
            let g = row.split(',').nth(1).unwrap_or("");
            assert_eq!(g, groups.get(&p).map(|g| g.to_string()).unwrap_or_default());
        }
        checked += 1;
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!("{checked} conversations written and read back");
    assert!(checked >= 15, "only {checked} conversations");
}
