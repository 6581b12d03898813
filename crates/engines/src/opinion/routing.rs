//! Which statement to show a participant next (spec §1.12): a priority per statement that favours
//! statements that are voted on rather than passed, that are agreed with, that sit far from the
//! centre of the map, and that are new (few votes yet).
//!
//! `importance = (1 − p)·(E + 1)·a` with the pass rate `p = (P+1)/(S+2)`, the agree rate
//! `a = (A+1)/(S+2)` and the extremity `E` (how far a participant who agreed with this statement
//! alone would be projected), and `priority = (importance·(1 + 8·2^(−S/5)))²`. Moderated-out
//! statements get 0: they are not shown. Pol.is gives meta statements 49; the matrix does not
//! know meta statements, so that branch is left out.

use super::map::Pca;
use super::matrix::VoteMatrix;

/// How far from the centre a participant who agreed with statement `c` alone is projected, with
/// the same sparsity scaling as [`super::map::project`].
pub fn extremity(m: &VoteMatrix, pca: &Pca, c: usize) -> f64 {
    let zeroed = m.zeroed_columns();
    if zeroed[c] {
        return 0.0;
    }
    let voted = 1 + zeroed.iter().filter(|z| **z).count();
    let scale = (m.statements.len() as f64 / voted as f64).sqrt();
    let x = 1.0 - pca.center[c];
    let p = [x * pca.components[0][c], x * pca.components[1][c]];
    (p[0] * p[0] + p[1] * p[1]).sqrt() * scale
}

/// `(statement, priority)` in column order.
pub fn priorities(m: &VoteMatrix, pca: &Pca) -> Vec<(i64, f64)> {
    let cols = m.statements.len();
    let (mut agree, mut pass, mut seen) = (vec![0.0; cols], vec![0.0; cols], vec![0.0; cols]);
    for row in &m.rows {
        for (c, v) in row {
            let c = *c as usize;
            seen[c] += 1.0;
            match v {
                1 => agree[c] += 1.0,
                0 => pass[c] += 1.0,
                _ => {}
            }
        }
    }
    let zeroed = m.zeroed_columns();
    (0..cols)
        .map(|c| {
            if zeroed[c] {
                return (m.statements[c], 0.0);
            }
            let s = seen[c];
            let p = (pass[c] + 1.0) / (s + 2.0);
            let a = (agree[c] + 1.0) / (s + 2.0);
            let importance = (1.0 - p) * (extremity(m, pca, c) + 1.0) * a;
            let boost = 1.0 + 8.0 * 2f64.powf(-s / 5.0);
            (m.statements[c], (importance * boost).powi(2))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opinion::map::pca;
    use std::collections::BTreeSet;

    #[test]
    fn new_agreed_statements_come_first_and_moderated_out_never() {
        let mut votes = Vec::new();
        for u in 0..40i64 {
            for s in 0..4i64 {
                votes.push((u, s, if (u + s) % 3 == 0 { -1 } else { 1 }));
            }
            // Statement 4: passed by most; statement 5: new, two votes.
            votes.push((u, 4, if u % 4 == 0 { 1 } else { 0 }));
        }
        votes.push((0, 5, 1));
        votes.push((1, 5, 1));
        let mut m = VoteMatrix::from_votes(&votes, BTreeSet::from([3]));
        let p = priorities(&m, &pca(&m));
        let of = |s: i64| p.iter().find(|x| x.0 == s).map(|x| x.1).unwrap_or(f64::NAN);
        assert_eq!(of(3), 0.0);
        assert!(of(5) > of(0), "new statement {} vs {}", of(5), of(0));
        assert!(of(0) > of(4), "voted {} vs passed {}", of(0), of(4));
        m.moderated_out.clear();
        assert!(priorities(&m, &pca(&m)).iter().all(|x| x.1 > 0.0));
    }
}
