//! Group statistics of an opinion map, with the Pol.is formulas (see the project's opinion-map
//! spec, §1.8–1.10): Laplace-smoothed agree and disagree proportions, a one-proportion z test
//! against ½ and a two-proportion z test against the rest of the participants, significant at the
//! one-sided 90 % level.

use super::matrix::VoteMatrix;
use std::collections::HashMap;

/// One-sided 90 % critical value of the standard normal distribution.
pub const Z_90: f64 = 1.2816;

/// `2·√(n+1)·((s+1)/(n+1) − ½)`: how far the smoothed proportion is above ½.
pub fn prop_test(s: f64, n: f64) -> f64 {
    2.0 * (n + 1.0).sqrt() * ((s + 1.0) / (n + 1.0) - 0.5)
}

/// Two-proportion z test with every count raised by one; 0 when the pooled proportion is 1.
pub fn two_prop_test(s1: f64, s2: f64, n1: f64, n2: f64) -> f64 {
    let (s1, s2, n1, n2) = (s1 + 1.0, s2 + 1.0, n1 + 1.0, n2 + 1.0);
    let (p1, p2) = (s1 / n1, s2 / n2);
    let p = (s1 + s2) / (n1 + n2);
    if p == 1.0 {
        return 0.0;
    }
    (p1 - p2) / (p * (1.0 - p) * (1.0 / n1 + 1.0 / n2)).sqrt()
}

/// Counts of one statement within a set of participants.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub agree: f64,
    pub disagree: f64,
    pub seen: f64,
}

/// Whether a representative statement speaks for its group by agreeing or by disagreeing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Agree,
    Disagree,
}

impl Direction {
    pub fn code(self) -> &'static str {
        match self {
            Direction::Agree => "agree",
            Direction::Disagree => "disagree",
        }
    }
}

/// A statement's statistics for one group against the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Repness {
    pub statement: i64,
    pub direction: Direction,
    pub n_success: f64,
    pub n_trials: f64,
    pub p_success: f64,
    pub p_test: f64,
    pub repness: f64,
    pub repness_test: f64,
    /// The group's best agreed statement, put first.
    pub best_agree: bool,
}

impl Repness {
    pub fn metric(&self) -> f64 {
        self.repness * self.repness_test * self.p_success * self.p_test
    }
}

struct Stat {
    tid: i64,
    na: f64,
    nd: f64,
    ns: f64,
    pa: f64,
    pd: f64,
    pat: f64,
    pdt: f64,
    ra: f64,
    rd: f64,
    rat: f64,
    rdt: f64,
}

impl Stat {
    fn new(tid: i64, g: Counts, rest: Counts) -> Self {
        let pa = (g.agree + 1.0) / (g.seen + 2.0);
        let pd = (g.disagree + 1.0) / (g.seen + 2.0);
        Self {
            tid,
            na: g.agree,
            nd: g.disagree,
            ns: g.seen,
            pa,
            pd,
            pat: prop_test(g.agree, g.seen),
            pdt: prop_test(g.disagree, g.seen),
            ra: pa / ((rest.agree + 1.0) / (rest.seen + 2.0)),
            rd: pd / ((rest.disagree + 1.0) / (rest.seen + 2.0)),
            rat: two_prop_test(g.agree, rest.agree, g.seen, rest.seen),
            rdt: two_prop_test(g.disagree, rest.disagree, g.seen, rest.seen),
        }
    }

    fn finalize(&self, best_agree: bool) -> Repness {
        if self.rat > self.rdt {
            Repness {
                statement: self.tid,
                direction: Direction::Agree,
                n_success: self.na,
                n_trials: self.ns,
                p_success: self.pa,
                p_test: self.pat,
                repness: self.ra,
                repness_test: self.rat,
                best_agree,
            }
        } else {
            Repness {
                statement: self.tid,
                direction: Direction::Disagree,
                n_success: self.nd,
                n_trials: self.ns,
                p_success: self.pd,
                p_test: self.pdt,
                repness: self.rd,
                repness_test: self.rdt,
                best_agree,
            }
        }
    }
}

