//! The opinion map: principal components of the vote matrix, the sparsity-aware projection of
//! every participant, base clusters and opinion groups (the Pol.is pipeline, see the project's
//! opinion-map spec §1.3–1.7). Deterministic: the power iteration starts from pseudo-random vectors
//! of a seed (or the previous update's components), k-means from the previous centres or the first
//! distinct points. Nothing here builds the dense participants × statements matrix: PCA works on
//! the votes with the centring done analytically. [`update`] carries a [`State`] from one update
//! to the next; [`analyze`] is a single update without history.

use super::matrix::VoteMatrix;
use super::state::{KSmoother, State};
use std::collections::{BTreeSet, HashMap};

/// Two principal components with their eigenvalues, and the column centre.
#[derive(Debug, Clone, PartialEq)]
pub struct Pca {
    pub center: Vec<f64>,
    pub components: [Vec<f64>; 2],
    pub eigenvalues: [f64; 2],
    /// Σ of the column variances of the centred matrix (for explained-variance ratios).
    pub total_variance: f64,
}

/// The centre of every column: the mean of its votes (a missing vote is imputed with this mean,
/// so the mean of the imputed column is the same); 0 for a moderated-out column, which Pol.is sets
/// to 0 for everyone, and for a column without votes.
fn column_means(m: &VoteMatrix) -> Vec<f64> {
    let zeroed = m.zeroed_columns();
    let cols = m.statements.len();
    let mut sum = vec![0.0; cols];
    let mut n = vec![0.0; cols];
    for row in &m.rows {
        for (c, v) in row {
            sum[*c as usize] += *v as f64;
            n[*c as usize] += 1.0;
        }
    }
    (0..cols)
        .map(|c| {
            if zeroed[c] || n[c] == 0.0 {
                0.0
            } else {
                sum[c] / n[c]
            }
        })
        .collect()
}

/// The centred, mean-imputed matrix without building it: a cell is `vote − mean` where there is
/// a vote and 0 elsewhere (an imputed cell equals its column's centre), and 0 in moderated-out
/// columns. Products with it cost one pass over the votes, never rows × columns. The votes are
/// packed one `u32` each, rows one after another (`column << 2 | vote + 1`; the moderated-out
/// columns, all zero, left out), and a cell's value is looked up by that code: one small array
/// read per vote, no branch.
struct Centred {
    row_end: Vec<usize>,
    codes: Vec<u32>,
    value: Vec<f64>,
    cols: usize,
}

