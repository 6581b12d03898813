//! Outcome rules, each as pabutools 1.2.3 computes it (see the project's participatory-budgeting
//! spec, §4), with a configurable tie-break order and an explanation of the outcome.

use super::{Costs, Election, Profile, Q, TieBreak, Totals, Utility, format_q, to_f64};
use num_bigint::BigInt;
use num_traits::{One, Zero};
use std::cmp::Ordering;

/// The rules of this module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Utilitarian greedy with skipping: by utility per cost (approval count under cost
    /// utilities), adding every project that still fits.
    Greedy,
    /// Cumulative ballots: most points first, skipping what does not fit.
    GreedyTotal,
    /// Greedy that stops at the first project that does not fit.
    GreedyNoSkip,
    /// Greedy over the projects whose number of supporters reaches the META
    /// `min_project_score_threshold`.
    GreedyThreshold,
    /// Method of Equal Shares with a fixed budget.
    Mes,
    /// MES, raising each voter's budget by one unit until the outcome is exhaustive (Add1).
    MesAdd1,
    /// Add1, then utilitarian greedy completion.
    MesAdd1U,
    /// Sequential Phragmén (approval ballots).
    Phragmen,
}

impl Rule {
    pub const ALL: [Rule; 8] = [
        Rule::Greedy,
        Rule::GreedyTotal,
        Rule::GreedyNoSkip,
        Rule::GreedyThreshold,
        Rule::Mes,
        Rule::MesAdd1,
        Rule::MesAdd1U,
        Rule::Phragmen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rule::Greedy => "greedy",
            Rule::GreedyTotal => "greedy-total",
            Rule::GreedyNoSkip => "greedy-no-skip",
            Rule::GreedyThreshold => "greedy-threshold",
            Rule::Mes => "mes",
            Rule::MesAdd1 => "mes-add1",
            Rule::MesAdd1U => "mes-add1u",
            Rule::Phragmen => "phragmen",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        let r = raw.trim().replace('_', "-");
        Self::ALL.into_iter().find(|x| x.code() == r)
    }
}

/// Why a project was not chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotChosen {
    /// No ballot supports it.
    NoSupport,
    /// When its turn came, the money left was less than its cost.
    DidNotFit,
    /// Its supporters' remaining money could not pay for it (MES).
    SupportersRanOut,
    /// Its supporters did not reach the threshold.
    BelowThreshold,
    /// The money left in its category's or district's own budget was less than its cost.
    PoolFull,
    /// The rule stopped before its turn (greedy without skipping, Phragmén).
    RuleStopped,
}

impl NotChosen {
    pub fn code(&self) -> &'static str {
        match self {
            NotChosen::NoSupport => "no-support",
            NotChosen::DidNotFit => "did-not-fit",
            NotChosen::SupportersRanOut => "supporters-ran-out",
            NotChosen::BelowThreshold => "below-threshold",
            NotChosen::PoolFull => "pool-full",
            NotChosen::RuleStopped => "rule-stopped",
        }
    }
}

/// One round of MES: the project bought, the price factor ρ, what each kind of supporter paid and
/// has left.
#[derive(Debug, Clone, PartialEq)]
pub struct MesRound {
    pub project: usize,
    /// ρ: each supporter pays min(their money, ρ × utility).
    pub rho: Q,
    /// `(group, voters in it, paid per voter, left per voter)` for every supporting group.
    pub payments: Vec<(usize, u64, Q, Q)>,
    /// Projects that were as cheap per supporter and lost the tie-break.
    pub tied_with: Vec<usize>,
}

/// An outcome and what explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub rule: Rule,
    /// Chosen projects, in the order of selection.
    pub winners: Vec<usize>,
    pub total_cost: Q,
    /// MES rounds (MES rules only), in order.
    pub rounds: Vec<MesRound>,
    /// The per-voter budget MES ended with (Add1 rules: after the increments).
    pub voter_budget: Option<Q>,
    /// For every project not chosen, why.
    pub not_chosen: Vec<(usize, NotChosen)>,
    /// Projects added by a completion step (Add1U), in order.
    pub completed: Vec<usize>,
    /// The comparison step, when it ran: voters who prefer the MES outcome, voters who prefer
    /// greedy's (by number of approved projects funded).
    pub compared: Option<(u64, u64)>,
}

/// Variants of the rules that cities use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Follow the equalshares.net compute tool instead of pabutools: each voter starts with
    /// ⌊budget / voters⌋, Add1 stops when no project at all (supported or not) still fits, Add1
    /// is skipped when every project fits, and the completion takes projects by approval count
    /// in file order.
    pub equalshares: bool,
    /// The comparison step (Wieliczka 2023): keep greedy's outcome when more voters approve more
    /// of its projects than of MES's.
    pub comparison: bool,
    /// Budgets per category or district ([`SubBudgets`]), for the greedy rules: a project is
    /// funded only while its pools have money left for it. Ignored when the election has none
    /// or they are malformed (check them first with [`SubBudgets::of`]).
    pub sub_budgets: bool,
}

/// Budgets per category or district: pools with their own caps within the budget, as Amsterdam
/// uses them, read from the file's `budget_per_category` (with `categories`, each project in the
/// pools its `category` field names) or `budget_per_neighborhood` (with `neighborhoods` and the
/// `neighborhood` field). With `leftover_budget` in the file, the money the pools leave funds
/// more projects in the same order without the caps.
#[derive(Debug, Clone, PartialEq)]
pub struct SubBudgets {
    /// The project field that names the pools: `category` or `neighborhood`.
    pub field: &'static str,
    pub names: Vec<String>,
    pub caps: Vec<Q>,
    /// Per project, its pools (indices into `names`); none when its field names no pool.
    pub pools: Vec<Vec<usize>>,
    /// Whether the money the pools leave funds more projects (without the caps).
    pub leftover: bool,
}

