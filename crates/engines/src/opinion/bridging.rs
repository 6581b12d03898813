//! Bridging score per statement: the matrix factorisation of X/Twitter Community Notes
//! (Wojcik et al. 2022, "Birdwatch: crowd wisdom and bridging algorithms can inform understanding
//! and reduce the spread of misinformation"; the project's opinion-map spec §6) fitted on the
//! sparse participant × statement matrix.
//!
//! A vote is modelled as `r̂(u, n) = μ + i_u + i_n + f_u·f_n` with a one-dimensional factor. The
//! factor product explains the votes that follow a participant's side of the main divide; the
//! statement intercept `i_n` is the agreement that no side explains, the **bridging score**: a
//! statement agreed by every side scores high, one agreed by a single side (however large) scores
//! near the middle, whatever its number of agrees.
//!
//! Ratings: agree = 1, disagree = 0. A pass says nothing about the statement and is left out, as
//! are moderated-out statements (they get no score). The fit minimises
//! `Σ (r − r̂)² + λ_i (μ² + Σ i_u² + Σ i_n²) + λ_f (Σ f_u² + Σ f_n²)` with λ_i = 0.15 and
//! λ_f = 0.03 (intercepts regularised five times more than factors, as Community Notes does), by
//! alternating least squares: each participant's `(i_u, f_u)` and each statement's `(i_n, f_n)`
//! is a 2 × 2 ridge solve, and μ has a closed form. The statement factors start from pseudo-random
//! values of a seed; the result is deterministic (the same votes and seed give the same bits).

use super::map::seeded_unit;
use super::matrix::VoteMatrix;

/// Regularisation of the intercepts (μ, i_u, i_n).
pub const LAMBDA_INTERCEPT: f64 = 0.15;
/// Regularisation of the factors (f_u, f_n).
pub const LAMBDA_FACTOR: f64 = 0.03;
/// At most this many alternating sweeps.
pub const MAX_SWEEPS: usize = 500;
/// The line search's reach beyond a sweep: its bounds.
const MIN_REACH: f64 = 0.5;
const MAX_REACH: f64 = 16.0;
/// Stop when no parameter moves more than this in a sweep (the scores then sit within a few
/// millionths of the exact fit's; they are shown to three decimals).
pub const TOLERANCE: f64 = 1e-6;

/// One statement's fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatementFit {
    pub statement: i64,
    /// The bridging score.
    pub intercept: f64,
    /// Where the statement sits on the main divide (the sign is arbitrary).
    pub factor: f64,
    /// Agree and disagree votes it was fitted on.
    pub ratings: usize,
}

/// The whole fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Bridging {
    /// μ.
    pub mean: f64,
    /// Statements that are not moderated out, in column order.
    pub statements: Vec<StatementFit>,
    /// Sweeps done.
    pub sweeps: usize,
}

/// `(i, f)` minimising `Σ (y − i − f·x)² + λ_i i² + λ_f f²` given the sums over the ratings:
/// `n`, `Σx`, `Σx²`, `Σy`, `Σxy`.
fn ridge2(n: f64, sx: f64, sxx: f64, sy: f64, sxy: f64) -> (f64, f64) {
    let (a, b, d) = (n + LAMBDA_INTERCEPT, sx, sxx + LAMBDA_FACTOR);
    let det = a * d - b * b;
    ((d * sy - b * sxy) / det, (a * sxy - b * sy) / det)
}

fn rating(v: i8) -> Option<f64> {
    match v {
        1 => Some(1.0),
        -1 => Some(0.0),
        _ => None,
    }
}

/// The parameters of the model.
#[derive(Clone)]
struct Params {
    mu: f64,
    iu: Vec<f64>,
    fu: Vec<f64>,
    i_n: Vec<f64>,
    f_n: Vec<f64>,
}

impl Params {
    /// `out = self + reach·(self − from)`.
    fn extrapolate(&self, from: &Params, reach: f64, out: &mut Params) {
        let go = |a: &[f64], b: &[f64], o: &mut [f64]| {
            for ((o, x), y) in o.iter_mut().zip(a).zip(b) {
                *o = x + reach * (x - y);
            }
        };
        go(&self.iu, &from.iu, &mut out.iu);
        go(&self.fu, &from.fu, &mut out.fu);
        go(&self.i_n, &from.i_n, &mut out.i_n);
        go(&self.f_n, &from.f_n, &mut out.f_n);
        out.mu = self.mu + reach * (self.mu - from.mu);
    }

