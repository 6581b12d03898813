//! The opinion map: principal components of the vote matrix, the sparsity-aware projection of
//! every participant, base clusters and opinion groups (the Pol.is pipeline as a one-shot run,
//! see the project's opinion-map spec §1.3–1.7, deterministic: the power iteration starts from a
//! vector of ones and k-means from the first distinct points).

use super::matrix::VoteMatrix;
use std::collections::HashMap;

/// Two principal components with their eigenvalues, and the column centre.
#[derive(Debug, Clone)]
pub struct Pca {
    pub center: Vec<f64>,
    pub components: [Vec<f64>; 2],
    pub eigenvalues: [f64; 2],
    /// Σ of the column variances of the centred matrix (for explained-variance ratios).
    pub total_variance: f64,
}

/// The matrix with moderated-out columns set to 0 and missing votes set to their column's mean.
fn imputed(m: &VoteMatrix) -> Vec<Vec<f64>> {
    let cols = m.statements.len();
    let zeroed: Vec<bool> = m
        .statements
        .iter()
        .map(|s| m.moderated_out.contains(s))
        .collect();
    let mut sum = vec![0.0; cols];
    let mut n = vec![0.0; cols];
    for row in &m.votes {
        for (c, v) in row.iter().enumerate() {
            if let Some(v) = v {
                if !zeroed[c] {
                    sum[c] += *v as f64;
                }
                n[c] += 1.0;
            }
        }
    }
    let mean: Vec<f64> = (0..cols)
        .map(|c| {
            if zeroed[c] || n[c] == 0.0 {
                0.0
            } else {
                sum[c] / n[c]
            }
        })
        .collect();
    m.votes
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(c, v)| {
                    if zeroed[c] {
                        0.0
                    } else {
                        v.map(|x| x as f64).unwrap_or(mean[c])
                    }
                })
                .collect()
        })
        .collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Two components by power iteration (start vector of ones, until the vector moves less than
/// 1e-13, at most 10 000 iterations; Pol.is stops after 100, which can leave a component short of
/// converged when two eigenvalues are close) with Gram–Schmidt deflation, on the centred,
/// mean-imputed matrix.
pub fn pca(m: &VoteMatrix) -> Pca {
    let x = imputed(m);
    let cols = m.statements.len();
    let rows = x.len().max(1) as f64;
    let center: Vec<f64> = (0..cols)
        .map(|c| x.iter().map(|r| r[c]).sum::<f64>() / rows)
        .collect();
    let mut xc: Vec<Vec<f64>> = x
        .iter()
        .map(|r| r.iter().zip(&center).map(|(v, c)| v - c).collect())
        .collect();
    let total_variance = (0..cols)
        .map(|c| xc.iter().map(|r| r[c] * r[c]).sum::<f64>())
        .sum::<f64>()
        / (rows - 1.0).max(1.0);
    let mut comps: [Vec<f64>; 2] = [vec![0.0; cols], vec![0.0; cols]];
    let mut eig = [0.0; 2];
    for k in 0..2 {
        let mut v = vec![1.0; cols];
        let mut last = f64::NAN;
        for _ in 0..10_000 {
            let xv: Vec<f64> = xc.iter().map(|r| dot(r, &v)).collect();
            let mut next = vec![0.0; cols];
            for (r, s) in xc.iter().zip(&xv) {
                for (n, x) in next.iter_mut().zip(r) {
                    *n += x * s;
                }
            }
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
            last = norm;
            if moved < 1e-13 {
                break;
            }
        }
        eig[k] = if last.is_nan() {
            0.0
        } else {
            last / (rows - 1.0).max(1.0)
        };
        // Deflate: remove the component from every row.
        for r in xc.iter_mut() {
            let p = dot(r, &v);
            for (x, c) in r.iter_mut().zip(&v) {
                *x -= p * c;
            }
        }
        comps[k] = v;
    }
    Pca {
        center,
        components: comps,
        eigenvalues: eig,
        total_variance,
    }
}

/// Every participant's position: Σ over the statements they voted on of (vote − centre) × pc,
/// scaled by √(statements / statements voted) so that few votes do not pull them to the centre.
pub fn project(m: &VoteMatrix, pca: &Pca) -> Vec<[f64; 2]> {
    let cols = m.statements.len() as f64;
    let zeroed: Vec<bool> = m
        .statements
        .iter()
        .map(|s| m.moderated_out.contains(s))
        .collect();
    m.votes
        .iter()
        .map(|row| {
            let mut p = [0.0, 0.0];
            let mut voted: f64 = 0.0;
            for (c, v) in row.iter().enumerate() {
                // A moderated-out column is 0 for everyone, and counts as a vote.
                let v = if zeroed[c] { Some(&0) } else { v.as_ref() };
                if let Some(v) = v {
                    let x = *v as f64 - pca.center[c];
                    p[0] += x * pca.components[0][c];
                    p[1] += x * pca.components[1][c];
                    voted += 1.0;
                }
            }
            let s = (cols / voted.max(1.0)).sqrt();
            [p[0] * s, p[1] * s]
        })
        .collect()
}

/// Participants that count for clustering: at least min(7, statements) votes, topped up to 15 by
/// the most active.
pub fn in_conversation(m: &VoteMatrix) -> Vec<usize> {
    let need = 7.min(m.statements.len());
    let counts: Vec<usize> = m
        .votes
        .iter()
        .map(|r| r.iter().filter(|v| v.is_some()).count())
        .collect();
    let mut chosen: Vec<usize> = (0..m.votes.len()).filter(|r| counts[*r] >= need).collect();
    if chosen.len() < 15 {
        let mut rest: Vec<usize> = (0..m.votes.len()).filter(|r| counts[*r] < need).collect();
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
    let mut centers: Vec<[f64; 2]> = Vec::new();
    for p in points {
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
            for (j, c) in centers.iter().enumerate() {
                if dist2(*p, *c) < dist2(*p, centers[best]) {
                    best = j;
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
#[derive(Debug, Clone)]
pub struct OpinionMap {
    pub pca: Pca,
    pub positions: Vec<[f64; 2]>,
    /// Participant id → opinion group (only participants in the conversation).
    pub groups: HashMap<i64, usize>,
    pub k: usize,
    pub silhouette: f64,
}

/// Runs the pipeline: PCA, projection, 100 base clusters, then opinion groups for k = 2…
/// min(5, 2 + bases/12) by weighted k-means on the base centres, keeping the k with the best
/// silhouette (a tie goes to the larger k).
pub fn analyze(m: &VoteMatrix) -> OpinionMap {
    let pca = pca(m);
    let positions = project(m, &pca);
    let members = in_conversation(m);
    let pts: Vec<[f64; 2]> = members.iter().map(|r| positions[*r]).collect();
    let (base_of, base_centers) = kmeans(&pts, &vec![1.0; pts.len()], 100, 100);
    let mut base_weight = vec![0.0; base_centers.len()];
    for b in &base_of {
        base_weight[*b] += 1.0;
    }
    let max_k = 5.min(2 + base_centers.len() / 12);
    let mut best: Option<(f64, usize, Vec<usize>)> = None;
    for k in 2..=max_k.max(2) {
        if base_centers.len() < k {
            break;
        }
        let (assign, centers) = kmeans(&base_centers, &base_weight, k, 20);
        let s = silhouette(&base_centers, &assign, centers.len());
        if best.as_ref().is_none_or(|(bs, _, _)| s >= *bs) {
            best = Some((s, centers.len(), assign));
        }
    }
    let (sil, k, group_of_base) = best.unwrap_or((0.0, 1, vec![0; base_centers.len()]));
    let groups = members
        .iter()
        .enumerate()
        .map(|(i, r)| (m.participants[*r], group_of_base[base_of[i]]))
        .collect();
    OpinionMap {
        pca,
        positions,
        groups,
        k,
        silhouette: sil,
    }
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
    let x = imputed(m);
    let cols = m.statements.len();
    let rows = x.len().max(1) as f64;
    let center: Vec<f64> = (0..cols)
        .map(|c| x.iter().map(|r| r[c]).sum::<f64>() / rows)
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
