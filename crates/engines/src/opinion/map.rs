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
/// columns. Products with it cost one pass over the votes, never rows × columns.
struct Centred<'a> {
    m: &'a VoteMatrix,
    center: &'a [f64],
    zeroed: Vec<bool>,
}

impl Centred<'_> {
    fn cell(&self, c: u32, v: i8) -> f64 {
        if self.zeroed[c as usize] {
            0.0
        } else {
            v as f64 - self.center[c as usize]
        }
    }

    /// `Xᵀ(X w)`.
    fn gram_times(&self, w: &[f64]) -> Vec<f64> {
        let mut out = vec![0.0; w.len()];
        for row in &self.m.rows {
            let s: f64 = row
                .iter()
                .map(|(c, v)| self.cell(*c, *v) * w[*c as usize])
                .sum();
            if s != 0.0 {
                for (c, v) in row {
                    out[*c as usize] += self.cell(*c, *v) * s;
                }
            }
        }
        out
    }

    fn sum_of_squares(&self) -> f64 {
        self.m
            .rows
            .iter()
            .flat_map(|row| row.iter().map(|(c, v)| self.cell(*c, *v).powi(2)))
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

/// Two components by power iteration (until the vector moves less than 1e-13 or its norm stops
/// changing, at most 10 000 iterations; Pol.is stops after 100, which can leave a component short
/// of converged when two eigenvalues are close) with Gram–Schmidt deflation, on the centred,
/// mean-imputed matrix, from the pseudo-random start vectors of seed 0 (see [`pca_from`]).
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
pub fn pca_from(m: &VoteMatrix, start: &[Vec<f64>; 2]) -> Pca {
    let cols = m.statements.len();
    let rows = m.rows.len().max(1) as f64;
    let center = column_means(m);
    let x = Centred {
        m,
        center: &center,
        zeroed: m.zeroed_columns(),
    };
    let denom = (rows - 1.0).max(1.0);
    let total_variance = x.sum_of_squares() / denom;
    let mut comps: Vec<Vec<f64>> = Vec::with_capacity(2);
    let mut eig = [0.0; 2];
    for (k, e) in eig.iter_mut().enumerate() {
        let mut v = start[k].clone();
        v.resize(cols, 1.0);
        orthogonalise(&mut v, &comps);
        let mut last = f64::NAN;
        for _ in 0..10_000 {
            let mut next = x.gram_times(&v);
            orthogonalise(&mut next, &comps);
            let norm = dot(&next, &next).sqrt();
            if norm == 0.0 {
                break;
            }
            let moved: f64 = next
                .iter()
                .zip(&v)
                .map(|(n, o)| (n / norm - o).powi(2))
                .sum::<f64>()
                .sqrt();
            v = next.iter().map(|n| n / norm).collect();
            let unchanged = norm == last;
            last = norm;
            if moved < 1e-13 || unchanged {
                break;
            }
        }
        if last.is_nan() {
            v = vec![0.0; cols];
        }
        *e = if last.is_nan() { 0.0 } else { last / denom };
        comps.push(v);
    }
    let pc2 = comps.pop().unwrap_or_default();
    let pc1 = comps.pop().unwrap_or_default();
    Pca {
        center,
        components: [pc1, pc2],
        eigenvalues: eig,
        total_variance,
    }
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
    for _ in 0..iters {
        for (i, p) in points.iter().enumerate() {
            let mut best = 0;
            let mut best_d = f64::INFINITY;
            for (j, c) in centers.iter().enumerate() {
                let d = dist2(*p, *c);
                if d < best_d {
                    best = j;
                    best_d = d;
                }
            }
            assign[i] = best;
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
    let seed = previous.map(|p| p.seed).unwrap_or(seed);
    let start = start_vectors(
        m.statements.len(),
        seed,
        previous.map(|p| p.start_vectors(&m.statements)),
    );
    let pca = pca_from(m, &start);
    let positions = project(m, &pca);
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
