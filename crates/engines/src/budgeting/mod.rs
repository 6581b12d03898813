//! Participatory budgeting: elections in the pabulib format, ballots, outcome rules and their
//! explanations. Pure and exact: costs, budgets and payments are rationals. Exactness is the
//! contract, not the representation: floats decide only the comparisons they decide with room to
//! spare, sums are counted in integers over a common denominator wherever they fit, and ballots
//! are grouped once ([`rules::grouped`]) for the rules that need every voter.
//!
//! - [`pabulib`]: reader and writer of `.pb` files (Stolicki, Szufa, Talmon, *Pabulib: A
//!   Participatory Budgeting Library*, arXiv:2012.06539), reporting malformed input by line and
//!   field.
//! - [`ballot`]: ballot rules (approval with limits, choose-1, knapsack, cumulative, scoring,
//!   ordinal) and the check of a ballot against them, every problem with a stable code.
//! - [`rules`]: utilitarian greedy (with skipping, by total points, without skipping, with a
//!   threshold), the Method of Equal Shares (Peters & Skowron 2021) with the Add1 completion used in
//!   Wieliczka, Świecie and Assen and the utilitarian completion after it, and sequential Phragmén.
//!   Outcomes follow the reference implementation pabutools 1.2.3 with the tie-break order
//!   equalshares.net recommends: cost ascending, supporters descending, project id as a string.
//!   The greedy rules also run within budgets per category or district (`rules::SubBudgets`).
//!
//! Utilities ("satisfaction classes"): approval and choose-1 ballots give a project its cost when
//! approved (cost utilities, as equalshares.net and the cities use), cumulative and scoring ballots
//! give the points, ordinal ballots give Borda points (the last ranked project gets 0).

mod add1;
pub mod ballot;
pub mod mes;
pub mod pabulib;
pub mod rules;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

/// An exact rational number.
pub type Q = BigRational;

/// A whole number as a [`Q`].
pub fn q_int(n: i64) -> Q {
    Q::from_integer(BigInt::from(n))
}

/// The kind of ballot an election used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VoteType {
    Approval,
    Choose1,
    Cumulative,
    Scoring,
    Ordinal,
}

impl VoteType {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "approval" => Some(Self::Approval),
            "choose-1" => Some(Self::Choose1),
            "cumulative" => Some(Self::Cumulative),
            "scoring" => Some(Self::Scoring),
            "ordinal" => Some(Self::Ordinal),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Approval => "approval",
            Self::Choose1 => "choose-1",
            Self::Cumulative => "cumulative",
            Self::Scoring => "scoring",
            Self::Ordinal => "ordinal",
        }
    }

    /// Approval-like ballots: a set of projects.
    pub fn is_approval(self) -> bool {
        matches!(self, Self::Approval | Self::Choose1)
    }

    /// The utility the rules use for this kind of ballot unless told otherwise.
    pub fn default_utility(self) -> Utility {
        match self {
            Self::Approval | Self::Choose1 => Utility::Cost,
            Self::Cumulative | Self::Scoring => Utility::Points,
            Self::Ordinal => Utility::Borda,
        }
    }
}

/// How a ballot turns into a voter's utility for a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Utility {
    /// The project's cost when the voter approves it (cost utilities).
    Cost,
    /// One per approved project.
    Cardinality,
    /// The points the voter gave.
    Points,
    /// Points times cost: greedy by this utility is "most points first".
    PointsTimesCost,
    /// Borda points: `len − position − 1`, so the last ranked project gets 0.
    Borda,
}

/// A project of an election.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: String,
    pub cost: Q,
    /// Every column of the PROJECTS section, as read (including `project_id` and `cost`).
    pub fields: Vec<(String, String)>,
}

