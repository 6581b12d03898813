//! The Method of Equal Shares, fast and exact.
//!
//! Exact arithmetic on every voter's money makes each payment a rational with a larger
//! denominator, and MES with Add1 runs thousands of times on one election. So money is not kept as
//! a rational: a voter's wallet is the starting share minus a list of `(round, utility)` payments
//! (or empty, once it paid everything), with a floating-point shadow. Every comparison is decided
//! by the shadow when it is certain (relative margin 1e-7) and exactly otherwise; the exact sums
//! MES needs (the money of the supporters who pay everything) are `share × Σ w − Σ_k ρ_k × A_k`,
//! with integer accumulators `A_k` per round, so a round costs a few big-number operations instead
//! of one per voter.
//!
//! [`run_traced`] can also run in floats alone ([`Arithmetic::Floats`]): no exact ρ at all, its
//! trace then checked exactly by the caller (`add1::proven`), which falls back on the exact run
//! only when a close call went the wrong way.

use super::{Election, Profile, Q, TieBreak, to_f64};
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

const MARGIN: f64 = 1e-7;

/// `Some(a < b)` when the floats decide it with room to spare, `None` when exact arithmetic must.
pub(super) fn sure_lt(a: f64, b: f64, abs: f64) -> Option<bool> {
    let room = MARGIN * a.abs().max(b.abs()) + abs;
    if a < b - room {
        Some(true)
    } else if a > b + room {
        Some(false)
    } else {
        None
    }
}

/// What does not change between runs of MES on one election: integer utilities per project
/// (utility × the project's scale), weights, floats.
pub struct Setup {
    /// Per project: `(group, û = u × scale, u as f64)` (24 bytes: the float passes stream these).
    pub(super) sup: Vec<Vec<(usize, i64, f64)>>,
    /// Per project: the scale that makes its utilities integers.
    pub(super) scale: Vec<Q>,
    /// Per project: Σ w × û.
    pub(super) total_hat: Vec<i128>,
    pub(super) weight: Vec<i128>,
    pub(super) weight_f: Vec<f64>,
    pub(super) cost_f: Vec<f64>,
}

impl Setup {
    /// `None` when the numbers do not fit 128-bit accumulators (then the plain rational MES runs).
    pub fn new(e: &Election, profile: &Profile) -> Option<Self> {
        let m = e.projects.len();
        let weight: Vec<i128> = profile.groups.iter().map(|g| g.weight as i128).collect();
        let total_weight: i128 = weight.iter().sum();
        let mut sup = Vec::with_capacity(m);
        let mut scale = Vec::with_capacity(m);
        let mut total_hat = Vec::with_capacity(m);
        for p in 0..m {
            // Every utility is a small number times the project's unit: scaled by the unit's
            // denominator, they are integers.
            let unit = &profile.unit[p];
            let base = unit.numer().to_i128()?;
            let unit_f = to_f64(unit);
            let mut list = Vec::with_capacity(profile.supporters[p].len());
            let mut total: i128 = 0;
            for (g, number) in &profile.supporters[p] {
                let hat = base.checked_mul(i128::from(*number))?;
                // Keep every Σ w × û far from overflow.
                if hat.checked_mul(total_weight.max(1))?.checked_mul(64)?.abs() > i128::MAX / 4 {
                    return None;
                }
                let hat = i64::try_from(hat).ok()?;
                total += weight[*g] * i128::from(hat);
                list.push((*g, hat, *number as f64 * unit_f));
            }
            sup.push(list);
            scale.push(Q::from_integer(unit.denom().clone()));
            total_hat.push(total);
        }
        Some(Self {
            sup,
            scale,
            total_hat,
            weight_f: weight.iter().map(|w| *w as f64).collect(),
            weight,
            cost_f: e.projects.iter().map(|p| to_f64(&p.cost)).collect(),
        })
    }
}

/// Every group's money: the share minus its payments, or nothing once it paid all it had.
pub(super) struct Wallets {
    pub(super) share: Q,
    pub(super) emptied: Vec<bool>,
    /// `(round, û)`: paid ρ_round × û / scale of that round's project.
    pub(super) paid: Vec<Vec<(usize, i128)>>,
    pub(super) approx: Vec<f64>,
    /// ρ of each round divided by the scale of the project bought.
    pub(super) rho_per_hat: Vec<Q>,
    /// Tolerance for money comparisons in absolute terms.
    pub(super) abs: f64,
}