    fn largest_move(&self, before: &Params) -> f64 {
        let mv = |a: &[f64], b: &[f64]| {
            a.iter()
                .zip(b)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f64::max)
        };
        mv(&self.iu, &before.iu)
            .max(mv(&self.fu, &before.fu))
            .max(mv(&self.i_n, &before.i_n))
            .max(mv(&self.f_n, &before.f_n))
            .max((self.mu - before.mu).abs())
    }
}

/// The ratings of a sparse matrix, packed one `u32` each (`column << 1 | rating`), participants'
/// rows one after another; passes and moderated-out columns left out.
struct Ratings {
    row_end: Vec<usize>,
    codes: Vec<u32>,
    cols: usize,
    per_column: Vec<f64>,
    total: f64,
    count: f64,
    /// Participants and statements with at least one rating.
    rated_u: Vec<usize>,
    rated_n: Vec<usize>,
}

impl Ratings {
    fn new(m: &VoteMatrix) -> Self {
        let skip = m.zeroed_columns();
        let cols = m.statements.len();
        let mut per_column = vec![0.0; cols];
        let (mut total, mut count) = (0.0, 0.0);
        let mut codes = Vec::with_capacity(m.vote_count());
        let mut row_end = Vec::with_capacity(m.rows.len());
        let mut rated_u = Vec::new();
        for (u, row) in m.rows.iter().enumerate() {
            let before = codes.len();
            for (c, v) in row {
                if skip[*c as usize] {
                    continue;
                }
                if let Some(r) = rating(*v) {
                    codes.push(c << 1 | r as u32);
                    per_column[*c as usize] += 1.0;
                    total += r;
                    count += 1.0;
                }
            }
            if codes.len() > before {
                rated_u.push(u);
            }
            row_end.push(codes.len());
        }
        let rated_n = (0..cols).filter(|c| per_column[*c] > 0.0).collect();
        Self {
            row_end,
            codes,
            cols,
            per_column,
            total,
            count,
            rated_u,
            rated_n,
        }
    }

    fn rows(&self) -> impl Iterator<Item = &[u32]> {
        let mut start = 0;
        self.row_end.iter().map(move |end| {
            let row = &self.codes[start..*end];
            start = *end;
            row
        })
    }