impl Project {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One voter's ballot: project indices (in ballot order) and, for cumulative and scoring
/// ballots, the points given to each.
#[derive(Debug, Clone, PartialEq)]
pub struct Ballot {
    pub voter_id: String,
    pub projects: Vec<usize>,
    pub points: Vec<i64>,
    /// Every column of the VOTES section, as read.
    pub fields: Vec<(String, String)>,
}

/// A whole election.
#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    /// META rows in file order.
    pub meta: Vec<(String, String)>,
    pub vote_type: VoteType,
    pub budget: Q,
    pub projects: Vec<Project>,
    pub ballots: Vec<Ballot>,
    pub project_columns: Vec<String>,
    pub vote_columns: Vec<String>,
}

impl Election {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    /// The index of the project with this id.
    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.projects.iter().position(|p| p.id == id)
    }

    /// Total cost of a set of projects.
    pub fn cost_of(&self, projects: &[usize]) -> Q {
        projects
            .iter()
            .fold(Q::zero(), |acc, p| acc + &self.projects[*p].cost)
    }
}

/// The costs of an election's projects and its budget over one common denominator, as integers
/// when they all fit (rules ask what is left after every project), else left to rationals.
pub(crate) struct Costs<'a> {
    e: &'a Election,
    /// Every cost and the budget times the common denominator (the third), when they fit.
    scaled: Option<(Vec<i128>, i128, BigInt)>,
}

impl<'a> Costs<'a> {
    pub(crate) fn new(e: &'a Election) -> Self {
        let scaled = || {
            let mut denom = e.budget.denom().clone();
            for p in &e.projects {
                if !p.cost.denom().is_one() {
                    denom = num_integer::Integer::lcm(&denom, p.cost.denom());
                }
            }
            // q × denom, an integer: denom is a multiple of q's denominator.
            let scale = |q: &Q| {
                let n = if q.denom().is_one() {
                    q.numer() * &denom
                } else {
                    q.numer() * (&denom / q.denom())
                };
                num_traits::ToPrimitive::to_i128(&n)
            };
            let costs: Vec<i128> = e
                .projects
                .iter()
                .map(|p| scale(&p.cost))
                .collect::<Option<_>>()?;
            let budget = scale(&e.budget)?;
            let total = costs.iter().try_fold(budget.checked_abs()?, |t, c| {
                t.checked_add(c.checked_abs()?)
            })?;
            (total < i128::MAX / 2).then_some((costs, budget, denom))
        };
        Self {
            e,
            scaled: scaled(),
        }
    }

    /// Nothing spent yet.
    pub(crate) fn spending(&self) -> Spending<'_> {
        Spending {
            costs: self,
            spent: 0,
            spent_exact: Q::zero(),
        }
    }

    /// `projects` spent.
    pub(crate) fn spending_on(&self, projects: &[usize]) -> Spending<'_> {
        let mut s = self.spending();
        for p in projects {
            s.add(*p);
        }
        s
    }

    /// With `winners` bought, does no project of `over` left out fit in what remains?
    pub(crate) fn exhausted_by(&self, winners: &[usize], over: &[usize]) -> bool {
        let spent = self.spending_on(winners);
        over.iter().all(|p| winners.contains(p) || !spent.fits(*p))
    }
}

/// What the projects chosen so far cost, against the budget (see [`Costs`]).
pub(crate) struct Spending<'a> {
    costs: &'a Costs<'a>,
    spent: i128,
    spent_exact: Q,
}

impl Spending<'_> {
    /// Does project `p` fit in what is left?
    pub(crate) fn fits(&self, p: usize) -> bool {
        let e = self.costs.e;
        match &self.costs.scaled {
            Some((costs, budget, _)) => self.spent + costs[p] <= *budget,
            None => &self.spent_exact + &e.projects[p].cost <= e.budget,
        }
    }

    /// Is more than the budget spent?
    pub(crate) fn over(&self) -> bool {
        match &self.costs.scaled {
            Some((_, budget, _)) => self.spent > *budget,
            None => self.spent_exact > self.costs.e.budget,
        }
    }

    pub(crate) fn add(&mut self, p: usize) {
        match &self.costs.scaled {
            Some((costs, _, _)) => self.spent += costs[p],
            None => self.spent_exact += &self.costs.e.projects[p].cost,
        }
    }

    /// What is spent, exactly.
    pub(crate) fn total(&self) -> Q {
        match &self.costs.scaled {
            Some((_, _, denom)) => Q::new(BigInt::from(self.spent), denom.clone()),
            None => self.spent_exact.clone(),
        }
    }
}