impl Centred {
    fn new(m: &VoteMatrix, center: &[f64]) -> Self {
        let zeroed = m.zeroed_columns();
        let cols = m.statements.len();
        let mut value = vec![0.0; cols * 4];
        for c in 0..cols {
            for v in -1i8..=1 {
                value[c * 4 + (v + 1) as usize] = v as f64 - center[c];
            }
        }
        let mut codes = Vec::with_capacity(m.vote_count());
        let mut row_end = Vec::with_capacity(m.rows.len());
        for row in &m.rows {
            codes.extend(
                row.iter()
                    .filter(|(c, _)| !zeroed[*c as usize])
                    .map(|(c, v)| c << 2 | (*v + 1) as u32),
            );
            row_end.push(codes.len());
        }
        Self {
            row_end,
            codes,
            value,
            cols,
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

    /// `Xᵀ(X w)`.
    fn gram_times(&self, w: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for row in self.rows() {
            // Four running sums: one chain of additions would wait on each add's latency.
            let mut acc = [0.0f64; 4];
            let chunks = row.chunks_exact(4);
            let tail = chunks.remainder();
            for quad in chunks {
                for (a, code) in acc.iter_mut().zip(quad) {
                    *a += self.value[*code as usize] * w[(*code >> 2) as usize];
                }
            }
            for (a, code) in acc.iter_mut().zip(tail) {
                *a += self.value[*code as usize] * w[(*code >> 2) as usize];
            }
            let s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
            if s != 0.0 {
                for code in row {
                    out[(*code >> 2) as usize] += self.value[*code as usize] * s;
                }
            }
        }
    }

    fn sum_of_squares(&self) -> f64 {
        self.codes
            .iter()
            .map(|code| self.value[*code as usize].powi(2))
            .sum()
    }
}

/// Removes from `v` its parts along the (unit) vectors `basis`: the Gram–Schmidt deflation, applied
/// to the vector instead of to every row of the matrix (the same operator, and the matrix stays
/// sparse).
fn orthogonalise(v: &mut [f64], basis: &[Vec<f64>]) {
    for b in basis {
        let p = dot(v, b);
        for (x, y) in v.iter_mut().zip(b) {
            *x -= p * y;
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// A reproducible pseudo-random number in [0, 1) (SplitMix64): Pol.is starts the power iteration
/// from `rand()` per entry; we start from this sequence of the caller's seed.
pub(crate) fn seeded_unit(seed: u64, i: u64) -> f64 {
    let mut z = seed.wrapping_add(i.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// Two components, on the centred, mean-imputed matrix, from the pseudo-random start vectors
/// of seed 0 (see [`pca_from`]).
pub fn pca(m: &VoteMatrix) -> Pca {
    pca_from(m, &start_vectors(m.statements.len(), 0, None))
}

/// The start vectors of the power iteration: the previous components (by statement id, 1 for a
/// statement new since then, as Pol.is extends them) or, without them, pseudo-random from `seed`.
pub(crate) fn start_vectors(
    cols: usize,
    seed: u64,
    previous: Option<[Vec<f64>; 2]>,
) -> [Vec<f64>; 2] {
    previous.unwrap_or_else(|| {
        [0u64, 1].map(|k| {
            (0..cols as u64)
                .map(|c| seeded_unit(seed, k * cols as u64 + c))
                .collect()
        })
    })
}

/// [`pca`] from given start vectors (one per component, one entry per statement).
///
/// The top two eigenvectors of `XᵀX` by the Lanczos method with full reorthogonalisation (see
/// [`lanczos_top2`]), which needs a few tens of products with the matrix where the power
/// iteration of Pol.is needs one or two hundred; it stops when both Ritz pairs' residuals are
/// below 1e-8 of the largest eigenvalue, so the components agree with a dense eigensolver to
/// about 1e-8 (the conformance test asks for 1e-6). Each component's sign is the one the power iteration from the same start would
/// reach: positive along its start vector (the second start taken orthogonal to the first
/// component), so a warm start keeps the axes' orientation from one update to the next.
pub fn pca_from(m: &VoteMatrix, start: &[Vec<f64>; 2]) -> Pca {
    let cols = m.statements.len();
    let rows = m.rows.len().max(1) as f64;
    let center = column_means(m);
    let x = Centred::new(m, &center);
    let denom = (rows - 1.0).max(1.0);
    let total_variance = x.sum_of_squares() / denom;
    let starts = start.clone().map(|mut v| {
        v.resize(cols, 1.0);
        v
    });
    let (values, mut vectors) = lanczos_top2(&x, &starts);
    let mut eig = [0.0; 2];
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(2);
    for k in 0..2 {
        let mut v = std::mem::take(&mut vectors[k]);
        if values[k] <= 0.0 || v.is_empty() {
            v = vec![0.0; cols];
        } else {
            let mut reference = starts[k].clone();
            orthogonalise(&mut reference, &basis);
            let along = dot(&v, &reference);
            let flip = if along != 0.0 {
                along < 0.0
            } else {
                // No start direction to follow: the largest entry (the first of equals) positive.
                let big = v
                    .iter()
                    .fold(0.0f64, |b, x| if x.abs() > b.abs() { *x } else { b });
                big < 0.0
            };
            if flip {
                v.iter_mut().for_each(|x| *x = -*x);
            }
            eig[k] = values[k] / denom;
        }
        basis.push(v);
    }
    let pc2 = basis.pop().unwrap_or_default();
    let pc1 = basis.pop().unwrap_or_default();
    Pca {
        center,
        components: [pc1, pc2],
        eigenvalues: eig,
        total_variance,
    }
}

/// Relative residual at which a Ritz pair is taken as converged.
const LANCZOS_TOLERANCE: f64 = 1e-8;
/// At most this many Lanczos vectors before a restart from the current Ritz vectors.
const LANCZOS_BASIS: usize = 160;

/// The two largest eigenvalues of `XᵀX` and their unit eigenvectors (empty when the matrix has
/// fewer than two non-zero eigenvalues). Lanczos (Golub & Van Loan, *Matrix Computations*, §10.1)
/// from the sum of the two start vectors, every new vector orthogonalised against all earlier
/// ones twice (so no spurious copies of converged eigenvalues), the tridiagonal matrix solved by
/// implicit QL. When the Krylov space is exhausted before two pairs converge, it goes on from
/// the start vectors' part outside it; after [`LANCZOS_BASIS`] vectors it restarts from the
/// current Ritz vectors. Deterministic: a fixed order of floating-point operations.
fn lanczos_top2(x: &Centred, starts: &[Vec<f64>; 2]) -> ([f64; 2], [Vec<f64>; 2]) {
    let n = x.cols;
    let mut found: ([f64; 2], [Vec<f64>; 2]) = ([0.0; 2], [Vec::new(), Vec::new()]);
    if n == 0 {
        return found;
    }
    let mut first = starts[0].clone();
    normalise(&mut first);
    let mut second = starts[1].clone();
    orthogonalise(&mut second, std::slice::from_ref(&first));
    normalise(&mut second);
    let mut seed: Vec<f64> = first.iter().zip(&second).map(|(a, b)| a + b).collect();
    let mut w = vec![0.0; n];
    for _restart in 0..50 {
        let limit = LANCZOS_BASIS.min(n);
        let mut q: Vec<Vec<f64>> = Vec::with_capacity(limit);
        let (mut alpha, mut beta): (Vec<f64>, Vec<f64>) = (Vec::new(), Vec::new());
        // Vectors to continue from when the Krylov space closes.
        let mut fresh = vec![first.clone(), second.clone(), vec![1.0; n]].into_iter();
        let mut next = seed.clone();
        let mut converged = false;
        while q.len() < limit {
            orthogonalise_twice(&mut next, &q);
            let norm = normalise(&mut next);
            let scale = alpha.iter().fold(0.0f64, |s, a| s.max(a.abs()));
            let tiny = if q.is_empty() { 1e-10 } else { 1e-12 * scale };
            if norm <= tiny {
                // The Krylov space is invariant: carry on from a start vector's part outside it
                // (the tridiagonal matrix splits there, β = 0).
                match fresh.next() {
                    Some(v) => {
                        next = v;
                        if let Some(b) = beta.last_mut() {
                            *b = 0.0;
                        }
                        continue;
                    }
                    None => break,
                }
            }
            q.push(std::mem::take(&mut next));
            let j = q.len() - 1;
            x.gram_times(&q[j], &mut w);
            let a = dot(&w, &q[j]);
            alpha.push(a);
            next = w.clone();
            orthogonalise_twice(&mut next, &q);
            let b = dot(&next, &next).sqrt();
            beta.push(b);
            let size = q.len();
            if size >= 2 && (size <= 12 || size.is_multiple_of(4) || size == limit) {
                let (values, last_row) = tridiagonal_eigen(&alpha, &beta, None);
                let (top, second_top) = top_two(&values);
                let scale = values[top].abs().max(f64::MIN_POSITIVE);
                let residual = |i: usize| (b * last_row[i]).abs();
                if residual(top) <= LANCZOS_TOLERANCE * scale
                    && residual(second_top) <= LANCZOS_TOLERANCE * scale
                {
                    converged = true;
                    break;
                }
            }
        }
        if q.is_empty() {
            return found;
        }
        if q.len() == 1 {
            let mut v = q[0].clone();
            x.gram_times(&v, &mut w);
            let value = dot(&w, &v);
            normalise(&mut v);
            found = ([value, 0.0], [v, Vec::new()]);
            return found;
        }
        let (values, vectors) = tridiagonal_eigen_vectors(&alpha, &beta);
        let (top, second_top) = top_two(&values);
        let ritz = |i: usize| -> Vec<f64> {
            let mut y = vec![0.0; n];
            for (qk, zk) in q.iter().zip(&vectors) {
                let c = zk[i];
                y.iter_mut().zip(qk).for_each(|(y, q)| *y += c * q);
            }
            normalise(&mut y);
            y
        };
        let (y1, y2) = (ritz(top), ritz(second_top));
        let keep = |v: f64, y: Vec<f64>| {
            if v > 1e-12 * values[top].abs() {
                y
            } else {
                Vec::new()
            }
        };
        found = (
            [values[top].max(0.0), values[second_top].max(0.0)],
            [
                keep(values[top], y1.clone()),
                keep(values[second_top], y2.clone()),
            ],
        );
        if converged || q.len() == n || q.len() < limit {
            return found;
        }
        seed = y1.iter().zip(&y2).map(|(a, b)| a + b).collect();
        first = y1;
        second = y2;
    }
    found
}

/// The indices of the largest and the second largest value (the first of equals first).
fn top_two(values: &[f64]) -> (usize, usize) {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*b].total_cmp(&values[*a]).then(a.cmp(b)));
    (order[0], order.get(1).copied().unwrap_or(order[0]))
}

fn normalise(v: &mut [f64]) -> f64 {
    let norm = dot(v, v).sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
    norm
}

fn orthogonalise_twice(v: &mut [f64], basis: &[Vec<f64>]) {
    for _ in 0..2 {
        for b in basis {
            let p = dot(v, b);
            v.iter_mut().zip(b).for_each(|(x, y)| *x -= p * y);
        }
    }
}

/// Eigenvalues of the symmetric tridiagonal matrix with diagonal `alpha` and off-diagonal
/// `beta[i]` between `i` and `i + 1` (the last entry of `beta` unused), and the last row of the
/// eigenvector matrix (what the Lanczos residuals need) — or, with `rows`, the whole matrix.
fn tridiagonal_eigen(
    alpha: &[f64],
    beta: &[f64],
    rows: Option<&mut Vec<Vec<f64>>>,
) -> (Vec<f64>, Vec<f64>) {
    let n = alpha.len();
    let mut d = alpha.to_vec();
    let mut e: Vec<f64> = (0..n)
        .map(|i| if i + 1 < n { beta[i] } else { 0.0 })
        .collect();
    // Rotations act on columns: each row of the eigenvector matrix is updated on its own, so
    // the residual check tracks only the last row.
    let mut last: Vec<f64> = (0..n).map(|i| if i + 1 == n { 1.0 } else { 0.0 }).collect();
    let mut all = rows;
    for l in 0..n {
        for _iteration in 0..60 {
            let mut m = l;
            while m + 1 < n {
                let dd = d[m].abs() + d[m + 1].abs();
                if e[m].abs() <= f64::EPSILON * dd {
                    break;
                }
                m += 1;
            }
            if m == l {
                break;
            }
            let mut g = (d[l + 1] - d[l]) / (2.0 * e[l]);
            let mut r = g.hypot(1.0);
            g = d[m] - d[l] + e[l] / (g + r.copysign(g));
            let (mut s, mut c, mut p) = (1.0, 1.0, 0.0);
            let mut underflow = false;
            for i in (l..m).rev() {
                let f = s * e[i];
                let b = c * e[i];
                r = f.hypot(g);
                e[i + 1] = r;
                if r == 0.0 {
                    d[i + 1] -= p;
                    e[m] = 0.0;
                    underflow = true;
                    break;
                }
                s = f / r;
                c = g / r;
                g = d[i + 1] - p;
                r = (d[i] - g) * s + 2.0 * c * b;
                p = s * r;
                d[i + 1] = g + p;
                g = c * r - b;
                let rotate = |row: &mut [f64]| {
                    let f = row[i + 1];
                    row[i + 1] = s * row[i] + c * f;
                    row[i] = c * row[i] - s * f;
                };
                rotate(&mut last);
                if let Some(rows) = all.as_deref_mut() {
                    rows.iter_mut().for_each(|row| rotate(row));
                }
            }
            if underflow {
                continue;
            }
            d[l] -= p;
            e[l] = g;
            e[m] = 0.0;
        }
    }
    (d, last)
}

/// [`tridiagonal_eigen`] with every eigenvector: `(values, rows)`, `rows[k][i]` the k-th entry
/// of the i-th eigenvector.
fn tridiagonal_eigen_vectors(alpha: &[f64], beta: &[f64]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = alpha.len();
    let mut rows: Vec<Vec<f64>> = (0..n)
        .map(|k| (0..n).map(|i| if i == k { 1.0 } else { 0.0 }).collect())
        .collect();
    let (values, _) = tridiagonal_eigen(alpha, beta, Some(&mut rows));
    (values, rows)
}

/// Every participant's position: Σ over the statements they voted on of (vote − centre) × pc,
/// scaled by √(statements / statements voted) so that few votes do not pull them to the centre.
/// A moderated-out column is 0 for everyone, and counts as a vote.
pub fn project(m: &VoteMatrix, pca: &Pca) -> Vec<[f64; 2]> {
    let cols = m.statements.len() as f64;
    let zeroed = m.zeroed_columns();
    let n_zeroed = zeroed.iter().filter(|z| **z).count();
    m.rows
        .iter()
        .map(|row| {
            let mut p = [0.0, 0.0];
            let mut voted = n_zeroed as f64;
            for (c, v) in row {
                let c = *c as usize;
                if zeroed[c] {
                    continue;
                }
                let x = *v as f64 - pca.center[c];
                p[0] += x * pca.components[0][c];
                p[1] += x * pca.components[1][c];
                voted += 1.0;
            }
            let s = (cols / voted.max(1.0)).sqrt();
            [p[0] * s, p[1] * s]
        })
        .collect()
}

/// Participants that count for clustering: at least min(7, statements) votes, topped up to 15 by
/// the most active.
pub fn in_conversation(m: &VoteMatrix) -> Vec<usize> {
    in_conversation_with(m, &BTreeSet::new())
}

/// [`in_conversation`] where the participants `already_in` stay in (Pol.is keeps the set between
/// updates).
pub fn in_conversation_with(m: &VoteMatrix, already_in: &BTreeSet<i64>) -> Vec<usize> {
    let need = 7.min(m.statements.len());
    let counts: Vec<usize> = m.rows.iter().map(Vec::len).collect();
    let is_in = |r: usize| counts[r] >= need || already_in.contains(&m.participants[r]);
    let mut chosen: Vec<usize> = (0..m.rows.len()).filter(|r| is_in(*r)).collect();
    if chosen.len() < 15 {
        let mut rest: Vec<usize> = (0..m.rows.len()).filter(|r| !is_in(*r)).collect();
        rest.sort_by(|a, b| counts[*b].cmp(&counts[*a]).then(a.cmp(b)));
        chosen.extend(rest.into_iter().take(15 - chosen.len()));
        chosen.sort();
    }
    chosen
}

fn dist2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// The nearest of some centres to a point (the first of equally near ones), looked up from the
/// centres sorted by x, walking outwards from the point's x and stopping when the x distance
/// alone exceeds the best distance so far: the same answer as trying every centre, in a few
/// tries each for 100 base clusters.
struct Nearest<'a> {
    centers: &'a [[f64; 2]],
    /// Centre indices by x.
    order: Vec<usize>,
    xs: Vec<f64>,
}

impl<'a> Nearest<'a> {
    fn new(centers: &'a [[f64; 2]]) -> Self {
        let mut order: Vec<usize> = (0..centers.len()).collect();
        order.sort_by(|a, b| centers[*a][0].total_cmp(&centers[*b][0]).then(a.cmp(b)));
        let xs = order.iter().map(|j| centers[*j][0]).collect();
        Self { centers, order, xs }
    }

    /// The nearest centre to `p` (the lowest index of equals). With a `hint` (the previous
    /// round's centre, most often still the nearest) the sweep starts from the distance to it,
    /// which prunes it from the start; the answer is the same.
    fn of_near(&self, p: [f64; 2], hint: Option<usize>) -> usize {
        let n = self.xs.len();
        let (mut best, mut best_d) = match hint {
            Some(j) if j < self.centers.len() => (j, dist2(p, self.centers[j])),
            _ => (0, f64::INFINITY),
        };
        let mut bound = best_d;
        let mut visit = |k: usize| {
            let j = self.order[k];
            let d = dist2(p, self.centers[j]);
            if d < best_d || (d == best_d && j < best) {
                best = j;
                best_d = d;
            }
            best_d
        };
        let mut right = self.xs.partition_point(|x| *x < p[0]);
        let mut left = right;
        // dist2 ≥ its x part exactly (adding a square never rounds below it): a centre whose x
        // part alone is larger than the best distance cannot win, nor tie.
        loop {
            let dr = if right < n {
                (p[0] - self.xs[right]).powi(2)
            } else {
                f64::INFINITY
            };
            let dl = if left > 0 {
                (p[0] - self.xs[left - 1]).powi(2)
            } else {
                f64::INFINITY
            };
            if (dr.is_infinite() && dl.is_infinite()) || dr.min(dl) > bound {
                break;
            }
            if dr <= dl {
                bound = visit(right);
                right += 1;
            } else {
                bound = visit(left - 1);
                left -= 1;
            }
        }
        best
    }
}

/// Weighted k-means from the first `k` distinct points; empty clusters are dropped. Returns
/// each point's cluster and the centres.
pub fn kmeans(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    iters: usize,
) -> (Vec<usize>, Vec<[f64; 2]>) {
    kmeans_from(points, weights, k, iters, &[])
}

/// [`kmeans`] warm-started: the centres `init` (a previous update's) come first, and the first
/// distinct points fill up to `k`.
pub fn kmeans_from(
    points: &[[f64; 2]],
    weights: &[f64],
    k: usize,
    iters: usize,
    init: &[[f64; 2]],
) -> (Vec<usize>, Vec<[f64; 2]>) {
    let mut centers: Vec<[f64; 2]> = Vec::new();
    for p in init.iter().chain(points) {
        if centers.len() == k {
            break;
        }
        if !centers.iter().any(|c| c == p) {
            centers.push(*p);
        }
    }
    let mut assign = vec![0usize; points.len()];
    for round in 0..iters {
        let nearest = Nearest::new(&centers);
        for (i, p) in points.iter().enumerate() {
            assign[i] = nearest.of_near(*p, (round > 0).then_some(assign[i]));
        }
        let mut sum = vec![[0.0, 0.0]; centers.len()];
        let mut w = vec![0.0; centers.len()];
        for (i, p) in points.iter().enumerate() {
            sum[assign[i]][0] += p[0] * weights[i];
            sum[assign[i]][1] += p[1] * weights[i];
            w[assign[i]] += weights[i];
        }
        let mut remap = vec![usize::MAX; centers.len()];
        let mut next = Vec::new();
        for j in 0..centers.len() {
            if w[j] > 0.0 {
                remap[j] = next.len();
                next.push([sum[j][0] / w[j], sum[j][1] / w[j]]);
            }
        }
        for a in assign.iter_mut() {
            *a = remap[*a];
        }
        let mut old = centers.clone();
        let mut new = next.clone();
        old.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
        new.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
        let converged = old.len() == new.len()
            && old
                .iter()
                .zip(&new)
                .all(|(a, b)| dist2(*a, *b).sqrt() < 0.01);
        centers = next;
        if converged {
            break;
        }
    }
    (assign, centers)
}
/// Mean silhouette (unweighted) of a clustering of `points`; a point alone in its cluster scores 0.
pub fn silhouette(points: &[[f64; 2]], assign: &[usize], k: usize) -> f64 {
    let n = points.len();
    if n == 0 || k < 2 {
        return 0.0;
    }
    let mut total = 0.0;
    for i in 0..n {
        let mut sum = vec![0.0; k];
        let mut cnt = vec![0usize; k];
        for j in 0..n {
            if i != j {
                sum[assign[j]] += dist2(points[i], points[j]).sqrt();
                cnt[assign[j]] += 1;
            }
        }
        let own = assign[i];
        if cnt[own] == 0 {
            continue;
        }
        let a = sum[own] / cnt[own] as f64;
        let b = (0..k)
            .filter(|c| *c != own && cnt[*c] > 0)
            .map(|c| sum[c] / cnt[c] as f64)
            .fold(f64::INFINITY, f64::min);
        if b.is_finite() {
            total += (b - a) / a.max(b);
        }
    }
    total / n as f64
}

/// The whole map.
#[derive(Debug, Clone, PartialEq)]
pub struct OpinionMap {
    pub pca: Pca,
    pub positions: Vec<[f64; 2]>,
    /// Participant id → opinion group (only participants in the conversation).
    pub groups: HashMap<i64, usize>,
    /// The number of groups shown (after the k smoother, see [`State`]).
    pub k: usize,
    pub silhouette: f64,
}

/// A group clustering tried: k, silhouette, each base cluster's group, the group centres.
type Tried = (usize, f64, Vec<usize>, Vec<[f64; 2]>);

/// Runs the pipeline once, without history: [`update`] with seed 0 and no previous state.
pub fn analyze(m: &VoteMatrix) -> OpinionMap {
    update(m, 0, None).0
}

/// One update of the map (spec §1.14): PCA warm-started from the previous components, the
/// projection, 100 base clusters warm-started from the previous centres, then opinion groups for
/// k = 2…min(5, 2 + bases/12) by weighted k-means on the base centres (each k warm-started from
/// its previous clustering), the k of the best silhouette (a tie goes to the larger k), shown
/// once it has won 4 updates in a row. Without `previous` the start vectors come from `seed` and
/// the k shown is the best one. Returns the map and the state for the next update.
pub fn update(m: &VoteMatrix, seed: u64, previous: Option<&State>) -> (OpinionMap, State) {
    update_timed(m, seed, previous, &mut Stages::default())
}

/// Wall time of each stage of a run, in the order run (for `--timings` and the benchmark).
#[derive(Debug, Clone, Default)]
pub struct Stages {
    pub times: Vec<(&'static str, std::time::Duration)>,
    last: Option<std::time::Instant>,
}

impl Stages {
    /// Starts (or restarts) the clock.
    pub fn start(&mut self) {
        self.last = Some(std::time::Instant::now());
    }

    /// Records the time since the last mark under `name`.
    pub fn mark(&mut self, name: &'static str) {
        let now = std::time::Instant::now();
        if let Some(last) = self.last {
            self.times.push((name, now - last));
        }
        self.last = Some(now);
    }
}

/// [`update`], recording the wall time of each stage in `stages`.
pub fn update_timed(
    m: &VoteMatrix,
    seed: u64,
    previous: Option<&State>,
    stages: &mut Stages,
) -> (OpinionMap, State) {
    stages.start();
    let seed = previous.map(|p| p.seed).unwrap_or(seed);
    let start = start_vectors(
        m.statements.len(),
        seed,
        previous.map(|p| p.start_vectors(&m.statements)),
    );
    let pca = pca_from(m, &start);
    stages.mark("pca");
    let positions = project(m, &pca);
    stages.mark("projection");
    let already_in = previous
        .map(|p| p.in_conversation.clone())
        .unwrap_or_default();
    let members = in_conversation_with(m, &already_in);
    let pts: Vec<[f64; 2]> = members.iter().map(|r| positions[*r]).collect();
    let no_centres: &[[f64; 2]] = &[];
    let (base_of, base_centers) = kmeans_from(
        &pts,
        &vec![1.0; pts.len()],
        100,
        100,
        previous
            .map(|p| p.base_centers.as_slice())
            .unwrap_or(no_centres),
    );
    stages.mark("base clusters");
    let mut base_weight = vec![0.0; base_centers.len()];
    for b in &base_of {
        base_weight[*b] += 1.0;
    }
    let max_k = 5.min(2 + base_centers.len() / 12);
    let mut tried: Vec<Tried> = Vec::new();
    for k in 2..=max_k {
        if base_centers.len() < k {
            break;
        }
        let init = previous
            .and_then(|p| p.group_centers.iter().find(|(pk, _)| *pk == k))
            .map(|(_, c)| c.as_slice())
            .unwrap_or(no_centres);
        let (assign, centers) = kmeans_from(&base_centers, &base_weight, k, 20, init);
        let s = silhouette(&base_centers, &assign, centers.len());
        tried.push((k, s, assign, centers));
    }
    let best = tried.iter().fold(None::<&Tried>, |b, t| {
        if b.is_none_or(|b| t.1 >= b.1) {
            Some(t)
        } else {
            b
        }
    });
    let this_k = best.map(|b| b.0).unwrap_or(0);
    let smoother = KSmoother::next(previous.map(|p| p.k_smoother), this_k);
    let shown = tried.iter().find(|t| t.0 == smoother.smoothed_k).or(best);
    let (sil, k, group_of_base) = match shown {
        Some((_, s, assign, centers)) => (*s, centers.len(), assign.clone()),
        None => (0.0, 1, vec![0; base_centers.len()]),
    };
    let groups = members
        .iter()
        .enumerate()
        .map(|(i, r)| (m.participants[*r], group_of_base[base_of[i]]))
        .collect();
    stages.mark("groups");
    let state = State {
        seed,
        statements: m.statements.clone(),
        components: pca.components.clone(),
        in_conversation: members.iter().map(|r| m.participants[*r]).collect(),
        base_centers,
        group_centers: tried.into_iter().map(|(k, _, _, c)| (k, c)).collect(),
        k_smoother: smoother,
    };
    (
        OpinionMap {
            pca,
            positions,
            groups,
            k,
            silhouette: sil,
        },
        state,
    )
}

/// Adjusted Rand index between two labellings of the same items.
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    let n = a.len() as f64;
    let mut table: HashMap<(usize, usize), f64> = HashMap::new();
    let mut ra: HashMap<usize, f64> = HashMap::new();
    let mut rb: HashMap<usize, f64> = HashMap::new();
    for (x, y) in a.iter().zip(b) {
        *table.entry((*x, *y)).or_default() += 1.0;
        *ra.entry(*x).or_default() += 1.0;
        *rb.entry(*y).or_default() += 1.0;
    }
    let c2 = |x: f64| x * (x - 1.0) / 2.0;
    let index: f64 = table.values().map(|v| c2(*v)).sum();
    let sa: f64 = ra.values().map(|v| c2(*v)).sum();
    let sb: f64 = rb.values().map(|v| c2(*v)).sum();
    let expected = sa * sb / c2(n);
    let max = (sa + sb) / 2.0;
    if max == expected {
        1.0
    } else {
        (index - expected) / (max - expected)
    }
}

/// The covariance matrix of the centred, mean-imputed votes (statements × statements), for an
/// independent check of [`pca`].
pub fn covariance(m: &VoteMatrix) -> Vec<Vec<f64>> {
    let center = column_means(m);
    let zeroed = m.zeroed_columns();
    let cols = m.statements.len();
    let rows = m.rows.len().max(1) as f64;
    let x: Vec<Vec<f64>> = (0..m.rows.len())
        .map(|r| {
            (0..cols)
                .map(|c| match m.get(r, c) {
                    Some(v) if !zeroed[c] => v as f64,
                    _ => center[c],
                })
                .collect()
        })
        .collect();
    let mut cov = vec![vec![0.0; cols]; cols];
    for r in &x {
        let d: Vec<f64> = r.iter().zip(&center).map(|(v, c)| v - c).collect();
        for i in 0..cols {
            if d[i] == 0.0 {
                continue;
            }
            for j in i..cols {
                cov[i][j] += d[i] * d[j];
            }
        }
    }
    let denom = (rows - 1.0).max(1.0);
    for row in cov.iter_mut() {
        for x in row.iter_mut() {
            *x /= denom;
        }
    }
    // Only the upper triangle was summed: mirror it.
    let upper = cov.clone();
    for (i, row) in cov.iter_mut().enumerate() {
        for (j, x) in row.iter_mut().enumerate().take(i) {
            *x = upper[j][i];
        }
    }
    cov
}

/// All eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations,
/// largest eigenvalue first. O(n³) per sweep: for checking, not for production.
pub fn jacobi_eigen(a: &[Vec<f64>]) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut a: Vec<Vec<f64>> = a.to_vec();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |j| *j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        if off < 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q].abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for row in a.iter_mut() {
                    let (akp, akq) = (row[p], row[q]);
                    row[p] = c * akp - s * akq;
                    row[q] = s * akp + c * akq;
                }
                let (row_p, row_q) = (a[p].clone(), a[q].clone());
                for (k, (apk, aqk)) in row_p.iter().zip(&row_q).enumerate() {
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for row in v.iter_mut() {
                    let (vkp, vkq) = (row[p], row[q]);
                    row[p] = c * vkp - s * vkq;
                    row[q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|x, y| a[*y][*y].total_cmp(&a[*x][*x]));
    let values = order.iter().map(|i| a[*i][*i]).collect();
    let vectors = order
        .iter()
        .map(|i| (0..n).map(|k| v[k][*i]).collect())
        .collect();
    (values, vectors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ari_of_identical_and_relabelled_partitions_is_one() {
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[1, 1, 0, 0]), 1.0);
        assert!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]) < 0.0);
    }

    #[test]
    fn kmeans_separates_two_clouds() {
        let pts = [[0.0, 0.0], [0.1, 0.0], [5.0, 5.0], [5.1, 5.0]];
        let (a, c) = kmeans(&pts, &[1.0; 4], 2, 20);
        assert_eq!(c.len(), 2);
        assert_eq!(
            (a[0] == a[1], a[2] == a[3], a[0] != a[2]),
            (true, true, true)
        );
        assert!(silhouette(&pts, &a, 2) > 0.9);
    }
}
