//! The Add1 completion of MES without one run per currency unit.
//!
//! Add1 raises every voter's share by one unit until MES's outcome is exhaustive, and the outcome
//! changes only at a few of those shares: Budapest's district elections need about 10⁵ units per
//! voter and a handful of distinct outcomes. A run of MES at share `b` leaves a [`Trace`]: the
//! project each round bought, the supporters who paid everything, and for every other project
//! still in the running either "unaffordable" or a lower bound ρ_Q = (cost − money of Q) / (utility
//! of the others) of its ρ, for a set Q of its supporters. Along a fixed trace every voter's money
//! and every ρ_Q are affine in the share, so each condition of the trace holds on an interval of
//! shares, and so does all of it: when the trace holds (exactly) at `b` and at `b + k`, MES gives the
//! same outcome at every share between. Add1 then jumps over those shares; it does not bisect the
//! outcome itself, which is not monotone in the share (spec §8.2). Where the trace stops holding
//! is predicted from each condition's float slack at two shares (each is a line in the share) and
//! then checked exactly. Each run of MES is itself a run in floats proven by checking its own
//! trace exactly at its share ([`proven`]); exact MES runs only when that check fails.

use super::mes::{self, Arithmetic, Setup, Trace, sure_lt};
use super::{Costs, Election, Profile, Q, TieBreak, to_f64};
use num_bigint::BigInt;
use num_traits::Zero;
use std::cmp::Ordering;

/// Relative margin of the floating-point checks of a trace (as in the MES run).
const MARGIN: f64 = 1e-7;

/// Σ supporters over all projects from which the runs of Add1 go on several threads.
const PARALLEL_SIZE: usize = 20_000;

/// What [`holds_with`] does with each condition of a trace.
trait Conditions {
    /// One condition: `slack`, its float value, is positive when it holds; `sure` is what the
    /// floats decide with room to spare; `exact` decides the close calls.
    fn check(&mut self, slack: f64, sure: Option<bool>, exact: impl FnOnce() -> bool) -> bool;
}

/// Decides every condition, exactly where the floats cannot.
struct Decide;

impl Conditions for Decide {
    fn check(&mut self, _: f64, sure: Option<bool>, exact: impl FnOnce() -> bool) -> bool {
        sure.unwrap_or_else(exact)
    }
}

/// Records every condition's float slack, taking each as holding (so every condition of the
/// trace is reached, in the same order at every share).
struct Record(Vec<f64>);

impl Conditions for Record {
    fn check(&mut self, slack: f64, _: Option<bool>, _: impl FnOnce() -> bool) -> bool {
        self.0.push(slack);
        true
    }
}

/// Decides every condition (as [`Decide`]) and records its slack (as [`Record`]).
struct DecideAndRecord(Vec<f64>);

impl Conditions for DecideAndRecord {
    fn check(&mut self, slack: f64, sure: Option<bool>, exact: impl FnOnce() -> bool) -> bool {
        self.0.push(slack);
        sure.unwrap_or_else(exact)
    }
}

/// Money as the trace spends it at one share: every payment kept, so the money of any group at
/// the start of any earlier round stays computable exactly. The exact ρ of a round is computed only
/// when an exact comparison needs it (floats decide almost every check), and then only for the
/// rounds that comparison depends on: a round whose supporters all keep money left has ρ =
/// cost / utility whatever came before (with cost utilities, every such ρ is 1 / supporters), so
/// most exact ties are decided without the long chain of earlier rounds.
struct Ledger<'a> {
    e: &'a Election,
    s: &'a Setup,
    trace: &'a Trace,
    share: Q,
    /// Round in which the group paid everything it had, `usize::MAX` while it has not.
    emptied: Vec<usize>,
    approx: Vec<f64>,
    /// Per round: Σ weight × û of the supporters of the project bought who had nothing left after.
    denom_hat: Vec<i128>,
    /// Per round: its exact ρ / scale, once a comparison needed it.
    rho_per_hat: Vec<Option<Q>>,
    abs: f64,
}