impl SubBudgets {
    /// The election's sub-budgets: `Ok(None)` when it has none, an error naming the keys when
    /// they do not match.
    pub fn of(e: &Election) -> Result<Option<Self>, String> {
        let (field, list_key, caps_key) = if e.meta("budget_per_category").is_some() {
            ("category", "categories", "budget_per_category")
        } else if e.meta("budget_per_neighborhood").is_some() {
            ("neighborhood", "neighborhoods", "budget_per_neighborhood")
        } else {
            return Ok(None);
        };
        let names: Vec<String> = e
            .meta(list_key)
            .ok_or_else(|| format!("{caps_key} without {list_key}"))?
            .split(',')
            .map(|n| n.trim().to_owned())
            .collect();
        let caps = e
            .meta(caps_key)
            .unwrap_or_default()
            .split(',')
            .map(|c| {
                super::pabulib::parse_decimal(c.trim())
                    .filter(|q| *q >= Q::zero())
                    .ok_or_else(|| format!("{caps_key}: {:?} is not an amount", c.trim()))
            })
            .collect::<Result<Vec<Q>, String>>()?;
        if caps.len() != names.len() {
            return Err(format!(
                "{caps_key} has {} amounts for {} {list_key}",
                caps.len(),
                names.len()
            ));
        }
        let pools = e
            .projects
            .iter()
            .map(|p| {
                p.field(field)
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|n| names.iter().position(|x| x == n.trim()))
                    .collect()
            })
            .collect();
        Ok(Some(Self {
            field,
            names,
            caps,
            pools,
            leftover: e.meta("leftover_budget").is_some(),
        }))
    }
}