impl Wallets {
    pub(super) fn exact(&self, g: usize) -> Q {
        if self.emptied[g] {
            return Q::zero();
        }
        let mut m = self.share.clone();
        for (k, hat) in &self.paid[g] {
            m -= &self.rho_per_hat[*k] * Q::from_integer(BigInt::from(*hat));
        }
        m
    }
}

/// Σ w × money over a set of groups, gathered into per-round integer accumulators.
pub(super) struct MoneySum {
    weight: i128,
    per_round: Vec<i128>,
}

impl MoneySum {
    pub(super) fn new(rounds: usize) -> Self {
        Self {
            weight: 0,
            per_round: vec![0; rounds],
        }
    }

    pub(super) fn add(&mut self, w: &Wallets, g: usize, weight: i128) {
        if w.emptied[g] {
            return;
        }
        self.weight += weight;
        for (k, hat) in &w.paid[g] {
            self.per_round[*k] += weight * hat;
        }
    }

    pub(super) fn value(&self, w: &Wallets) -> Q {
        let mut v = &w.share * Q::from_integer(BigInt::from(self.weight));
        for (k, a) in self.per_round.iter().enumerate() {
            if *a != 0 {
                v -= &w.rho_per_hat[k] * Q::from_integer(BigInt::from(*a));
            }
        }
        v
    }
}

/// Is group `g` unable to pay `rho × û / scale` (so it pays everything it has)?
pub(super) fn is_poor(
    w: &Wallets,
    g: usize,
    rho: &Q,
    rho_f: f64,
    hat: i128,
    u_f: f64,
    scale: &Q,
) -> bool {
    if w.emptied[g] {
        return true;
    }
    sure_lt(w.approx[g], rho_f * u_f, w.abs)
        .unwrap_or_else(|| w.exact(g) < rho * Q::from_integer(BigInt::from(hat)) / scale)
}

/// ρ in floating point, from the shadows; the positions in `sup[p]` of the supporters who pay
/// everything they have (those who cannot pay ρ × u); and Σ weight × money of all supporters.
fn rho_f(s: &Setup, w: &Wallets, p: usize) -> (f64, Vec<u32>, f64) {
    let sup = &s.sup[p];
    let (mut paid, mut denom) = (0.0, (s.total_hat[p] as f64) / to_f64(&s.scale[p]));
    let mut rho = s.cost_f[p] / denom;
    let mut available = 0.0;
    // Who can pay ρ × u and who cannot is a coin toss for the processor: each supporter is
    // written to both lists and only the right one advances, without a branch.
    let mut rich: Vec<u32> = vec![0; sup.len()];
    let mut poor: Vec<u32> = vec![0; sup.len()];
    let (mut rich_len, mut poor_len) = (0, 0);
    for (i, (g, _, u)) in sup.iter().enumerate() {
        let (money, w_f) = (w.approx[*g], s.weight_f[*g]);
        available += w_f * money;
        let is = (money < rho * u) | w.emptied[*g];
        rich[rich_len] = i as u32;
        poor[poor_len] = i as u32;
        rich_len += usize::from(!is);
        poor_len += usize::from(is);
        paid += if is { w_f * money } else { 0.0 };
        denom -= if is { w_f * u } else { 0.0 };
    }
    // Until nobody else falls short of ρ × u (ρ only grows as supporters move over).
    while poor_len > 0 && rich_len > 0 && denom > 0.0 {
        rho = (s.cost_f[p] - paid) / denom;
        let before = rich_len;
        rich_len = 0;
        for j in 0..before {
            let i = rich[j];
            let (g, _, u) = sup[i as usize];
            let (money, w_f) = (w.approx[g], s.weight_f[g]);
            let is = money < rho * u;
            rich[rich_len] = i;
            poor[poor_len] = i;
            rich_len += usize::from(!is);
            poor_len += usize::from(is);
            paid += if is { w_f * money } else { 0.0 };
            denom -= if is { w_f * u } else { 0.0 };
        }
        if rich_len == before {
            break;
        }
    }
    poor.truncate(poor_len);
    (rho, poor, available)
}