impl Ledger<'_> {
    fn has_money(&self, g: usize, round: usize) -> bool {
        self.emptied[g] >= round
    }

    /// The payments group `g` made before `round` without paying everything: `(k, û)` for each
    /// round k whose project it supports, while it still had money left after. (Read off the
    /// trace when an exact sum needs them: the floats decide almost every check.)
    fn payments(&self, g: usize, round: usize) -> impl Iterator<Item = (usize, i128)> + '_ {
        let rounds = &self.trace.rounds;
        (0..round.min(rounds.len())).filter_map(move |k| {
            if self.emptied[g] <= k {
                return None;
            }
            let sup = &self.s.sup[rounds[k].chosen];
            sup.binary_search_by_key(&g, |x| x.0)
                .ok()
                .map(|i| (k, i128::from(sup[i].1)))
        })
    }

    /// The exact ρ / scale of round `k`, computed with those of the rounds it depends on (oldest
    /// first, each needing only older ones: a loop, not a recursion as deep as the rounds).
    fn rho_per_hat(&mut self, k: usize) -> &Q {
        let mut pending = vec![k];
        while let Some(&top) = pending.last() {
            if self.rho_per_hat[top].is_some() {
                pending.pop();
                continue;
            }
            let (e, s, t) = (self.e, self.s, &self.trace.rounds[top]);
            let sup = &s.sup[t.chosen];
            let poor = self.sum(t.emptied.iter().map(|i| sup[*i as usize].0), top);
            let missing: Vec<usize> = poor
                .rounds()
                .filter(|j| self.rho_per_hat[*j].is_none())
                .collect();
            if missing.is_empty() {
                // Every round the sum names is known: `value` only reads them.
                let value = (&e.projects[t.chosen].cost - self.value(&poor))
                    / Q::from_integer(BigInt::from(self.denom_hat[top]));
                self.rho_per_hat[top] = Some(value);
                pending.pop();
            } else {
                pending.extend(missing);
            }
        }
        self.rho_per_hat[k].get_or_insert_with(Q::zero)
    }

    /// The exact ρ of `round` (of its project's utilities).
    fn rho(&mut self, round: usize) -> Q {
        let scale = &self.s.scale[self.trace.rounds[round].chosen];
        self.rho_per_hat(round) * scale
    }

    /// Σ weight × money of `groups` at the start of `round`, as `share × weight − Σ_k ρ_k × A_k`.
    fn sum(&self, groups: impl Iterator<Item = usize>, round: usize) -> MoneySum {
        let mut sum = MoneySum {
            weight: 0,
            per_round: vec![0i128; round],
        };
        for g in groups {
            if !self.has_money(g, round) {
                continue;
            }
            let w = self.s.weight[g];
            sum.weight += w;
            for (k, hat) in self.payments(g, round) {
                sum.per_round[k] += w * hat;
            }
        }
        sum
    }

    /// The value of `sum` (computing the ρ of the rounds it names).
    fn value(&mut self, sum: &MoneySum) -> Q {
        let mut v = &self.share * Q::from_integer(BigInt::from(sum.weight));
        for k in sum.rounds() {
            v -= self.rho_per_hat(k) * Q::from_integer(BigInt::from(sum.per_round[k]));
        }
        v
    }

    /// Σ weight × money of `groups` at the start of `round`, exactly.
    fn money(&mut self, groups: impl Iterator<Item = usize>, round: usize) -> Q {
        let sum = self.sum(groups, round);
        self.value(&sum)
    }

    /// Σ weight × money of `q`'s supporters < its cost, at the start of `round`?
    fn unaffordable(&mut self, q: usize, round: usize, c: &mut impl Conditions) -> bool {
        let s = self.s;
        let available: f64 = s.sup[q]
            .iter()
            .filter(|(g, _, _)| self.has_money(*g, round))
            .map(|(g, _, _)| s.weight_f[*g] * self.approx[*g])
            .sum();
        let sure = sure_lt(available, s.cost_f[q], self.abs * s.sup[q].len() as f64);
        c.check(s.cost_f[q] - available, sure, || {
            self.money(s.sup[q].iter().map(|(g, _, _)| *g), round) < self.e.projects[q].cost
        })
    }
}

/// Σ weight × money of some groups: `share × weight − Σ_k ρ_k × per_round[k]`.
struct MoneySum {
    weight: i128,
    per_round: Vec<i128>,
}

impl MoneySum {
    /// The rounds whose ρ the sum needs.
    fn rounds(&self) -> impl Iterator<Item = usize> + '_ {
        self.per_round
            .iter()
            .enumerate()
            .filter(|(_, a)| **a != 0)
            .map(|(k, _)| k)
    }
}