/// Counts per statement (columns of `m`) over the participants whose rows `include` accepts.
fn counts(m: &VoteMatrix, include: impl Fn(usize) -> bool) -> Vec<Counts> {
    // Each vote value (−1, 0, 1) counted per column, without a branch per vote.
    let mut tally = vec![[0u32; 3]; m.statements.len()];
    for (r, row) in m.rows.iter().enumerate() {
        if !include(r) {
            continue;
        }
        for (c, v) in row {
            tally[*c as usize][(v.signum() + 1) as usize] += 1;
        }
    }
    tally
        .iter()
        .map(|t| Counts {
            agree: t[2] as f64,
            disagree: t[0] as f64,
            seen: (t[0] + t[1] + t[2]) as f64,
        })
        .collect()
}

/// Representative statements of every group: `labels` maps a participant id to its group; only
/// labelled participants count. At most `pick` statements per group, agree-type first.
pub fn representative(
    m: &VoteMatrix,
    labels: &HashMap<i64, usize>,
    pick: usize,
) -> Vec<Vec<Repness>> {
    group_stats(m, labels)
        .into_iter()
        .map(|stats| {
            let kept: Vec<Stat> = stats
                .into_iter()
                .filter(|s| !m.moderated_out.contains(&s.tid))
                .collect();
            select(&kept, pick)
        })
        .collect()
}

/// Counts per group (groups `0..`) and over all labelled participants, per statement column.
fn group_counts(m: &VoteMatrix, labels: &HashMap<i64, usize>) -> (Vec<Vec<Counts>>, Vec<Counts>) {
    let groups = labels.values().copied().max().map(|g| g + 1).unwrap_or(0);
    let row_group: Vec<Option<usize>> = m
        .participants
        .iter()
        .map(|p| labels.get(p).copied())
        .collect();
    // One pass over the votes counting, per group and column, each vote value (−1, 0, 1); the
    // totals are the groups' sums.
    let cols = m.statements.len();
    let mut tally = vec![[0u32; 3]; groups * cols];
    for (row, g) in m.rows.iter().zip(&row_group) {
        let Some(g) = g else { continue };
        let mine = &mut tally[g * cols..(g + 1) * cols];
        for (c, v) in row {
            mine[*c as usize][(v.signum() + 1) as usize] += 1;
        }
    }
    let counts = |t: &[u32; 3]| Counts {
        agree: t[2] as f64,
        disagree: t[0] as f64,
        seen: (t[0] + t[1] + t[2]) as f64,
    };
    let per_group: Vec<Vec<Counts>> = (0..groups)
        .map(|g| tally[g * cols..(g + 1) * cols].iter().map(counts).collect())
        .collect();
    let mut all = vec![Counts::default(); cols];
    for group in &per_group {
        for (n, mine) in all.iter_mut().zip(group) {
            n.agree += mine.agree;
            n.disagree += mine.disagree;
            n.seen += mine.seen;
        }
    }
    (per_group, all)
}

/// For every group, every statement's statistics against the rest of the labelled participants.
fn group_stats(m: &VoteMatrix, labels: &HashMap<i64, usize>) -> Vec<Vec<Stat>> {
    let (per_group, all) = group_counts(m, labels);
    per_group
        .iter()
        .map(|mine_all| {
            m.statements
                .iter()
                .enumerate()
                .map(|(c, tid)| {
                    let mine = mine_all[c];
                    let rest = Counts {
                        agree: all[c].agree - mine.agree,
                        disagree: all[c].disagree - mine.disagree,
                        seen: all[c].seen - mine.seen,
                    };
                    Stat::new(*tid, mine, rest)
                })
                .collect()
        })
        .collect()
}

/// The sort metric every statement would have as a representative of each group (whether or not
/// it is selected): lists that differ only in the order of exactly tied statements are the same
/// answer.
pub fn representative_metrics(
    m: &VoteMatrix,
    labels: &HashMap<i64, usize>,
) -> Vec<HashMap<i64, f64>> {
    group_stats(m, labels)
        .into_iter()
        .map(|stats| {
            stats
                .iter()
                .map(|s| (s.tid, s.finalize(false).metric()))
                .collect()
        })
        .collect()
}

/// `(pa, pat, pd, pdt)` of every statement over everyone, in column order.
fn overall(m: &VoteMatrix) -> Vec<(i64, f64, f64, f64, f64)> {
    let all = counts(m, |_| true);
    m.statements
        .iter()
        .enumerate()
        .map(|(c, tid)| {
            let n = all[c];
            let pa = (n.agree + 1.0) / (n.seen + 2.0);
            let pd = (n.disagree + 1.0) / (n.seen + 2.0);
            (
                *tid,
                pa,
                prop_test(n.agree, n.seen),
                pd,
                prop_test(n.disagree, n.seen),
            )
        })
        .collect()
}