/// ρ exactly: move the supporters who cannot pay ρ × u into the group that pays everything until
/// none moves (one solution, so the same as pabutools' sorted scan). Also returns the positions in
/// `sup[p]` of that group.
fn rho_exact(e: &Election, s: &Setup, w: &Wallets, p: usize) -> (Q, Vec<u32>) {
    let mut rich: Vec<u32> = (0..s.sup[p].len() as u32).collect();
    let mut poor_at: Vec<u32> = Vec::new();
    let mut poor = MoneySum::new(w.rho_per_hat.len());
    let mut denom_hat = s.total_hat[p];
    let cost = &e.projects[p].cost;
    loop {
        let rho = (cost - poor.value(w)) * &s.scale[p] / Q::from_integer(BigInt::from(denom_hat));
        let rho_f = to_f64(&rho);
        let before = rich.len();
        rich.retain(|&i| {
            let (g, hat, u_f) = s.sup[p][i as usize];
            let is = is_poor(w, g, &rho, rho_f, i128::from(hat), u_f, &s.scale[p]);
            if is {
                poor.add(w, g, s.weight[g]);
                denom_hat -= s.weight[g] * i128::from(hat);
                poor_at.push(i);
            }
            !is
        });
        if rich.len() == before || rich.is_empty() {
            return (rho, poor_at);
        }
    }
}

/// Supporters' money < cost?
fn cannot_afford(e: &Election, s: &Setup, w: &Wallets, p: usize, available_f: f64) -> bool {
    sure_lt(available_f, s.cost_f[p], w.abs * s.sup[p].len() as f64).unwrap_or_else(|| {
        let mut sum = MoneySum::new(w.rho_per_hat.len());
        for (g, _, _) in &s.sup[p] {
            sum.add(w, *g, s.weight[*g]);
        }
        sum.value(w) < e.projects[p].cost
    })
}

/// One run of MES with every voter's share `share`: the winners in order (free projects first)
/// and, for each round, ρ and the tied projects that lost the tie-break.
pub fn run(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    candidates: &[usize],
    free: &[usize],
    share: &Q,
) -> (Vec<usize>, Vec<(Q, Vec<usize>)>) {
    run_traced(
        e,
        profile,
        s,
        tie,
        candidates,
        free,
        share,
        None,
        Arithmetic::Exact,
    )
}

/// How [`run_traced`] decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arithmetic {
    /// Floats where they are sure, exact rationals for every close call: MES itself.
    Exact,
    /// Floats only, close calls included, and no ρ per round returned: fast, but right only
    /// where no close call went the wrong way — a run to be proven by checking its trace
    /// exactly (`add1::holds`).
    Floats,
}