/// A lower bound ρ_Q evaluated at one share: its float, the float's tolerance, and the exact
/// denominator (≤ 0 when Q holds every supporter, and then it bounds nothing).
struct BoundValue {
    approx: f64,
    tolerance: f64,
    denom_hat: i128,
}

/// Does the whole of `trace` hold when every voter starts with `share`?
pub(super) fn holds(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    trace: &Trace,
    share: &Q,
) -> bool {
    holds_with(e, profile, s, tie, trace, share, &mut Decide)
}

/// The float slack of every condition of `trace` when every voter starts with `share`, in a
/// fixed order (positive: the condition holds). Along the trace each is affine in the share.
fn slacks(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    trace: &Trace,
    share: &Q,
) -> Vec<f64> {
    let mut r = Record(Vec::new());
    holds_with(e, profile, s, tie, trace, share, &mut r);
    r.0
}

/// One run of MES at `share` into `trace`, and the slacks of the trace's conditions there. The
/// run is done in floats and proven by checking its trace exactly at `share` (which holds only
/// when MES itself goes that way); when a close call went the wrong way, MES runs again with
/// exact arithmetic.
#[allow(clippy::too_many_arguments)]
fn proven_run(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    candidates: &[usize],
    free: &[usize],
    share: &Q,
    trace: &mut Trace,
) -> (Vec<usize>, Vec<f64>) {
    let run = |trace: &mut Trace, arithmetic| {
        mes::run_traced(
            e,
            profile,
            s,
            tie,
            candidates,
            free,
            share,
            Some(trace),
            arithmetic,
        )
        .0
    };
    let winners = run(trace, Arithmetic::Floats);
    let mut checked = DecideAndRecord(Vec::new());
    if holds_with(e, profile, s, tie, trace, share, &mut checked) {
        return (winners, checked.0);
    }
    let winners = run(trace, Arithmetic::Exact);
    (winners, slacks(e, profile, s, tie, trace, share))
}

/// The winners of MES at `share`: a run in floats proven by its trace (see [`proven_run`]), or
/// MES with exact arithmetic when the proof fails.
pub(super) fn proven(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    candidates: &[usize],
    free: &[usize],
    share: &Q,
) -> Vec<usize> {
    proven_run(
        e,
        profile,
        s,
        tie,
        candidates,
        free,
        share,
        &mut Trace::default(),
    )
    .0
}