fn q_int(n: u64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// Computes `rule` on `election` (without MES rounds; see [`tally_explained`]).
pub fn tally(election: &Election, rule: Rule, tie: &TieBreak) -> Outcome {
    compute(election, rule, tie, false)
}

/// The grouped ballots `rule` works on (`None` for the greedy rules, which need only totals): what
/// pabutools calls the multiprofile. [`tally_grouped`] then computes the rule alone.
pub fn grouped(election: &Election, rule: Rule) -> Option<Profile> {
    match rule {
        Rule::Greedy | Rule::GreedyTotal | Rule::GreedyNoSkip | Rule::GreedyThreshold => None,
        Rule::Mes | Rule::MesAdd1 | Rule::MesAdd1U | Rule::Phragmen => {
            Some(Profile::new(election, utility(election, rule)))
        }
    }
}

/// [`tally`] on ballots already grouped by [`grouped`] for the same rule (ballots grouped with
/// other utilities are grouped again).
pub fn tally_grouped(
    election: &Election,
    rule: Rule,
    tie: &TieBreak,
    profile: Option<&Profile>,
) -> Outcome {
    compute_on(election, rule, tie, false, false, profile)
}

/// Computes `rule` on `election` with the MES rounds: every supporting group's payment and
/// remaining money, in exact arithmetic.
pub fn tally_explained(election: &Election, rule: Rule, tie: &TieBreak) -> Outcome {
    compute(election, rule, tie, true)
}

/// Computes `rule` with city variants (see [`Options`]); `explain` adds the MES rounds.
pub fn tally_with(
    election: &Election,
    rule: Rule,
    tie: &TieBreak,
    options: Options,
    explain: bool,
) -> Outcome {
    let pools = options
        .sub_budgets
        .then(|| SubBudgets::of(election).ok().flatten())
        .flatten();
    let outcome = match (&pools, rule) {
        (
            Some(pools),
            Rule::Greedy | Rule::GreedyTotal | Rule::GreedyNoSkip | Rule::GreedyThreshold,
        ) => greedy_rule(election, rule, tie, Some(pools)),
        _ => compute_on(election, rule, tie, explain, options.equalshares, None),
    };
    if !options.comparison || !matches!(rule, Rule::Mes | Rule::MesAdd1 | Rule::MesAdd1U) {
        return outcome;
    }
    let greedy_outcome = tally(election, Rule::Greedy, tie);
    let (mut prefer_mes, mut prefer_greedy) = (0u64, 0u64);
    for ballot in &election.ballots {
        let in_mes = ballot
            .projects
            .iter()
            .filter(|p| outcome.winners.contains(p))
            .count();
        let in_greedy = ballot
            .projects
            .iter()
            .filter(|p| greedy_outcome.winners.contains(p))
            .count();
        match in_mes.cmp(&in_greedy) {
            Ordering::Greater => prefer_mes += 1,
            Ordering::Less => prefer_greedy += 1,
            Ordering::Equal => {}
        }
    }
    let mut chosen = if prefer_greedy > prefer_mes {
        greedy_outcome
    } else {
        outcome
    };
    chosen.compared = Some((prefer_mes, prefer_greedy));
    chosen
}

fn compute(election: &Election, rule: Rule, tie: &TieBreak, explain: bool) -> Outcome {
    compute_on(election, rule, tie, explain, false, None)
}

/// Computes `rule` (following the compute tool when `equalshares`) on `grouped` ballots when
/// given (built with the rule's utilities), else on ballots grouped here.
fn compute_on(
    election: &Election,
    rule: Rule,
    tie: &TieBreak,
    explain: bool,
    equalshares: bool,
    grouped: Option<&Profile>,
) -> Outcome {
    // The greedy rules need only the totals; the others the grouped ballots.
    let wanted = utility(election, rule);
    let profile = || match grouped {
        Some(p) if p.utility == wanted => std::borrow::Cow::Borrowed(p),
        _ => std::borrow::Cow::Owned(Profile::new(election, wanted)),
    };
    match rule {
        Rule::Greedy | Rule::GreedyTotal | Rule::GreedyNoSkip | Rule::GreedyThreshold => {
            greedy_rule(election, rule, tie, None)
        }
        Rule::Mes => mes_outcome(election, &profile(), tie, rule, false, explain, equalshares),
        Rule::MesAdd1 => mes_outcome(election, &profile(), tie, rule, true, explain, equalshares),
        Rule::MesAdd1U => {
            let profile = profile();
            let add1 = mes_outcome(election, &profile, tie, rule, true, explain, equalshares);
            let mut done = if equalshares {
                by_approvals(election, &profile, rule, &add1.winners)
            } else {
                greedy(
                    election,
                    &profile,
                    tie,
                    rule,
                    &add1.winners,
                    true,
                    None,
                    None,
                )
            };
            done.completed = done.winners[add1.winners.len()..].to_vec();
            done.rounds = add1.rounds;
            done.voter_budget = add1.voter_budget;
            done
        }
        Rule::Phragmen => phragmen(election, &profile(), tie),
    }
}

/// One of the greedy rules, within `pools` when given.
fn greedy_rule(
    election: &Election,
    rule: Rule,
    tie: &TieBreak,
    pools: Option<&SubBudgets>,
) -> Outcome {
    let totals = Totals::new(election, utility(election, rule));
    greedy_with_totals(election, &totals, rule, tie, pools)
}

/// The utilities `rule` counts on `election`'s ballots.
fn utility(election: &Election, rule: Rule) -> Utility {
    match rule {
        Rule::GreedyTotal => Utility::PointsTimesCost,
        // Phragmén counts approvers, whatever the cost (a free project still has approvers).
        Rule::Phragmen => Utility::Cardinality,
        _ => election.vote_type.default_utility(),
    }
}

/// [`greedy_rule`] on totals already computed with the rule's utilities.
fn greedy_with_totals(
    election: &Election,
    totals: &Totals,
    rule: Rule,
    tie: &TieBreak,
    pools: Option<&SubBudgets>,
) -> Outcome {
    let threshold = (rule == Rule::GreedyThreshold).then(|| {
        election
            .meta("min_project_score_threshold")
            .and_then(super::pabulib::parse_decimal)
            .unwrap_or_else(Q::zero)
    });
    let skip = rule != Rule::GreedyNoSkip;
    greedy(election, totals, tie, rule, &[], skip, threshold, pools)
}

/// The compute tool's completion: every project not chosen, by number of supporters (ties in
/// file order), added when it fits.
fn by_approvals(e: &Election, totals: &Totals, rule: Rule, start: &[usize]) -> Outcome {
    let mut order: Vec<usize> = (0..e.projects.len())
        .filter(|p| !start.contains(p))
        .collect();
    order.sort_by(|a, b| totals.support_count[*b].cmp(&totals.support_count[*a]));
    let mut winners = start.to_vec();
    let costs = Costs::new(e);
    let mut spent = costs.spending_on(start);
    let mut not_chosen = Vec::new();
    for p in order {
        if spent.fits(p) {
            spent.add(p);
            winners.push(p);
        } else {
            not_chosen.push((p, NotChosen::DidNotFit));
        }
    }
    Outcome::plain(rule, winners, spent.total(), not_chosen)
}

/// Utilitarian greedy from `start`: projects by utility per cost, descending (ties in tie-break
/// order; a free supported project comes first, an unsupported one last), adding each that fits
/// (`skip`) or stopping at the first that does not. Within `pools` when given: a project whose
/// pools have too little left is passed over (and, when the pools leave money over, considered
/// again in a second pass without the caps).
#[allow(clippy::too_many_arguments)]
fn greedy(
    e: &Election,
    totals: &Totals,
    tie: &TieBreak,
    rule: Rule,
    start: &[usize],
    skip: bool,
    threshold: Option<Q>,
    pools: Option<&SubBudgets>,
) -> Outcome {
    let mut order: Vec<usize> = (0..e.projects.len())
        .filter(|p| !start.contains(p))
        .collect();
    order.sort_by(|a, b| tie.cmp(e, totals, *a, *b));
    // Density u/c: +∞ for a free supported project, 0 for a free unsupported one. Compared in
    // floats where they tell, else exactly as u_a × c_b against u_b × c_a. The sort is stable,
    // so equal densities keep the tie-break order.
    let density_f: Vec<f64> = (0..e.projects.len())
        .map(|p| {
            let (u, c) = (&totals.total_utility[p], &e.projects[p].cost);
            match (c.is_zero(), u.is_zero()) {
                (true, false) => f64::INFINITY,
                (true, true) => 0.0,
                _ => to_f64(u) / to_f64(c),
            }
        })
        .collect();
    let one = Q::one();
    // `(infinite, u, c)`, a free unsupported project's cost standing as 1.
    let exact_density = |p: usize| -> (bool, &Q, &Q) {
        let (u, c) = (&totals.total_utility[p], &e.projects[p].cost);
        if c.is_zero() {
            (!u.is_zero(), u, &one)
        } else {
            (false, u, c)
        }
    };
    order.sort_by(|a, b| {
        let (da, db) = (density_f[*a], density_f[*b]);
        if da.is_finite() && db.is_finite() {
            if surely_less(db, da) == Some(true) {
                return Ordering::Less;
            }
            if surely_less(da, db) == Some(true) {
                return Ordering::Greater;
            }
        }
        match (exact_density(*a), exact_density(*b)) {
            ((true, _, _), (true, _, _)) => Ordering::Equal,
            ((true, _, _), _) => Ordering::Less,
            (_, (true, _, _)) => Ordering::Greater,
            ((false, ua, ca), (false, ub, cb)) => (ub * ca).cmp(&(ua * cb)),
        }
    });
    let mut winners = start.to_vec();
    let costs = Costs::new(e);
    let mut spent = costs.spending_on(start);
    let mut not_chosen = Vec::new();
    let mut stopped = false;
    let mut pool_spent: Vec<Q> = pools
        .map(|s| vec![Q::zero(); s.caps.len()])
        .unwrap_or_default();
    for &p in &order {
        let cost = &e.projects[p].cost;
        if let Some(t) = &threshold
            && q_int(totals.support_count[p]) < *t
        {
            not_chosen.push((p, NotChosen::BelowThreshold));
            continue;
        }
        if stopped {
            not_chosen.push((p, NotChosen::RuleStopped));
            continue;
        }
        if spent.fits(p) {
            if let Some(s) = pools {
                if s.pools[p]
                    .iter()
                    .any(|k| &pool_spent[*k] + cost > s.caps[*k])
                {
                    not_chosen.push((p, NotChosen::PoolFull));
                    continue;
                }
                for k in &s.pools[p] {
                    pool_spent[*k] += cost;
                }
            }
            spent.add(p);
            winners.push(p);
        } else {
            not_chosen.push((
                p,
                if totals.total_utility[p].is_zero() {
                    NotChosen::NoSupport
                } else {
                    NotChosen::DidNotFit
                },
            ));
            if !skip {
                stopped = true;
            }
        }
    }
    if pools.is_some_and(|s| s.leftover) {
        // The money the pools left, to the projects they kept out, in the same order.
        for &p in &order {
            let Some(at) = not_chosen
                .iter()
                .position(|(q, why)| *q == p && *why == NotChosen::PoolFull)
            else {
                continue;
            };
            if spent.fits(p) {
                spent.add(p);
                winners.push(p);
                not_chosen.remove(at);
            } else {
                not_chosen[at].1 = NotChosen::DidNotFit;
            }
        }
    }
    Outcome::plain(rule, winners, spent.total(), not_chosen)
}

/// Relative margin under which a floating-point comparison is not trusted and the exact one runs.
const MARGIN: f64 = 1e-9;

/// `a < b` for a float that approximates an exact value, and an exact value computed only when
/// the float is too close to call.
fn surely_less(a_f: f64, b_f: f64) -> Option<bool> {
    surely_less_by(a_f, b_f, MARGIN)
}

/// [`surely_less`] with a relative `margin` of its own.
fn surely_less_by(a_f: f64, b_f: f64, margin: f64) -> Option<bool> {
    if a_f < b_f * (1.0 - margin) - f64::MIN_POSITIVE {
        Some(true)
    } else if a_f > b_f * (1.0 + margin) + f64::MIN_POSITIVE {
        Some(false)
    } else {
        None
    }
}

/// Phragmén's margin. Its float loads are never rounded from exact ones: each carries the
/// rounding of the sums it was made of, and of every earlier load in them — all positive terms,
/// so at most (rounds × additions into one sum) × 2⁻⁵³ relative, about 2·10⁻⁸ on the largest
/// election here (83 rounds, 61 668 voters). 10⁻⁶ leaves room for fifty times that.
const PHRAGMEN_MARGIN: f64 = 1e-6;

/// Money of every group of voters: exact, with a floating-point shadow. Exact arithmetic decides
/// every comparison; the shadow only skips the ones whose answer is certain, which keeps the
/// rationals' growing denominators out of the common case.
struct Purse {
    exact: Vec<Q>,
    approx: Vec<f64>,
}

/// ρ in floating point: the smallest ρ with Σ_g w_g · min(money_g, ρ · u_g) = cost.
fn price_factor_f(
    cost: f64,
    supporters: &[(usize, Q, f64)],
    total_utility: f64,
    purse: &Purse,
    weights: &[f64],
) -> f64 {
    let mut rich: Vec<&(usize, Q, f64)> = supporters.iter().collect();
    let (mut paid, mut denom) = (0.0, total_utility);
    loop {
        let rho = (cost - paid) / denom;
        let before = rich.len();
        rich.retain(|(g, _, u)| {
            let poor = purse.approx[*g] < rho * u;
            if poor {
                paid += weights[*g] * purse.approx[*g];
                denom -= weights[*g] * u;
            }
            !poor
        });
        if rich.len() == before || rich.is_empty() || denom <= 0.0 {
            return rho;
        }
    }
}

/// ρ exactly, by moving the supporters who cannot pay ρ · u into the "pays everything" group
/// until none is left to move (the equation has one solution, so this equals pabutools' sorted
/// scan).
fn price_factor(
    cost: &Q,
    supporters: &[(usize, Q, f64)],
    total_utility: &Q,
    purse: &Purse,
    weights: &[Q],
) -> Q {
    let mut rich: Vec<&(usize, Q, f64)> = supporters.iter().collect();
    let mut paid = Q::zero();
    let mut denom = total_utility.clone();
    loop {
        let rho = (cost - &paid) / &denom;
        let rho_f = to_f64(&rho);
        let before = rich.len();
        rich.retain(|(g, u, u_f)| {
            let poor = surely_less(purse.approx[*g], rho_f * u_f)
                .unwrap_or_else(|| purse.exact[*g] < &rho * u);
            if poor {
                paid += &weights[*g] * &purse.exact[*g];
                denom -= &weights[*g] * u;
            }
            !poor
        });
        if rich.len() == before || rich.is_empty() {
            return rho;
        }
    }
}

/// One run of MES with every voter starting with `budget`. Returns the winners in order and, when
/// `explain`, the rounds.
fn mes_run(
    e: &Election,
    profile: &Profile,
    tie: &TieBreak,
    candidates: &[usize],
    free: &[usize],
    budget: &Q,
    explain: bool,
) -> (Vec<usize>, Vec<MesRound>) {
    let groups = profile.groups.len();
    let m = e.projects.len();
    let mut purse = Purse {
        exact: vec![budget.clone(); groups],
        approx: vec![to_f64(budget); groups],
    };
    let weights: Vec<Q> = (0..groups).map(|g| profile.weight(g)).collect();
    let weights_f: Vec<f64> = profile.groups.iter().map(|g| g.weight as f64).collect();
    let supporters: Vec<Vec<(usize, Q, f64)>> = profile
        .supporters
        .iter()
        .enumerate()
        .map(|(p, s)| {
            s.iter()
                .map(|(g, number)| {
                    let u = profile.utility_of(p, *number);
                    let u_f = to_f64(&u);
                    (*g, u, u_f)
                })
                .collect()
        })
        .collect();
    let cost_f: Vec<f64> = e.projects.iter().map(|p| to_f64(&p.cost)).collect();
    let total_f: Vec<f64> = profile.total_utility.iter().map(to_f64).collect();
    let budget_f = to_f64(budget);
    // Money the supporters of each project still hold (floating point, kept up to date).
    let mut available_f: Vec<f64> = (0..m)
        .map(|p| {
            profile.supporters[p]
                .iter()
                .map(|(g, _)| weights_f[*g])
                .sum::<f64>()
                * budget_f
        })
        .collect();
    let mut alive: Vec<usize> = candidates.to_vec();
    // ρ last computed for each project (a lower bound of its current ρ: ρ only grows), in
    // floating point, and exactly when it was needed.
    let mut afford_f: Vec<f64> = (0..m)
        .map(|p| {
            if total_f[p] > 0.0 {
                cost_f[p] / total_f[p]
            } else {
                0.0
            }
        })
        .collect();
    let mut afford: Vec<Option<Q>> = vec![None; m];
    // A project's ρ depends only on its supporters' money: it stays valid until one of them pays.
    let mut fresh = vec![false; m];
    let mut winners: Vec<usize> = free.to_vec();
    let mut rounds = Vec::new();
    loop {
        alive.sort_by(|a, b| afford_f[*a].total_cmp(&afford_f[*b]));
        let mut best_f = f64::INFINITY;
        let mut scanned: Vec<usize> = Vec::new();
        let mut removed: Vec<usize> = Vec::new();
        for &p in &alive {
            let cost = &e.projects[p].cost;
            let short = surely_less(available_f[p], cost_f[p]).unwrap_or_else(|| {
                let exact = profile.supporters[p].iter().fold(Q::zero(), |acc, (g, _)| {
                    acc + &weights[*g] * &purse.exact[*g]
                });
                &exact < cost
            });
            if short {
                removed.push(p);
                continue;
            }
            if surely_less(best_f, afford_f[p]) == Some(true) {
                break;
            }
            if !fresh[p] {
                afford_f[p] =
                    price_factor_f(cost_f[p], &supporters[p], total_f[p], &purse, &weights_f);
                afford[p] = None;
                fresh[p] = true;
            }
            best_f = best_f.min(afford_f[p]);
            scanned.push(p);
        }
        if !removed.is_empty() {
            alive.retain(|p| !removed.contains(p));
        }
        // Exact ρ for the projects that may be the cheapest; exact equality decides ties.
        let mut best: Option<Q> = None;
        let mut tied: Vec<usize> = Vec::new();
        for p in scanned {
            if surely_less(best_f, afford_f[p]) == Some(true) {
                continue;
            }
            let rho = afford[p]
                .get_or_insert_with(|| {
                    price_factor(
                        &e.projects[p].cost,
                        &supporters[p],
                        &profile.total_utility[p],
                        &purse,
                        &weights,
                    )
                })
                .clone();
            super::least(&mut best, &mut tied, rho, p);
        }
        let Some(rho) = best else { break };
        tied.sort_by(|a, b| tie.cmp(e, profile, *a, *b));
        let chosen = tied[0];
        let mut payments = Vec::new();
        for (g, u, _) in &supporters[chosen] {
            let due = &rho * u;
            let pay = if due < purse.exact[*g] {
                due
            } else {
                purse.exact[*g].clone()
            };
            if !pay.is_zero() {
                purse.exact[*g] -= &pay;
                let new_f = to_f64(&purse.exact[*g]);
                let delta_f = weights_f[*g] * (purse.approx[*g] - new_f);
                purse.approx[*g] = new_f;
                for q in profile.projects_of(*g) {
                    available_f[*q] -= delta_f;
                    fresh[*q] = false;
                }
            }
            if explain {
                payments.push((*g, profile.groups[*g].weight, pay, purse.exact[*g].clone()));
            }
        }
        if explain {
            rounds.push(MesRound {
                project: chosen,
                rho,
                payments,
                tied_with: tied[1..].to_vec(),
            });
        }
        winners.push(chosen);
        alive.retain(|p| *p != chosen);
    }
    (winners, rounds)
}

fn mes_outcome(
    e: &Election,
    profile: &Profile,
    tie: &TieBreak,
    rule: Rule,
    add1: bool,
    explain: bool,
    equalshares: bool,
) -> Outcome {
    let n = q_int(profile.voters.max(1));
    let mut candidates = Vec::new();
    let mut free = Vec::new();
    for p in 0..e.projects.len() {
        if profile.total_utility[p].is_zero() {
            continue;
        }
        if e.projects[p].cost.is_zero() {
            free.push(p)
        } else {
            candidates.push(p)
        }
    }
    let mut budget = &e.budget / &n;
    if equalshares {
        // The compute tool gives every voter a whole number of currency units.
        budget = Q::from_integer(budget.floor().to_integer());
    }
    let all: Vec<usize> = (0..e.projects.len()).collect();
    let add1 = add1 && !(equalshares && e.cost_of(&all) <= e.budget);
    // pabutools checks exhaustiveness over the MES candidates; the compute tool over every project.
    let exhaust_over: &[usize] = if equalshares { &all } else { &candidates };
    let setup = super::mes::Setup::new(e, profile);
    let run = |share: &Q| -> Vec<usize> {
        match &setup {
            Some(s) => super::add1::proven(e, profile, s, tie, &candidates, &free, share),
            None => mes_run(e, profile, tie, &candidates, &free, share, false).0,
        }
    };
    let mut winners;
    if let (true, Some(s)) = (add1, &setup) {
        // Add1 with the runs whose outcome is provably unchanged skipped (see `add1`).
        (winners, budget) =
            super::add1::add1(e, profile, s, tie, &candidates, &free, exhaust_over, budget);
    } else {
        winners = run(&budget);
    }
    if add1 && setup.is_none() {
        // Add1 (Wieliczka 2023, Świecie 2023, Assen 2024): one more unit per voter until the
        // outcome is exhaustive over the candidates, keeping the last feasible outcome. Not
        // monotone in the budget, so every step is run.
        let costs = Costs::new(e);
        while !costs.exhausted_by(&winners, exhaust_over) {
            let next_budget = &budget + Q::one();
            let next = run(&next_budget);
            if costs.spending_on(&next).over() {
                break;
            }
            winners = next;
            budget = next_budget;
        }
    }
    let rounds = if explain {
        let (check, rounds) = mes_run(e, profile, tie, &candidates, &free, &budget, true);
        debug_assert_eq!(check, winners);
        rounds
    } else {
        Vec::new()
    };
    let total_cost = e.cost_of(&winners);
    let not_chosen = (0..e.projects.len())
        .filter(|p| !winners.contains(p))
        .map(|p| {
            (
                p,
                if profile.total_utility[p].is_zero() {
                    NotChosen::NoSupport
                } else {
                    NotChosen::SupportersRanOut
                },
            )
        })
        .collect();
    Outcome {
        rule,
        winners,
        total_cost,
        rounds,
        voter_budget: Some(budget),
        not_chosen,
        completed: vec![],
        compared: None,
    }
}

/// The loads of Phragmén's rounds: per round the project bought and which earlier rounds' loads
/// its approvers carried (with their weight), the exact load computed only when asked for.
#[derive(Default)]
struct Loads {
    rounds: Vec<(usize, Vec<(usize, u64)>)>,
    exact: Vec<Option<Q>>,
}

impl Loads {
    /// The exact load of round `k`, computed with those of the rounds it depends on (oldest
    /// first, each needing only older ones: a loop, not a recursion as deep as the rounds).
    fn exact(&mut self, e: &Election, profile: &Profile, k: usize) -> Q {
        let mut pending = vec![k];
        while let Some(&top) = pending.last() {
            if self.exact[top].is_some() {
                pending.pop();
                continue;
            }
            let (p, parts) = std::mem::take(&mut self.rounds[top]);
            let missing: Vec<usize> = parts
                .iter()
                .map(|(j, _)| *j)
                .filter(|j| self.exact[*j].is_none())
                .collect();
            if missing.is_empty() {
                // Every load `parts` names is known: `value` only reads them.
                let l = self.value(e, profile, p, &parts);
                self.exact[top] = Some(l);
                pending.pop();
            } else {
                pending.extend(missing);
            }
            self.rounds[top] = (p, parts);
        }
        self.exact[k].clone().unwrap_or_else(Q::zero)
    }

    /// The new load of project `p`'s approvers, carrying the loads of `parts` before.
    fn value(&mut self, e: &Election, profile: &Profile, p: usize, parts: &[(usize, u64)]) -> Q {
        let mut total = e.projects[p].cost.clone();
        for (k, w) in parts {
            total += self.exact(e, profile, *k) * q_int(*w);
        }
        total / q_int(profile.support_count[p])
    }
}

/// Sequential Phragmén: loads grow as projects are bought; each step buys the project whose
/// supporters would end with the smallest maximal load, stopping when that project does not fit.
fn phragmen(e: &Election, profile: &Profile, tie: &TieBreak) -> Outcome {
    // Each group's load is that of the last project its voters helped buy: `last[g]` indexes the
    // rounds of `loads`. Σ weight × load over each project's approvers is kept in floating point;
    // exact loads are computed only when the floats cannot tell the smallest new load apart.
    let mut last: Vec<Option<usize>> = vec![None; profile.groups.len()];
    let mut loads = Loads::default();
    let mut load_f: Vec<f64> = vec![0.0; profile.groups.len()];
    let mut load_sum_f: Vec<f64> = vec![0.0; e.projects.len()];
    let cost_f: Vec<f64> = e.projects.iter().map(|p| to_f64(&p.cost)).collect();
    let mut remaining: Vec<usize> = (0..e.projects.len())
        .filter(|p| e.projects[*p].cost <= e.budget)
        .collect();
    let mut winners = Vec::new();
    let costs = Costs::new(e);
    let mut spent = costs.spending();
    // Which earlier rounds' loads make up the sum over `p`'s approvers, with what weight.
    let recipe = |p: usize, last: &[Option<usize>], rounds: usize| -> Vec<(usize, u64)> {
        let mut per_round = vec![0u64; rounds];
        for (g, _) in &profile.supporters[p] {
            if let Some(k) = last[*g] {
                per_round[k] += profile.groups[*g].weight;
            }
        }
        per_round
            .into_iter()
            .enumerate()
            .filter(|(_, w)| *w > 0)
            .collect()
    };
    while !remaining.is_empty() {
        let new_load_f = |p: usize| -> f64 {
            let count = profile.support_count[p];
            if count == 0 {
                f64::INFINITY
            } else {
                (load_sum_f[p] + cost_f[p]) / count as f64
            }
        };
        let min_f = remaining
            .iter()
            .map(|p| new_load_f(*p))
            .fold(f64::INFINITY, f64::min);
        let near: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|p| {
                !(min_f.is_finite()
                    && surely_less_by(min_f, new_load_f(*p), PHRAGMEN_MARGIN) == Some(true))
            })
            .collect();
        let mut arg: Vec<usize> = Vec::new();
        if near.len() == 1 {
            arg = near;
        } else {
            // None stands for an infinite load (no approver).
            let mut best: Option<Option<Q>> = None;
            for p in near {
                let l = (profile.support_count[p] > 0).then(|| {
                    let parts = recipe(p, &last, loads.rounds.len());
                    loads.value(e, profile, p, &parts)
                });
                let order = match (&best, &l) {
                    (None, _) => Ordering::Less,
                    (Some(None), None) => Ordering::Equal,
                    (Some(None), Some(_)) => Ordering::Less,
                    (Some(Some(_)), None) => Ordering::Greater,
                    (Some(Some(b)), Some(x)) => x.cmp(b),
                };
                match order {
                    Ordering::Less => {
                        best = Some(l);
                        arg = vec![p];
                    }
                    Ordering::Equal => arg.push(p),
                    Ordering::Greater => {}
                }
            }
        }
        if arg.iter().any(|p| !spent.fits(*p)) {
            break;
        }
        arg.sort_by(|a, b| tie.cmp(e, profile, *a, *b));
        let chosen = arg[0];
        if profile.support_count[chosen] > 0 {
            let l_f = new_load_f(chosen);
            let k = loads.rounds.len();
            let parts = recipe(chosen, &last, k);
            loads.rounds.push((chosen, parts));
            loads.exact.push(None);
            for (g, _) in &profile.supporters[chosen] {
                let delta = profile.groups[*g].weight as f64 * (l_f - load_f[*g]);
                for q in profile.projects_of(*g) {
                    load_sum_f[*q] += delta;
                }
                load_f[*g] = l_f;
                last[*g] = Some(k);
            }
        }
        spent.add(chosen);
        winners.push(chosen);
        remaining.retain(|p| *p != chosen);
    }
    let not_chosen = (0..e.projects.len())
        .filter(|p| !winners.contains(p))
        .map(|p| {
            let why = if profile.support_count[p] == 0 {
                NotChosen::NoSupport
            } else if !spent.fits(p) {
                NotChosen::DidNotFit
            } else {
                NotChosen::RuleStopped
            };
            (p, why)
        })
        .collect();
    Outcome::plain(Rule::Phragmen, winners, spent.total(), not_chosen)
}