    /// Moves the parameters along the directions that leave every prediction unchanged, to the
    /// point where the regularisation is least: the scale between the two factors
    /// (`f_u·a`, `f_n/a`), a shift of one side's factors absorbed by the other side's intercepts
    /// (`f_u + c`, `i_n − c·f_n`, and the mirror), and shifts between μ and the intercepts. Each
    /// has a closed form. Alternating sweeps move along these flat directions only slowly.
    fn rebalance(&self, p: &mut Params) {
        let (li, lf) = (LAMBDA_INTERCEPT, LAMBDA_FACTOR);
        let (rated_u, rated_n) = (&self.rated_u, &self.rated_n);
        let (nu, nn) = (rated_u.len() as f64, rated_n.len() as f64);
        if nu == 0.0 || nn == 0.0 {
            return;
        }
        // Scale.
        let su: f64 = rated_u.iter().map(|u| p.fu[*u] * p.fu[*u]).sum();
        let sn: f64 = rated_n.iter().map(|c| p.f_n[*c] * p.f_n[*c]).sum();
        if su > 0.0 && sn > 0.0 {
            let a = (sn / su).sqrt().sqrt();
            rated_u.iter().for_each(|u| p.fu[*u] *= a);
            rated_n.iter().for_each(|c| p.f_n[*c] /= a);
        }
        // f_u + c, i_n − c·f_n.
        let (sfu, sfn_in, sfn2): (f64, f64, f64) = (
            rated_u.iter().map(|u| p.fu[*u]).sum(),
            rated_n.iter().map(|c| p.f_n[*c] * p.i_n[*c]).sum(),
            rated_n.iter().map(|c| p.f_n[*c] * p.f_n[*c]).sum(),
        );
        let c = (li * sfn_in - lf * sfu) / (lf * nu + li * sfn2);
        rated_u.iter().for_each(|u| p.fu[*u] += c);
        rated_n.iter().for_each(|n| p.i_n[*n] -= c * p.f_n[*n]);
        // f_n + c, i_u − c·f_u.
        let (sfn, sfu_iu, sfu2): (f64, f64, f64) = (
            rated_n.iter().map(|c| p.f_n[*c]).sum(),
            rated_u.iter().map(|u| p.fu[*u] * p.iu[*u]).sum(),
            rated_u.iter().map(|u| p.fu[*u] * p.fu[*u]).sum(),
        );
        let c = (li * sfu_iu - lf * sfn) / (lf * nn + li * sfu2);
        rated_n.iter().for_each(|n| p.f_n[*n] += c);
        rated_u.iter().for_each(|u| p.iu[*u] -= c * p.fu[*u]);
        // μ + d1 + d2, i_u − d1, i_n − d2: [[1+U, 1], [1, 1+N]]·d = [Σi_u − μ, Σi_n − μ].
        let siu: f64 = rated_u.iter().map(|u| p.iu[*u]).sum();
        let sin: f64 = rated_n.iter().map(|c| p.i_n[*c]).sum();
        let (a, b, d) = (1.0 + nu, 1.0, 1.0 + nn);
        let (r1, r2) = (siu - p.mu, sin - p.mu);
        let det = a * d - b * b;
        let (d1, d2) = ((d * r1 - b * r2) / det, (a * r2 - b * r1) / det);
        p.mu += d1 + d2;
        rated_u.iter().for_each(|u| p.iu[*u] -= d1);
        rated_n.iter().for_each(|c| p.i_n[*c] -= d2);
    }

    /// The objective at `p`: squared errors plus the regularisation.
    fn loss(&self, p: &Params, table: &mut Vec<[f64; 4]>) -> f64 {
        // Per code (column, rating): the rating less the statement's intercept, and its factor.
        table.clear();
        for c in 0..self.cols {
            for r in [0.0, 1.0] {
                table.push([r - p.i_n[c], p.f_n[c], 0.0, 0.0]);
            }
        }
        let mut squared = 0.0;
        for (u, row) in self.rows().enumerate() {
            let (base, fu) = (p.mu + p.iu[u], p.fu[u]);
            for code in row {
                let [y, f, _, _] = table[*code as usize];
                let e = y - base - fu * f;
                squared += e * e;
            }
        }
        squared + Self::penalty(p)
    }