/// [`holds`], each condition going through `c`.
fn holds_with(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    trace: &Trace,
    share: &Q,
    c: &mut impl Conditions,
) -> bool {
    let groups = profile.groups.len();
    let share_f = to_f64(share);
    let mut l = Ledger {
        e,
        s,
        trace,
        share: share.clone(),
        emptied: vec![usize::MAX; groups],
        approx: vec![share_f; groups],
        denom_hat: Vec::with_capacity(trace.rounds.len()),
        rho_per_hat: vec![None; trace.rounds.len()],
        abs: share_f.abs() * 1e-9 + 1e-12,
    };
    let mut values: Vec<BoundValue> = Vec::with_capacity(trace.bounds.len());
    let evaluate = |l: &Ledger, values: &mut Vec<BoundValue>, round: usize| {
        while let Some(b) = trace.bounds.get(values.len()) {
            if b.round != round {
                break;
            }
            let sup = &s.sup[b.project];
            let mut money = 0.0;
            for &i in &b.poor {
                let g = sup[i as usize].0;
                // Along the trace, the groups in `poor` still have money in `round`.
                money += s.weight_f[g] * l.approx[g];
            }
            values.push(BoundValue {
                approx: (s.cost_f[b.project] - money) / b.utility,
                tolerance: MARGIN * (s.cost_f[b.project] / b.utility).abs() + 1e-300,
                denom_hat: b.denom_hat,
            });
        }
    };
    for (r, round) in trace.rounds.iter().enumerate() {
        evaluate(&l, &mut values, r);
        if !round.unaffordable.iter().all(|q| l.unaffordable(*q, r, c)) {
            return false;
        }
        let p = round.chosen;
        let sup = &s.sup[p];
        let mut pays_all = vec![false; sup.len()];
        for &i in &round.emptied {
            pays_all[i as usize] = true;
        }
        let mut denom_hat = s.total_hat[p];
        let mut poor_f = 0.0;
        for (i, (g, hat, _)) in sup.iter().enumerate() {
            if pays_all[i] || !l.has_money(*g, r) {
                denom_hat -= s.weight[*g] * i128::from(*hat);
            }
            if pays_all[i] {
                poor_f += s.weight_f[*g] * l.approx[*g];
            }
        }
        if denom_hat <= 0 {
            return false;
        }
        l.denom_hat.push(denom_hat);
        let utility_f = denom_hat as f64 / to_f64(&s.scale[p]);
        let rho_f = (s.cost_f[p] - poor_f) / utility_f;
        // The float ρ may lose digits to the subtraction: allow for it in every comparison.
        let rho_tol = MARGIN * 1e-2 * s.cost_f[p] / utility_f;
        // Who pays everything: exactly the trace's supporters (money ≤ ρ × u), the others not.
        for (i, (g, hat, u_f)) in sup.iter().enumerate() {
            if !l.has_money(*g, r) {
                continue;
            }
            let due_f = rho_f * u_f;
            let money_lt_due = sure_lt(l.approx[*g], due_f, l.abs + rho_tol * u_f);
            let pays = pays_all[i];
            let (slack, sure) = if pays {
                (due_f - l.approx[*g], money_lt_due)
            } else {
                (l.approx[*g] - due_f, money_lt_due.map(|lt| !lt))
            };
            let ok = c.check(slack, sure, || {
                // Both sides times the group's weight.
                let money = l.money(std::iter::once(*g), r);
                let due = l.rho(r) * Q::from_integer(BigInt::from(i128::from(*hat) * s.weight[*g]))
                    / &s.scale[p];
                if pays { money <= due } else { money >= due }
            });
            if !ok {
                return false;
            }
        }
        // Every other project in the running stays behind the chosen one.
        for &(q, b) in &round.losers {
            let v = &values[b];
            if v.denom_hat <= 0 {
                return false;
            }
            let sure = sure_lt(rho_f, v.approx, v.tolerance + rho_tol);
            let ok = c.check(v.approx - rho_f, sure, || {
                let bound = &trace.bounds[b];
                let qsup = &s.sup[q];
                let money = l.money(bound.poor.iter().map(|i| qsup[*i as usize].0), bound.round);
                let lb = (&e.projects[q].cost - money) * &s.scale[q]
                    / Q::from_integer(BigInt::from(v.denom_hat));
                let rho = l.rho(r);
                if tie.cmp(e, profile, p, q) == Ordering::Less {
                    rho <= lb
                } else {
                    rho < lb
                }
            });
            if !ok {
                return false;
            }
        }
        for (i, (g, _, u_f)) in sup.iter().enumerate() {
            if !l.has_money(*g, r) {
                continue;
            }
            if pays_all[i] {
                l.emptied[*g] = r;
                l.approx[*g] = 0.0;
            } else {
                l.approx[*g] -= rho_f * u_f;
            }
        }
    }
    let r = trace.rounds.len();
    trace.last.iter().all(|q| l.unaffordable(*q, r, c))
}