/// [`run`], recording in `trace` (when given) why each round went as it did (see [`Trace`]).
#[allow(clippy::too_many_arguments)]
pub fn run_traced(
    e: &Election,
    profile: &Profile,
    s: &Setup,
    tie: &TieBreak,
    candidates: &[usize],
    free: &[usize],
    share: &Q,
    mut trace: Option<&mut Trace>,
    arithmetic: Arithmetic,
) -> (Vec<usize>, Vec<(Q, Vec<usize>)>) {
    let floats = arithmetic == Arithmetic::Floats;
    let groups = profile.groups.len();
    let m = e.projects.len();
    let share_f = to_f64(share);
    let mut w = Wallets {
        share: share.clone(),
        emptied: vec![false; groups],
        paid: vec![Vec::new(); groups],
        approx: vec![share_f; groups],
        rho_per_hat: Vec::new(),
        abs: share_f.abs() * 1e-9 + 1e-12,
    };
    let mut afford_f: Vec<f64> = (0..m)
        .map(|p| {
            let t = (s.total_hat[p] as f64) / to_f64(&s.scale[p]);
            if t > 0.0 { s.cost_f[p] / t } else { 0.0 }
        })
        .collect();
    // The computation behind each project's `afford_f` (index into `trace.bounds`): at first
    // cost / total utility, which bounds ρ from below whatever the money.
    let mut bound_of: Vec<usize> = vec![usize::MAX; m];
    if let Some(t) = trace.as_deref_mut() {
        t.clear();
        for &p in candidates {
            bound_of[p] = t.bound(s, &[], 0, p, Vec::new());
        }
    }
    let mut exact: Vec<Option<Q>> = vec![None; m];
    // The round in which each project's ρ was last found: after each round the money of many
    // voters has changed, and finding which projects they support costs more than finding ρ
    // again for the few projects scanned.
    let mut found_in = vec![usize::MAX; m];
    let mut alive: Vec<usize> = candidates.to_vec();
    let mut winners: Vec<usize> = free.to_vec();
    let mut rounds = Vec::new();
    loop {
        let round = w.rho_per_hat.len();
        alive.sort_unstable_by(|a, b| afford_f[*a].total_cmp(&afford_f[*b]));
        let mut best_f = f64::INFINITY;
        let mut scanned = Vec::new();
        let mut removed = Vec::new();
        for &p in &alive {
            if sure_lt(best_f, afford_f[p], 0.0) == Some(true) {
                break;
            }
            if found_in[p] != round {
                let (rho, poor, available) = rho_f(s, &w, p);
                let unaffordable = if floats {
                    available < s.cost_f[p]
                } else {
                    cannot_afford(e, s, &w, p, available)
                };
                if unaffordable {
                    removed.push(p);
                    continue;
                }
                afford_f[p] = rho;
                exact[p] = None;
                found_in[p] = round;
                if let Some(t) = trace.as_deref_mut() {
                    bound_of[p] = t.bound(s, &w.emptied, round, p, poor);
                }
            }
            best_f = best_f.min(afford_f[p]);
            scanned.push(p);
        }
        if !removed.is_empty() {
            alive.retain(|p| !removed.contains(p));
        }
        // The project bought: by float ρ alone, or by exact ρ among those the floats cannot
        // tell apart. `exact_rho` is None in floats.
        let (tied, exact_rho) = if floats {
            let tied: Vec<usize> = scanned
                .iter()
                .copied()
                .filter(|p| afford_f[*p] == best_f)
                .collect();
            (tied, None)
        } else {
            let mut best: Option<Q> = None;
            let mut tied: Vec<usize> = Vec::new();
            for p in scanned {
                if sure_lt(best_f, afford_f[p], 0.0) == Some(true) {
                    continue;
                }
                let rho = match &exact[p] {
                    Some(r) => r.clone(),
                    None => {
                        let (r, poor) = rho_exact(e, s, &w, p);
                        if let Some(t) = trace.as_deref_mut() {
                            bound_of[p] = t.bound(s, &w.emptied, round, p, poor);
                        }
                        exact[p] = Some(r.clone());
                        r
                    }
                };
                super::least(&mut best, &mut tied, rho, p);
            }
            (tied, best)
        };
        let mut tied = tied;
        if tied.is_empty() {
            if let Some(t) = trace.as_deref_mut() {
                t.last = removed;
            }
            break;
        }
        tied.sort_by(|a, b| tie.cmp(e, profile, *a, *b));
        let chosen = tied[0];
        let rho_f = exact_rho.as_ref().map(to_f64).unwrap_or(best_f);
        let scale = &s.scale[chosen];
        let mut emptied_now = Vec::new();
        let mut emptied_at = Vec::new();
        let mut partial = Vec::new();
        for (i, (g, hat, u_f)) in s.sup[chosen].iter().enumerate() {
            if w.emptied[*g] {
                continue;
            }
            // Pays min(money, ρ × u): everything when money ≤ ρ × u.
            let due_f = rho_f * u_f;
            let all = match (&exact_rho, sure_lt(due_f, w.approx[*g], w.abs)) {
                (None, _) => due_f >= w.approx[*g],
                (Some(_), Some(lt)) => !lt,
                (Some(rho), None) => {
                    w.exact(*g) <= rho * Q::from_integer(BigInt::from(*hat)) / scale
                }
            };
            if all {
                emptied_now.push(*g);
                emptied_at.push(i as u32);
            } else {
                partial.push((*g, i128::from(*hat), due_f))
            }
        }
        if let Some(t) = trace.as_deref_mut() {
            t.rounds.push(TraceRound {
                chosen,
                emptied: emptied_at,
                unaffordable: removed,
                losers: alive
                    .iter()
                    .filter(|q| **q != chosen)
                    .map(|q| (*q, bound_of[*q]))
                    .collect(),
            });
        }
        let keep_payments = exact_rho.is_some();
        pay(&mut w, round, emptied_now, partial, keep_payments);
        match exact_rho {
            Some(rho) => {
                w.rho_per_hat.push(&rho / scale);
                rounds.push((rho, tied[1..].to_vec()));
            }
            None => w.rho_per_hat.push(Q::zero()),
        }
        winners.push(chosen);
        alive.retain(|p| *p != chosen);
    }
    (winners, rounds)
}