impl Outcome {
    /// An outcome without MES rounds, completion or comparison.
    fn plain(
        rule: Rule,
        winners: Vec<usize>,
        total_cost: Q,
        not_chosen: Vec<(usize, NotChosen)>,
    ) -> Self {
        Outcome {
            rule,
            winners,
            total_cost,
            rounds: vec![],
            voter_budget: None,
            not_chosen,
            completed: vec![],
            compared: None,
        }
    }

    /// Winners' ids in the order of selection.
    pub fn winner_ids(&self, e: &Election) -> Vec<String> {
        self.winners
            .iter()
            .map(|p| e.projects[*p].id.clone())
            .collect()
    }

    /// The Add1 outcome inside an Add1U outcome: the winners before the completion.
    pub fn add1_part(&self, e: &Election) -> Outcome {
        let winners: Vec<usize> =
            self.winners[..self.winners.len() - self.completed.len()].to_vec();
        Outcome {
            rule: Rule::MesAdd1,
            total_cost: e.cost_of(&winners),
            not_chosen: self
                .not_chosen
                .iter()
                .filter(|(p, _)| !winners.contains(p))
                .cloned()
                .collect(),
            winners,
            rounds: self.rounds.clone(),
            voter_budget: self.voter_budget.clone(),
            completed: vec![],
            compared: None,
        }
    }