/// The consensus metrics (`pa·pat`, `pd·pdt`) of every statement over everyone.
pub fn consensus_metrics(m: &VoteMatrix) -> HashMap<i64, (f64, f64)> {
    overall(m)
        .into_iter()
        .map(|(t, pa, pat, pd, pdt)| (t, (pa * pat, pd * pdt)))
        .collect()
}

fn select(stats: &[Stat], pick: usize) -> Vec<Repness> {
    let mut sufficient: Vec<&Stat> = Vec::new();
    let mut best: Option<&Stat> = None;
    let mut best_agree: Option<&Stat> = None;
    for s in stats {
        if (s.rat > Z_90 && s.pat > Z_90) || (s.rdt > Z_90 && s.pdt > Z_90) {
            sufficient.push(s);
        }
        if sufficient.is_empty() && best.is_none_or(|b| s.rat.max(s.rdt) > b.rat.max(b.rdt)) {
            best = Some(s);
        }
        if s.na == 0.0 && s.nd == 0.0 {
            continue;
        }
        best_agree = match best_agree {
            Some(b) if b.ra > 1.0 => {
                if s.ra * s.rat * s.pa * s.pat > b.ra * b.rat * b.pa * b.pat {
                    Some(s)
                } else {
                    Some(b)
                }
            }
            Some(b) => {
                if s.pa * s.pat > b.pa * b.pat {
                    Some(s)
                } else {
                    Some(b)
                }
            }
            None => {
                if s.pat > Z_90 || (s.ra > 1.0 && s.pa > 0.5) {
                    Some(s)
                } else {
                    None
                }
            }
        };
    }
    if sufficient.is_empty() {
        return match (best_agree, best) {
            (Some(b), _) => vec![b.finalize(true)],
            (None, Some(b)) => vec![b.finalize(false)],
            _ => vec![],
        };
    }
    let mut rest: Vec<Repness> = sufficient
        .iter()
        .filter(|s| best_agree.is_none_or(|b| b.tid != s.tid))
        .map(|s| s.finalize(false))
        .collect();
    // Strongest first; an exact tie keeps the matrix's column order.
    rest.sort_by(|a, b| b.metric().total_cmp(&a.metric()));
    let mut out: Vec<Repness> = best_agree
        .map(|b| b.finalize(true))
        .into_iter()
        .chain(rest)
        .take(pick)
        .collect();
    // Agree-type first, each kind keeping its order.
    out.sort_by_key(|r| r.direction != Direction::Agree);
    out
}

/// Statements most participants agree (or disagree) with, over everyone: at most `pick` each,
/// strongest first.
pub fn consensus(m: &VoteMatrix, pick: usize) -> (Vec<i64>, Vec<i64>) {
    let mut agree = Vec::new();
    let mut disagree = Vec::new();
    for (tid, pa, pat, pd, pdt) in overall(m) {
        if m.moderated_out.contains(&tid) {
            continue;
        }
        if pa > 0.5 && pat > Z_90 {
            agree.push((tid, pa * pat));
        }
        if pd > 0.5 && pdt > Z_90 {
            disagree.push((tid, pd * pdt));
        }
    }
    let top = |mut v: Vec<(i64, f64)>| -> Vec<i64> {
        // Strongest first; an exact tie keeps the matrix's column order.
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v.into_iter().take(pick).map(|(t, _)| t).collect()
    };
    (top(agree), top(disagree))
}

/// Group-informed consensus per statement: Π over groups of (agrees + 1) / (seen + 2), over the
/// raw votes of each group's members (Pol.is's `group-aware-consensus`).
pub fn group_informed_consensus(m: &VoteMatrix, labels: &HashMap<i64, usize>) -> Vec<(i64, f64)> {
    let (per_group, _) = group_counts(m, labels);
    m.statements
        .iter()
        .enumerate()
        .map(|(c, tid)| {
            (
                *tid,
                per_group
                    .iter()
                    .map(|g| (g[c].agree + 1.0) / (g[c].seen + 2.0))
                    .product(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_match_the_formulas() {
        assert!((prop_test(9.0, 10.0) - 2.0 * 11f64.sqrt() * (10.0 / 11.0 - 0.5)).abs() < 1e-12);
        assert_eq!(
            two_prop_test(5.0, 5.0, 5.0, 5.0),
            0.0,
            "pooled proportion 1"
        );
        assert!(two_prop_test(8.0, 2.0, 10.0, 10.0) > Z_90);
    }
}
