//! Restartable opinion maps on a real conversation: updating from a state that was written to
//! text and read back gives bit for bit what the uninterrupted run gives, over several updates
//! (so the warm starts and the k smoother are carried through the text).

mod common;

use learning_city_engines::opinion::map::{OpinionMap, update};
use learning_city_engines::opinion::matrix::{VoteMatrix, moderated_out, read_vote_rows};
use learning_city_engines::opinion::state::State;

/// Everything of a map as exact bits, in a fixed order.
fn bits(map: &OpinionMap) -> Vec<u64> {
    let mut groups: Vec<(i64, usize)> = map.groups.iter().map(|(p, g)| (*p, *g)).collect();
    groups.sort();
    let pca = &map.pca;
    pca.center
        .iter()
        .chain(&pca.components[0])
        .chain(&pca.components[1])
        .chain(&pca.eigenvalues)
        .chain(map.positions.iter().flatten())
        .chain([map.silhouette, pca.total_variance].iter())
        .map(|x| x.to_bits())
        .chain(groups.iter().flat_map(|(p, g)| [*p as u64, *g as u64]))
        .chain([map.k as u64])
        .collect()
}

#[test]
fn a_state_read_back_from_text_continues_exactly_like_the_uninterrupted_run() {
    let Some(dir) = common::data_dir("polis") else {
        return;
    };
    let conv = dir.join("scoop-hivemind.biodiversity");
    let rows = read_vote_rows(&std::fs::read_to_string(conv.join("votes.csv")).expect("votes"))
        .expect("votes.csv");
    let mods =
        moderated_out(&std::fs::read_to_string(conv.join("comments.csv")).expect("comments"))
            .expect("comments.csv");
    // Five updates: the votes in time order, cut into fifths.
    let cuts: Vec<usize> = (1..=5).map(|i| rows.len() * i / 5).collect();
    let mut m = VoteMatrix::from_votes(&[], mods.clone());
    let (mut straight, mut resumed): (Option<State>, Option<State>) = (None, None);
    let mut start = 0;
    for (i, end) in cuts.into_iter().enumerate() {
        m.add_votes(&rows[start..end]);
        start = end;
        let (a, next_a) = update(&m, 42, straight.as_ref());
        // The resumed run only ever sees its state through the text form.
        let (b, next_b) = update(&m, 42, resumed.as_ref());
        assert_eq!(bits(&a), bits(&b), "update {i}: maps differ");
        let text = next_b.to_text();
        let back = State::from_text(&text).expect("state text");
        assert_eq!(back, next_b, "update {i}: the text does not read back");
        assert_eq!(back.to_text(), text);
        println!(
            "update {i}: {} participants, {} votes, k {} (smoother {:?}), state text {} bytes",
            m.participants.len(),
            m.vote_count(),
            a.k,
            next_a.k_smoother,
            text.len()
        );
        straight = Some(next_a);
        resumed = Some(back);
    }
    // Adding the votes in five batches builds the same matrix as reading them at once.
    assert_eq!(m, VoteMatrix::from_votes(&rows, mods));
    // And the warm-started map still finds the conversation's two groups.
    let (last, _) = update(&m, 42, straight.as_ref());
    assert_eq!(last.k, 2);
}

#[test]
fn a_broken_state_text_is_refused_with_its_line() {
    let err = State::from_text("learning-city-opinion-state 1\nseed 1\npc1 0.5 x\n")
        .expect_err("bad number");
    assert_eq!(err.to_string(), "state line 3: \"x\" is not a number");
    assert!(State::from_text("something else").is_err());
}