    pub fn total_cost_text(&self) -> String {
        format_q(&self.total_cost)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budgeting::{Ballot, Project, VoteType};

    /// Pseudo-random numbers below `n` (xorshift from `seed`): the same cases on every run.
    fn numbers(mut state: u64) -> impl FnMut(u64) -> u64 {
        move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n.max(1)
        }
    }

    fn small(budget: u64, costs: &[u64], ballots: &[&[usize]]) -> Election {
        Election {
            meta: vec![],
            vote_type: VoteType::Approval,
            budget: q_int(budget),
            projects: costs
                .iter()
                .enumerate()
                .map(|(i, c)| Project {
                    id: format!("p{i}"),
                    cost: q_int(*c),
                    fields: vec![],
                })
                .collect(),
            ballots: ballots
                .iter()
                .enumerate()
                .map(|(i, b)| Ballot {
                    voter_id: i.to_string(),
                    projects: b.to_vec(),
                    points: vec![],
                    fields: vec![],
                })
                .collect(),
            project_columns: vec![],
            vote_columns: vec![],
        }
    }

    /// Budget `budget`, categories A (cap 50) and B (cap 60): p0 (40, A) has 5 approvals, p1
    /// (30, A) 4, p2 (30, B) 3, p3 (20, B) 2.
    fn pooled(budget: u64, leftover: bool) -> Election {
        let ballots: Vec<&[usize]> = vec![&[0, 1, 2, 3], &[0, 1, 2, 3], &[0, 1, 2], &[0, 1], &[0]];
        let mut e = small(budget, &[40, 30, 30, 20], &ballots);
        e.meta = vec![
            ("categories".into(), "A,B".into()),
            ("budget_per_category".into(), "50,60".into()),
        ];
        if leftover {
            e.meta
                .push(("leftover_budget".into(), "Fund additional projects".into()));
        }
        for (p, category) in e.projects.iter_mut().zip(["A", "A", "B", "B"]) {
            p.fields = vec![("category".into(), category.into())];
        }
        e
    }