/// MES with the Add1 completion from the share `start`: the outcome and the share it ended with,
/// exactly as one run per unit would give (spec §4.2), with the runs whose outcome a trace proves
/// unchanged skipped.
#[allow(clippy::too_many_arguments)]
pub(super) fn add1(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    candidates: &[usize],
    free: &[usize],
    exhaust_over: &[usize],
    start: Q,
) -> (Vec<usize>, Q) {
    let mut share = start;
    let mut trace = Trace::default();
    let (mut winners, mut at_zero) =
        proven_run(e, profile, s, tie, candidates, free, &share, &mut trace);
    let costs = Costs::new(e);
    let exhaustive = |winners: &[usize]| costs.exhausted_by(winners, exhaust_over);
    // Runs on large elections take long enough to be worth a thread each: the shares after the
    // skipped ones are run side by side, each exactly, and taken in order.
    let size: usize = s.sup.iter().map(Vec::len).sum();
    let width = if size >= PARALLEL_SIZE {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
    } else {
        1
    };
    let mut guess: u64 = 1;
    // Whether the last shares run side by side left different traces: then the outcome is
    // changing at every share, and the next ones are run without looking for a skip.
    let mut dense = false;
    while !exhaustive(&winners) {
        let at = |k: u64| &share + Q::from_integer(BigInt::from(k));
        let holds_at = |k: u64| holds(e, profile, s, tie, &trace, &at(k));
        // Where the outcome changes at almost every share, the trace fails one unit on, and it
        // fails early in the check: find that out before any prediction. Otherwise every
        // condition is affine in the share along the trace: its float slack at two shares
        // predicts where the first one fails. The prediction is only a guess: the trace is
        // checked exactly there (it holds at the share itself, `proven_run` checked it), and
        // galloping takes over when the guess was too far. A guess too short costs one more
        // run, which finds the same outcome.
        let skip = if dense || !holds_at(1) {
            guess = 1;
            0
        } else {
            let probe = guess.max(1).saturating_mul(2);
            let predicted = predict(
                &at_zero,
                &slacks(e, profile, s, tie, &trace, &at(probe)),
                probe,
            );
            match predicted {
                Some(k) if k > 0 && holds_at(k) => {
                    guess = k;
                    k
                }
                Some(k) if k > 0 => {
                    guess = k;
                    longest_hold(&mut guess, holds_at)
                }
                _ => longest_hold(&mut guess, holds_at),
            }
        };
        share += Q::from_integer(BigInt::from(skip));
        let shares: Vec<Q> = (1..=width as u64)
            .map(|j| &share + Q::from_integer(BigInt::from(j)))
            .collect();
        let runs = std::thread::scope(|scope| {
            let run = |share: &Q| {
                let mut trace = Trace::default();
                let (winners, slacks) =
                    proven_run(e, profile, s, tie, candidates, free, share, &mut trace);
                (winners, slacks, trace)
            };
            let others: Vec<_> = shares[1..]
                .iter()
                .map(|share| scope.spawn(move || run(share)))
                .collect();
            let mut runs = vec![run(&shares[0])];
            for other in others {
                match other.join() {
                    Ok(done) => runs.push(done),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            runs
        });
        dense = runs.windows(2).any(|pair| pair[0].2 != pair[1].2);
        for ((next, next_slacks, next_trace), next_share) in runs.into_iter().zip(shares) {
            if costs.spending_on(&next).over() {
                return (winners, share);
            }
            winners = next;
            at_zero = next_slacks;
            trace = next_trace;
            share = next_share;
            if exhaustive(&winners) {
                break;
            }
        }
    }
    (winners, share)
}

/// The last k at which every slack, moving along the line through its values at 0 and at
/// `probe`, is still positive: `None` when none of them falls.
fn predict(at_zero: &[f64], at_probe: &[f64], probe: u64) -> Option<u64> {
    if at_zero.len() != at_probe.len() {
        return None;
    }
    let mut first_fail = f64::INFINITY;
    for (a, b) in at_zero.iter().zip(at_probe) {
        let slope = (b - a) / probe as f64;
        if slope < 0.0 {
            first_fail = first_fail.min(a / -slope);
        }
    }
    // Just before the first slack reaches zero, within what the floats can say.
    (first_fail.is_finite() && first_fail >= 1.0)
        .then(|| (first_fail.ceil() - 1.0).min((1u64 << 50) as f64) as u64)
}

/// The largest k ≥ 0 such that `holds(0..=k)`, knowing that the shares where it holds form an
/// interval: gallop up from the last answer, then bisect (this bisects the trace's interval, not
/// the outcome).
fn longest_hold(guess: &mut u64, mut holds: impl FnMut(u64) -> bool) -> u64 {
    const MAX: u64 = 1 << 50;
    let mut k = (*guess).max(1);
    let (mut lo, mut hi) = (0u64, None::<u64>);
    while hi.is_none() && lo < MAX {
        if holds(k) {
            lo = k;
            k = k.saturating_mul(4).min(MAX);
        } else {
            hi = Some(k);
        }
    }
    if let Some(mut hi) = hi {
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if holds(mid) { lo = mid } else { hi = mid }
        }
    }
    if lo > 0 && !holds(0) {
        lo = 0;
    }
    *guess = lo.max(1);
    lo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_hold_finds_the_end_of_the_interval() {
        for end in [0u64, 1, 2, 3, 7, 100, 12345] {
            for start in [1u64, 5, 1000] {
                let mut guess = start;
                assert_eq!(longest_hold(&mut guess, |k| k <= end), end);
            }
        }
        let mut guess = 1;
        assert_eq!(
            longest_hold(&mut guess, |k| k != 0),
            0,
            "must hold at 0 too"
        );
    }
}