    /// One alternating sweep from `p` into `q`: every participant given the statements, every
    /// statement given the participants, then μ. `sums` and `table` are scratch space. Returns
    /// the squared error of `q` over the ratings, found from the statements' sums without
    /// another pass.
    ///
    /// Both halves add, per rating, a 4-vector that depends only on the rating and on one side's
    /// parameters: the participant half `(f_n, f_n², y, y·f_n)` with `y = r − μ − i_n`, looked up
    /// by the rating's code in a table of two rows per statement; the statement half
    /// `(f_u, f_u², y, y·f_u)` with `y = r − μ − i_u`, one of two rows per participant.
    fn sweep(
        &self,
        p: &Params,
        q: &mut Params,
        sums: &mut Vec<[f64; 4]>,
        table: &mut Vec<[f64; 4]>,
    ) -> f64 {
        q.mu = p.mu;
        table.clear();
        for c in 0..self.cols {
            let f = p.f_n[c];
            for r in [0.0, 1.0] {
                let y = r - p.mu - p.i_n[c];
                table.push([f, f * f, y, y * f]);
            }
        }
        let mut sum_iu_weighted = 0.0;
        for (u, row) in self.rows().enumerate() {
            let mut acc = [0.0; 4];
            for code in row {
                let t = &table[*code as usize];
                for k in 0..4 {
                    acc[k] += t[k];
                }
            }
            let n = row.len() as f64;
            let (i, f) = if n > 0.0 {
                ridge2(n, acc[0], acc[1], acc[2], acc[3])
            } else {
                (0.0, 0.0)
            };
            q.iu[u] = i;
            q.fu[u] = f;
            sum_iu_weighted += n * i;
        }
        sums.clear();
        sums.resize(self.cols, [0.0; 4]);
        let mut syy = 0.0;
        for (u, row) in self.rows().enumerate() {
            let fu = q.fu[u];
            let y0 = -p.mu - q.iu[u];
            let y1 = 1.0 + y0;
            let rows = [[fu, fu * fu, y0, y0 * fu], [fu, fu * fu, y1, y1 * fu]];
            let mut agrees = 0usize;
            for code in row {
                let r = (*code & 1) as usize;
                agrees += r;
                let (s, t) = (&mut sums[(*code >> 1) as usize], &rows[r]);
                for k in 0..4 {
                    s[k] += t[k];
                }
            }
            syy += agrees as f64 * y1 * y1 + (row.len() - agrees) as f64 * y0 * y0;
        }
        let (mut cross, mut sum_in_weighted) = (0.0, 0.0);
        // Σ e and Σ e² of the residuals e = y − i_n − f_n·f_u (μ still p's), column by column.
        let (mut se, mut see) = (0.0, syy);
        for (c, [sx, sxx, sy, sxy]) in sums.iter().copied().enumerate() {
            let n = self.per_column[c];
            let (i, f) = if n > 0.0 {
                ridge2(n, sx, sxx, sy, sxy)
            } else {
                (0.0, 0.0)
            };
            q.i_n[c] = i;
            q.f_n[c] = f;
            sum_in_weighted += n * i;
            // Σ over this statement's ratings of f_u·f_n.
            cross += f * sx;
            se += sy - n * i - f * sx;
            see += n * i * i + 2.0 * i * f * sx + f * f * sxx - 2.0 * (i * sy + f * sxy);
        }
        // μ in closed form: Σ (r − i_u − i_n − f_u·f_n) / (ratings + λ_i).
        q.mu = (self.total - sum_iu_weighted - sum_in_weighted - cross)
            / (self.count + LAMBDA_INTERCEPT);
        // Moving μ by δ moves every residual by −δ.
        let delta = q.mu - p.mu;
        see - 2.0 * delta * se + self.count * delta * delta
    }

    /// The regularisation term of the objective at `p`.
    fn penalty(p: &Params) -> f64 {
        let sq = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>();
        LAMBDA_INTERCEPT * (p.mu * p.mu + sq(&p.iu) + sq(&p.i_n))
            + LAMBDA_FACTOR * (sq(&p.fu) + sq(&p.f_n))
    }
}