    #[test]
    fn sub_budgets_keep_each_category_within_its_cap() {
        let tie = TieBreak::default();
        let pooled_greedy = |e: &Election| {
            let options = Options {
                sub_budgets: true,
                ..Options::default()
            };
            tally_with(e, Rule::Greedy, &tie, options, false)
        };
        // Without the caps greedy takes p0, p1, p2 (100). With them p1 would take A to 70 > 50:
        // p0, p2, p3 (90), and the 10 left cannot fund p1.
        let e = pooled(100, true);
        assert_eq!(
            tally(&e, Rule::Greedy, &tie).winner_ids(&e),
            ["p0", "p1", "p2"]
        );
        let o = pooled_greedy(&e);
        assert_eq!(o.winner_ids(&e), ["p0", "p2", "p3"]);
        assert_eq!(o.total_cost, q_int(90));
        assert_eq!(o.not_chosen, vec![(1, NotChosen::DidNotFit)]);
        // With 130 the leftover (40) funds p1 after the pools; without `leftover_budget` it
        // stays out for its category.
        let e = pooled(130, true);
        assert_eq!(pooled_greedy(&e).winner_ids(&e), ["p0", "p2", "p3", "p1"]);
        let e = pooled(130, false);
        let o = pooled_greedy(&e);
        assert_eq!(o.winner_ids(&e), ["p0", "p2", "p3"]);
        assert_eq!(o.not_chosen, vec![(1, NotChosen::PoolFull)]);
        // A cap list that does not match the categories is refused by name.
        let mut bad = pooled(100, false);
        bad.meta[1].1 = "50".into();
        assert_eq!(
            SubBudgets::of(&bad),
            Err("budget_per_category has 1 amounts for 2 categories".into())
        );
    }