/// The payments of one round: the groups in `emptied` pay all they have, the others in `partial`
/// `(group, û, due)` their due (kept for exact money when `keep_payments`).
fn pay(
    w: &mut Wallets,
    round: usize,
    emptied: Vec<usize>,
    partial: Vec<(usize, i128, f64)>,
    keep_payments: bool,
) {
    for g in emptied {
        w.emptied[g] = true;
        w.paid[g].clear();
        w.approx[g] = 0.0;
    }
    for (g, hat, due_f) in partial {
        if keep_payments {
            w.paid[g].push((round, hat));
        }
        w.approx[g] -= due_f;
    }
}

/// Why one run of MES went as it did, in terms that stay checkable at another share: which project
/// each round bought and which of its supporters paid everything, and for every other project
/// still in the running either that its supporters could not afford it or a computation whose
/// result bounds its ρ from below. Every condition is affine in the share along the trace (money
/// and ρ are affine while these sets stay the same), so the shares at which the whole trace holds
/// form an interval: checking two shares proves every share between them gives the same outcome.
#[derive(Debug, Default, PartialEq)]
pub struct Trace {
    pub(super) rounds: Vec<TraceRound>,
    pub(super) bounds: Vec<Bound>,
    /// The projects found unaffordable in the last scan, when nothing was left to buy.
    pub(super) last: Vec<usize>,
}

impl Trace {
    fn clear(&mut self) {
        self.rounds.clear();
        self.bounds.clear();
        self.last.clear();
    }

    /// Records the bound of `project`'s ρ computed in `round` with the supporters at positions
    /// `poor` paying everything they have (`emptied`: who had nothing left then); returns its
    /// index.
    fn bound(
        &mut self,
        s: &Setup,
        emptied: &[bool],
        round: usize,
        project: usize,
        mut poor: Vec<u32>,
    ) -> usize {
        let sup = &s.sup[project];
        let mut utility = (s.total_hat[project] as f64) / to_f64(&s.scale[project]);
        let mut denom_hat = s.total_hat[project];
        for &i in &poor {
            let (g, hat, u) = sup[i as usize];
            utility -= s.weight_f[g] * u;
            denom_hat -= s.weight[g] * i128::from(hat);
        }
        // Who had nothing left adds nothing to the money of Q, at any share along the trace.
        poor.retain(|i| !emptied.get(sup[*i as usize].0).copied().unwrap_or(false));
        self.bounds.push(Bound {
            round,
            project,
            poor,
            utility,
            denom_hat,
        });
        self.bounds.len() - 1
    }
}

#[derive(Debug, PartialEq)]
pub(super) struct TraceRound {
    pub(super) chosen: usize,
    /// Positions in `sup[chosen]` of the supporters who paid everything they had.
    pub(super) emptied: Vec<u32>,
    /// Projects found unaffordable in this round's scan.
    pub(super) unaffordable: Vec<usize>,
    /// Every other project still in the running, with the bound (index into `bounds`) that keeps
    /// it from beating `chosen`.
    pub(super) losers: Vec<(usize, usize)>,
}

/// ρ_Q = (cost − money of Q) / (utility of the others), computed at the start of `round`: a lower
/// bound of `project`'s ρ from then on, for any set Q of its supporters (positions in `sup`).
#[derive(Debug, PartialEq)]
pub(super) struct Bound {
    pub(super) round: usize,
    pub(super) project: usize,
    /// Positions in `sup` of the supporters in Q who still had money in `round`.
    pub(super) poor: Vec<u32>,
    /// The utility of the supporters not in Q, in floats and times the project's scale: the
    /// same at every share along the trace.
    pub(super) utility: f64,
    pub(super) denom_hat: i128,
}