/// Fits the model; `seed` gives the statement factors' start.
///
/// Plain alternating least squares crawls here (thousands of sweeps on a 100-participant
/// conversation): the intercepts and the factors can trade a shift or a scale for one another
/// without changing any prediction, and each sweep moves along those flat directions by a
/// little. After each sweep [`Ratings::rebalance`] jumps to the best point along them, which
/// brings convergence down to tens of sweeps.
pub fn bridging(m: &VoteMatrix, seed: u64) -> Bridging {
    let ratings = Ratings::new(m);
    let cols = m.statements.len();
    let mut p = Params {
        mu: ratings.total / (ratings.count + LAMBDA_INTERCEPT),
        iu: vec![0.0; m.rows.len()],
        fu: vec![0.0; m.rows.len()],
        i_n: vec![0.0; cols],
        f_n: (0..cols as u64)
            .map(|c| seeded_unit(seed, c) - 0.5)
            .collect(),
    };
    let mut next = p.clone();
    let mut ahead = p.clone();
    let (mut sums, mut table) = (Vec::new(), Vec::new());
    let mut sweeps = 0;
    let mut reach = 1.0;
    while sweeps < MAX_SWEEPS {
        sweeps += 1;
        // The rebalance leaves every prediction, hence the squared error, as it is.
        let squared = ratings.sweep(&p, &mut next, &mut sums, &mut table);
        ratings.rebalance(&mut next);
        let moved = next.largest_move(&p);
        if moved < TOLERANCE {
            std::mem::swap(&mut p, &mut next);
            break;
        }
        // Line search along the sweep's step (Bro 1998 for alternating least squares): go
        // `reach` times further when that lowers the objective, and grow the reach while it
        // does; else keep the plain sweep and shrink it.
        next.extrapolate(&p, reach, &mut ahead);
        if ratings.loss(&ahead, &mut table) < squared + Ratings::penalty(&next) {
            std::mem::swap(&mut p, &mut ahead);
            reach = (reach * 1.5).min(MAX_REACH);
        } else {
            std::mem::swap(&mut p, &mut next);
            reach = (reach / 2.0).max(MIN_REACH);
        }
    }
    let skip = m.zeroed_columns();
    Bridging {
        mean: p.mu,
        statements: (0..cols)
            .filter(|c| !skip[*c])
            .map(|c| StatementFit {
                statement: m.statements[c],
                intercept: p.i_n[c],
                factor: p.f_n[c],
                ratings: ratings.per_column[c] as usize,
            })
            .collect(),
        sweeps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Camp A (60 participants) and camp B (40) split on ten statements (0–9, half agreed by
    /// each camp). Statement 10 is A's: every A agrees, and the 6 B who see it disagree
    /// (60 agrees of 66). Statement 11 bridges: 30 A and 20 B see it and 80 % of each agree
    /// (40 agrees of 50). Statement 12 is B's alone.
    fn two_camps() -> VoteMatrix {
        let mut votes = Vec::new();
        for u in 0..100i64 {
            let in_a = u < 60;
            for s in 0..10i64 {
                let a_side = s < 5;
                votes.push((u, s, if in_a == a_side { 1 } else { -1 }));
            }
            if in_a || u < 66 {
                votes.push((u, 10, if in_a { 1 } else { -1 }));
            }
            if u % 2 == 0 {
                votes.push((u, 11, if (u / 2) % 5 == 0 { -1 } else { 1 }));
            }
            votes.push((u, 12, if in_a { -1 } else { 1 }));
            if u % 3 == 0 {
                votes.push((u, 13, 0));
            }
        }
        VoteMatrix::from_votes(&votes, BTreeSet::new())
    }

    fn score(b: &Bridging, s: i64) -> f64 {
        b.statements
            .iter()
            .find(|f| f.statement == s)
            .map(|f| f.intercept)
            .unwrap_or(f64::NAN)
    }

    #[test]
    fn a_statement_both_camps_agree_with_outranks_one_camps_statement() {
        let m = two_camps();
        let agrees = |s: i64| {
            let c = m.statements.iter().position(|x| *x == s).unwrap_or(0);
            (0..m.rows.len())
                .filter(|r| m.get(*r, c) == Some(1))
                .count()
        };
        assert_eq!((agrees(10), agrees(11)), (60, 40));
        let b = bridging(&m, 7);
        let (partisan, bridge, minority) = (score(&b, 10), score(&b, 11), score(&b, 12));
        println!(
            "μ {:.4} sweeps {} bridging: A's statement {partisan:.4}, both camps' {bridge:.4}, B's {minority:.4}",
            b.mean, b.sweeps
        );
        assert!(
            bridge > partisan + 0.1,
            "bridging {bridge} vs one camp's {partisan}"
        );
        assert!(partisan > minority);
        // Passes are not ratings: statement 13 (passes only) has none and stays at 0.
        assert_eq!(
            b.statements
                .iter()
                .find(|f| f.statement == 13)
                .map(|f| (f.ratings, f.intercept)),
            Some((0, 0.0))
        );
    }

    #[test]
    fn the_fit_is_deterministic_and_the_seed_only_moves_the_factor_sign() {
        let m = two_camps();
        let (a, b) = (bridging(&m, 7), bridging(&m, 7));
        assert_eq!(format!("{a:?}"), format!("{b:?}"));
        let c = bridging(&m, 8);
        for (x, y) in a.statements.iter().zip(&c.statements) {
            assert!((x.intercept - y.intercept).abs() < 1e-6);
            assert!((x.factor.abs() - y.factor.abs()).abs() < 1e-6);
        }
    }

    #[test]
    fn moderated_out_statements_get_no_score() {
        let mut m = two_camps();
        m.moderated_out.insert(11);
        let b = bridging(&m, 7);
        assert!(b.statements.iter().all(|f| f.statement != 11));
        assert_eq!(b.statements.len(), 13);
    }
}