    #[test]
    fn comparison_keeps_greedy_when_more_voters_prefer_it() {
        // Each voter holds 25: the majority's three shares buy one of its projects, not two, and
        // the minority's 25 cannot buy anything; greedy funds the majority's two projects.
        let e = small(100, &[50, 50, 50], &[&[0, 1], &[0, 1], &[0, 1], &[2]]);
        let tie = TieBreak::default();
        let mes = tally_with(&e, Rule::Mes, &tie, Options::default(), false);
        assert_eq!(mes.winner_ids(&e), ["p0"]);
        let compared = tally_with(
            &e,
            Rule::Mes,
            &tie,
            Options {
                comparison: true,
                ..Options::default()
            },
            false,
        );
        assert_eq!(compared.compared, Some((0, 3)));
        assert_eq!(compared.winner_ids(&e), ["p0", "p1"]);
    }

    #[test]
    fn equalshares_mode_starts_from_whole_units() {
        // 3 voters and a budget of 101: pabutools starts at 101/3, the compute tool at 33. (p2,
        // with no vote, makes the projects cost more than the budget, so Add1 runs.)
        let e = small(101, &[67, 34, 50], &[&[0], &[0], &[1]]);
        let tie = TieBreak::default();
        let es = tally_with(
            &e,
            Rule::Mes,
            &tie,
            Options {
                equalshares: true,
                ..Options::default()
            },
            false,
        );
        let pb = tally_with(&e, Rule::Mes, &tie, Options::default(), false);
        assert_eq!(pb.winner_ids(&e), ["p0"], "two shares of 101/3 pay 67");
        assert!(es.winner_ids(&e).is_empty(), "two shares of 33 do not");
        // Add1 raises the share to 34: both projects, the whole budget.
        let add1 = tally_with(
            &e,
            Rule::MesAdd1,
            &tie,
            Options {
                equalshares: true,
                ..Options::default()
            },
            false,
        );
        assert_eq!(add1.winner_ids(&e), ["p0", "p1"]);
        assert_eq!(add1.voter_budget, Some(q_int(34)));
    }