/// Keeps in `best` the least ρ seen and in `tied` the projects that have it, given project `p`
/// with `rho`.
pub(crate) fn least(best: &mut Option<Q>, tied: &mut Vec<usize>, rho: Q, p: usize) {
    match best {
        Some(b) if rho > *b => {}
        Some(b) if rho == *b => tied.push(p),
        _ => {
            *best = Some(rho);
            *tied = vec![p];
        }
    }
}

/// A rational as the nearest float; an integer (the common case: costs, points, counts) without
/// the division a fraction needs.
pub(crate) fn to_f64(q: &Q) -> f64 {
    use num_traits::ToPrimitive;
    if q.denom().is_one() {
        q.numer().to_f64()
    } else {
        q.to_f64()
    }
    .unwrap_or(f64::NAN)
}

/// What the greedy rules and every tie-break need of the ballots: per project, the sum of the
/// voters' utilities and the number of ballots listing it. Computed in integers (a utility is
/// one small number per ballot times a factor fixed by the project), one rational per project.
#[derive(Debug, Clone)]
pub struct Totals {
    /// Number of voters.
    pub voters: u64,
    /// For every project: Σ over voters of their utility.
    pub total_utility: Vec<Q>,
    /// For every project: how many ballots list it (the "supporters" of the tie-break order).
    pub support_count: Vec<u64>,
}

/// Identical ballots grouped, with each voter's utility for each project they support; derefs to
/// its [`Totals`].
#[derive(Debug, Clone)]
pub struct Profile {
    pub totals: Totals,
    pub groups: Vec<Group>,
    /// For every project: `(group, number)` of the groups that give it a positive utility,
    /// their utility being `number × unit` (see [`Profile::utility_of`]).
    pub supporters: Vec<Vec<(usize, i64)>>,
    /// For every project: the utility of number 1 (its cost for cost utilities, else 1).
    pub unit: Vec<Q>,
    /// Every group's projects one after the other (see [`Group::projects`]).
    pub members: Vec<usize>,
    /// The utilities the profile was built with.
    pub utility: Utility,
}

impl std::ops::Deref for Profile {
    type Target = Totals;

    fn deref(&self) -> &Totals {
        &self.totals
    }
}

/// The small number that fixes the utility of the project at `pos` on `ballot` (its points, its
/// Borda score, or 1), and whether the ballot supports it (for the tie-break count).
fn utility_number(ballot: &Ballot, pos: usize, utility: Utility) -> (i64, bool) {
    let points = ballot.points.get(pos).copied();
    let supports = points.is_none_or(|x| x > 0) || utility == Utility::Borda;
    let number = match utility {
        Utility::Cost | Utility::Cardinality => 1,
        Utility::Points | Utility::PointsTimesCost => points.unwrap_or(1),
        Utility::Borda => (ballot.projects.len() - pos - 1) as i64,
    };
    (number, supports)
}

/// Whether a voter whose number for a project is `number` gets a positive utility from it
/// (`costs` tells whether the project costs anything).
fn positive(utility: Utility, number: i64, costs: bool) -> bool {
    match utility {
        Utility::Cost => costs,
        Utility::Cardinality => true,
        Utility::Points | Utility::Borda => number > 0,
        Utility::PointsTimesCost => number > 0 && costs,
    }
}