    /// Add1 that skips the shares a trace proves unchanged against Add1 with one plain rational
    /// MES run per unit, on random elections that need many units.
    #[test]
    fn add1_with_skips_equals_one_run_per_unit() {
        let mut next = numbers(0x9E37_79B9_7F4A_7C15);
        for case in 0..300 {
            let vote_type = [VoteType::Approval, VoteType::Cumulative, VoteType::Ordinal][case % 3];
            let m = 2 + next(7) as usize;
            let costs: Vec<u64> = (0..m).map(|_| 50 + next(60) * 25).collect();
            let ballots: Vec<Ballot> = (0..2 + next(12))
                .map(|v| {
                    let chosen: Vec<usize> = (0..m).filter(|_| next(2) == 0).collect();
                    let points = if vote_type == VoteType::Cumulative {
                        chosen.iter().map(|_| 1 + next(4) as i64).collect()
                    } else {
                        vec![]
                    };
                    Ballot {
                        voter_id: v.to_string(),
                        projects: chosen,
                        points,
                        fields: vec![],
                    }
                })
                .collect();
            let mut e = small(0, &costs, &[]);
            e.vote_type = vote_type;
            e.ballots = ballots;
            e.budget = q_int(costs.iter().sum::<u64>() * (1 + next(3)) / 4 + 1);
            let tie = TieBreak::default();
            let fast = tally(&e, Rule::MesAdd1, &tie);
            let profile = Profile::new(&e, vote_type.default_utility());
            let candidates: Vec<usize> = (0..m)
                .filter(|p| !profile.total_utility[*p].is_zero())
                .collect();
            let mut share = &e.budget / q_int(profile.voters.max(1));
            let run = |b: &Q| mes_run(&e, &profile, &tie, &candidates, &[], b, false).0;
            let mut winners = run(&share);
            loop {
                let cost = e.cost_of(&winners);
                if candidates
                    .iter()
                    .filter(|p| !winners.contains(p))
                    .all(|p| &cost + &e.projects[*p].cost > e.budget)
                {
                    break;
                }
                let next_share = &share + Q::one();
                let next = run(&next_share);
                if e.cost_of(&next) > e.budget {
                    break;
                }
                winners = next;
                share = next_share;
            }
            assert_eq!(fast.winners, winners, "case {case}");
            assert_eq!(fast.voter_budget, Some(share), "case {case}");
        }
    }

    #[test]
    fn phragmen_equals_a_plain_exact_phragmen() {
        let mut next = numbers(0x1234_5678_9ABC_DEF1);
        for _ in 0..1500 {
            // Few distinct costs and small electorates: exact ties in loads are common.
            let m = 2 + next(8) as usize;
            let costs: Vec<u64> = (0..m).map(|_| 10 * (1 + next(4))).collect();
            let ballots: Vec<Vec<usize>> = (0..1 + next(20))
                .map(|_| (0..m).filter(|_| next(3) == 0).collect())
                .collect();
            let refs: Vec<&[usize]> = ballots.iter().map(Vec::as_slice).collect();
            let mut e = small(0, &costs, &refs);
            e.budget = q_int(costs.iter().sum::<u64>() * (1 + next(3)) / 4 + next(15));
            let tie = TieBreak::default();
            let fast = tally(&e, Rule::Phragmen, &tie).winners;
            // Every voter's load as a rational, every round computed in full.
            let totals = Totals::new(&e, Utility::Cardinality);
            let mut load = vec![Q::zero(); ballots.len()];
            let mut remaining: Vec<usize> =
                (0..m).filter(|p| e.projects[*p].cost <= e.budget).collect();
            let mut spent = Q::zero();
            let mut plain = Vec::new();
            while !remaining.is_empty() {
                let new_load = |p: usize| -> Option<Q> {
                    let approvers: Vec<usize> = (0..ballots.len())
                        .filter(|v| ballots[*v].contains(&p))
                        .collect();
                    (!approvers.is_empty()).then(|| {
                        let sum = approvers.iter().fold(Q::zero(), |acc, v| acc + &load[*v]);
                        (sum + &e.projects[p].cost) / q_int(approvers.len() as u64)
                    })
                };
                // None (no approver) is the largest load.
                let key = |l: &Option<Q>| (l.is_none(), l.clone().unwrap_or_else(Q::zero));
                let best = remaining.iter().map(|p| key(&new_load(*p))).min();
                let mut tied: Vec<usize> = remaining
                    .iter()
                    .copied()
                    .filter(|p| Some(key(&new_load(*p))) == best)
                    .collect();
                if tied
                    .iter()
                    .any(|p| &spent + &e.projects[*p].cost > e.budget)
                {
                    break;
                }
                tied.sort_by(|a, b| tie.cmp(&e, &totals, *a, *b));
                let chosen = tied[0];
                if let Some(l) = new_load(chosen) {
                    for v in 0..ballots.len() {
                        if ballots[v].contains(&chosen) {
                            load[v] = l.clone();
                        }
                    }
                }
                spent += &e.projects[chosen].cost;
                plain.push(chosen);
                remaining.retain(|p| *p != chosen);
            }
            assert_eq!(
                fast, plain,
                "costs {costs:?} ballots {ballots:?} budget {}",
                e.budget
            );
        }
    }

    /// The fast MES (lazy wallets, integer accumulators) against the plain rational one, on many
    /// random elections and shares, including ties and voters who run out of money.
    #[test]
    fn fast_mes_equals_plain_mes() {
        let mut next = numbers(0x2545_F491_4F6C_DD1D);
        for case in 0..1500 {
            let vote_type = [VoteType::Approval, VoteType::Cumulative, VoteType::Ordinal][case % 3];
            let m = 2 + next(8) as usize;
            let projects: Vec<Project> = (0..m)
                .map(|i| Project {
                    id: i.to_string(),
                    cost: Q::new(
                        BigInt::from(1 + next(40) * 5),
                        BigInt::from(1 + next(2) * 9),
                    ),
                    fields: vec![],
                })
                .collect();
            let ballots: Vec<Ballot> = (0..1 + next(25))
                .map(|v| {
                    let chosen: Vec<usize> = (0..m).filter(|_| next(3) == 0).collect();
                    let points = if vote_type == VoteType::Cumulative {
                        chosen.iter().map(|_| 1 + next(4) as i64).collect()
                    } else {
                        vec![]
                    };
                    Ballot {
                        voter_id: v.to_string(),
                        projects: chosen,
                        points,
                        fields: vec![],
                    }
                })
                .collect();
            let e = Election {
                meta: vec![],
                vote_type,
                budget: q_int(10 + next(300)),
                projects,
                ballots,
                project_columns: vec![],
                vote_columns: vec![],
            };
            let profile = Profile::new(&e, vote_type.default_utility());
            let Some(setup) = crate::budgeting::mes::Setup::new(&e, &profile) else {
                continue;
            };
            let candidates: Vec<usize> = (0..m)
                .filter(|p| !profile.total_utility[*p].is_zero() && !e.projects[*p].cost.is_zero())
                .collect();
            for extra in [0u64, 1, 3, 17] {
                let share = &e.budget / q_int(profile.voters.max(1)) + q_int(extra);
                let tie = TieBreak::default();
                let fast = crate::budgeting::mes::run(
                    &e,
                    &profile,
                    &setup,
                    &tie,
                    &candidates,
                    &[],
                    &share,
                )
                .0;
                let plain = mes_run(&e, &profile, &tie, &candidates, &[], &share, false).0;
                assert_eq!(fast, plain, "case {case}, share +{extra}");
            }
        }
    }
}