/// For every project of `election`, whether it costs anything.
fn costing(election: &Election) -> Vec<bool> {
    election
        .projects
        .iter()
        .map(|p| p.cost > Q::zero())
        .collect()
}

/// The utility of number 1 for a project of `cost`: a voter's utility is their number times it.
fn unit_of(utility: Utility, cost: &Q) -> Q {
    match utility {
        Utility::Cost | Utility::PointsTimesCost => cost.clone(),
        Utility::Cardinality | Utility::Points | Utility::Borda => Q::one(),
    }
}

impl Totals {
    /// The totals of `election` under `utility`, without grouping the ballots.
    pub fn new(election: &Election, utility: Utility) -> Self {
        let m = election.projects.len();
        let mut sums = vec![0i128; m];
        let mut support_count = vec![0u64; m];
        let mut seen = vec![usize::MAX; m];
        let costs = costing(election);
        for (b, ballot) in election.ballots.iter().enumerate() {
            for (pos, &p) in ballot.projects.iter().enumerate() {
                if seen[p] == b {
                    continue;
                }
                seen[p] = b;
                let (number, supports) = utility_number(ballot, pos, utility);
                if supports {
                    support_count[p] += 1;
                }
                if positive(utility, number, costs[p]) {
                    sums[p] += i128::from(number);
                }
            }
        }
        let total_utility = sums
            .iter()
            .zip(&election.projects)
            .map(|(sum, project)| {
                let n = BigInt::from(*sum);
                match utility {
                    // Whole costs (the usual case) need no reduction.
                    Utility::Cost | Utility::PointsTimesCost if project.cost.is_integer() => {
                        Q::from_integer(n * project.cost.numer())
                    }
                    Utility::Cost | Utility::PointsTimesCost => Q::from_integer(n) * &project.cost,
                    Utility::Cardinality | Utility::Points | Utility::Borda => Q::from_integer(n),
                }
            })
            .collect();
        Self {
            voters: election.ballots.len() as u64,
            total_utility,
            support_count,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Group {
    pub weight: u64,
    /// Where the projects the group's voters give a positive utility are in
    /// [`Profile::members`] (their utilities are in [`Profile::supporters`]).
    pub projects: std::ops::Range<usize>,
}

/// A hasher for the small integers ballots are made of (project indices, points): a multiply
/// and a rotate per word, where the standard one runs SipHash. Not for keys an attacker chooses
/// to collide: here they come from one election file, hashed once.
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Slices of integers arrive here as their bytes: a word at a time.
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            self.write_u64(u64::from_le_bytes(w));
        }
        for b in words.remainder() {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn write_i64(&mut self, n: i64) {
        self.write_u64(n as u64);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

impl Profile {
    /// Builds the profile of `election` under `utility`.
    pub fn new(election: &Election, utility: Utility) -> Self {
        // A ballot's utilities are fixed by the projects and one small number each (1 for cost
        // and cardinality, the points, or the Borda score): ballots are grouped on those numbers,
        // each ballot's key built in one buffer, a group's own copy made once.
        let m = election.projects.len();
        let costs = costing(election);
        // Groups by the hash of their key, those with the same hash chained.
        let mut by_hash: FastMap<u64, usize> =
            FastMap::with_capacity_and_hasher(election.ballots.len(), Default::default());
        let mut same_hash: Vec<usize> = Vec::new();
        let mut groups: Vec<Group> = Vec::new();
        let mut members: Vec<usize> = Vec::new();
        // The groups' numbers, alongside `members`.
        let mut numbers: Vec<i64> = Vec::new();
        let mut supporters: Vec<Vec<(usize, i64)>> = vec![Vec::new(); m];
        let mut seen = vec![usize::MAX; m];
        let mut key: Vec<(usize, i64)> = Vec::new();
        for (b, ballot) in election.ballots.iter().enumerate() {
            key.clear();
            for (pos, &p) in ballot.projects.iter().enumerate() {
                if seen[p] == b {
                    continue;
                }
                seen[p] = b;
                let (number, _) = utility_number(ballot, pos, utility);
                if positive(utility, number, costs[p]) {
                    key.push((p, number));
                }
            }
            key.sort_unstable_by_key(|u| u.0);
            let mut hasher = FastHasher::default();
            for (p, number) in &key {
                hasher.write_usize(*p);
                hasher.write_i64(*number);
            }
            let hash = hasher.finish();
            let mut at = by_hash.get(&hash).copied().unwrap_or(usize::MAX);
            while at != usize::MAX {
                let r = groups[at].projects.clone();
                let same = r.len() == key.len()
                    && key
                        .iter()
                        .zip(&members[r.clone()])
                        .zip(&numbers[r])
                        .all(|(((p, n), q), k)| p == q && n == k);
                if same {
                    break;
                }
                at = same_hash[at];
            }
            if at != usize::MAX {
                groups[at].weight += 1;
                continue;
            }
            let g = groups.len();
            for (p, number) in &key {
                supporters[*p].push((g, *number));
            }
            let start = members.len();
            members.extend(key.iter().map(|(p, _)| *p));
            numbers.extend(key.iter().map(|(_, n)| *n));
            groups.push(Group {
                weight: 1,
                projects: start..members.len(),
            });
            same_hash.push(by_hash.insert(hash, g).unwrap_or(usize::MAX));
        }
        Self {
            totals: Totals::new(election, utility),
            groups,
            supporters,
            unit: election
                .projects
                .iter()
                .map(|p| unit_of(utility, &p.cost))
                .collect(),
            members,
            utility,
        }
    }

    /// The projects group `g`'s voters give a positive utility.
    pub fn projects_of(&self, g: usize) -> &[usize] {
        &self.members[self.groups[g].projects.clone()]
    }

    /// The utility of a voter whose number for project `p` is `number`.
    pub fn utility_of(&self, p: usize, number: i64) -> Q {
        &self.unit[p] * Q::from_integer(BigInt::from(number))
    }

    /// The weight of a group as a rational.
    pub fn weight(&self, g: usize) -> Q {
        Q::from_integer(BigInt::from(self.groups[g].weight))
    }
}

/// One key of a tie-break order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TieKey {
    /// Cheaper first.
    Cost,
    /// More supporters first.
    Votes,
    /// Project id as a string, ascending ("10" before "9").
    Id,
}

/// The order in which tied projects are taken: by default cost ascending, supporters descending,
/// id as a string — the order equalshares.net recommends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TieBreak(pub Vec<TieKey>);

impl Default for TieBreak {
    fn default() -> Self {
        Self(vec![TieKey::Cost, TieKey::Votes, TieKey::Id])
    }
}

impl TieBreak {
    /// Reads `cost,votes,id` (any order, each at most once).
    pub fn parse(raw: &str) -> Option<Self> {
        let mut keys = Vec::new();
        for part in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let k = match part {
                "cost" => TieKey::Cost,
                "votes" => TieKey::Votes,
                "id" => TieKey::Id,
                _ => return None,
            };
            if keys.contains(&k) {
                return None;
            }
            keys.push(k);
        }
        if !keys.contains(&TieKey::Id) {
            // The id makes the order total, so every tie has one answer.
            keys.push(TieKey::Id);
        }
        Some(Self(keys))
    }

    /// Compares two projects: `Less` means `a` is taken first.
    pub fn cmp(
        &self,
        election: &Election,
        totals: &Totals,
        a: usize,
        b: usize,
    ) -> std::cmp::Ordering {
        for k in &self.0 {
            let o = match k {
                TieKey::Cost => election.projects[a].cost.cmp(&election.projects[b].cost),
                TieKey::Votes => totals.support_count[b].cmp(&totals.support_count[a]),
                TieKey::Id => election.projects[a].id.cmp(&election.projects[b].id),
            };
            if o != std::cmp::Ordering::Equal {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    }
}

/// Writes a rational as an exact decimal when it has one (`1234.5`), else as a fraction (`10/3`).
pub fn format_q(q: &Q) -> String {
    let mut den = q.denom().clone();
    let (two, five) = (BigInt::from(2), BigInt::from(5));
    let mut digits = 0usize;
    let (mut twos, mut fives) = (0usize, 0usize);
    while (&den % &two).is_zero() {
        den /= &two;
        twos += 1;
    }
    while (&den % &five).is_zero() {
        den /= &five;
        fives += 1;
    }
    if !den.is_one() {
        return format!("{}/{}", q.numer(), q.denom());
    }
    digits += twos.max(fives);
    if digits == 0 {
        return q.numer().to_string();
    }
    let scaled = q * Q::from_integer(BigInt::from(10).pow(digits as u32));
    let n = scaled.to_integer();
    let neg = n < BigInt::zero();
    let s = if neg { (-n).to_string() } else { n.to_string() };
    let s = format!("{s:0>width$}", width = digits + 1);
    let (int, frac) = s.split_at(s.len() - digits);
    let frac = frac.trim_end_matches('0');
    let sign = if neg { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

impl fmt::Display for VoteType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Q {
        Q::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn rationals_print_as_exact_decimals_or_fractions() {
        assert_eq!(format_q(&q(102000, 1)), "102000");
        assert_eq!(format_q(&q(12345, 100)), "123.45");
        assert_eq!(format_q(&q(1, 8)), "0.125");
        assert_eq!(format_q(&q(10, 3)), "10/3");
        assert_eq!(format_q(&q(-5, 2)), "-2.5");
    }

    #[test]
    fn ballots_with_the_same_utilities_form_one_group() {
        let text = "META\nkey;value\nbudget;20\nvote_type;cumulative\nPROJECTS\nproject_id;cost\n\
                    a;4\nb;6,5\nc;10\nVOTES\nvoter_id;vote;points\n\
                    1;a,b;1,2\n2;b,a;2,1\n3;a,b;2,1\n4;a,b,c;1,2,0\n5;c;3\n6;;\n7;;\n";
        let e = pabulib::parse(text).expect("parse");
        let profile = Profile::new(&e, Utility::Points);
        let groups: Vec<(u64, Vec<usize>)> = (0..profile.groups.len())
            .map(|g| (profile.groups[g].weight, profile.projects_of(g).to_vec()))
            .collect();
        // Voters 1, 2 and 4 give a 1 and b 2 (c's 0 points is no utility); 3 gives the reverse;
        // 6 and 7 give nothing.
        assert_eq!(
            groups,
            vec![(3, vec![0, 1]), (1, vec![0, 1]), (1, vec![2]), (2, vec![])]
        );
        assert_eq!(profile.supporters[0], vec![(0, 1), (1, 2)]);
        assert_eq!(profile.supporters[1], vec![(0, 2), (1, 1)]);
        assert_eq!(profile.supporters[2], vec![(2, 3)]);
        assert_eq!(profile.utility_of(1, 2), q(2, 1));
        let by_cost = Profile::new(&e, Utility::Cost);
        assert_eq!(by_cost.utility_of(1, 1), q(13, 2));
        assert_eq!(profile.voters, 7);
        assert_eq!(profile.support_count, vec![4, 4, 1]);
    }

    #[test]
    fn tie_break_orders_parse() {
        assert_eq!(TieBreak::parse("cost,votes,id"), Some(TieBreak::default()));
        assert_eq!(
            TieBreak::parse("votes"),
            Some(TieBreak(vec![TieKey::Votes, TieKey::Id]))
        );
        assert_eq!(TieBreak::parse("cost,cost"), None);
        assert_eq!(TieBreak::parse("price"), None);
    }
}
