//! What an opinion map carries from one update to the next (spec §1.14: "state carried between
//! updates"), and its text form, so a conversation can be stopped, stored and resumed with
//! exactly (bit for bit) the result of an uninterrupted run.
//!
//! The text form is line-based, one `key values…` per line, numbers in Rust's shortest
//! round-trip notation (parsing gives back the same `f64`):
//!
//! ```text
//! learning-city-opinion-state 1
//! seed 42
//! statements 3 7 9
//! pc1 0.5 -0.25 …
//! pc2 …
//! in-conversation 11 12 …
//! base x y x y …
//! groups 2 x y x y …
//! k-smoother last-k count smoothed-k
//! ```

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};

/// The group-count smoother (Pol.is `group-k-buffer` = 4): the k shown changes only after the same
/// best k has won this many updates in a row.
pub const K_BUFFER: usize = 4;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KSmoother {
    /// The best k (by silhouette) of the last update; 0 before the first.
    pub last_k: usize,
    /// How many updates in a row `last_k` has won.
    pub count: usize,
    /// The k shown.
    pub smoothed_k: usize,
}

impl KSmoother {
    /// The smoother after an update whose best k is `this_k`.
    pub fn next(previous: Option<KSmoother>, this_k: usize) -> KSmoother {
        let Some(p) = previous.filter(|p| p.smoothed_k > 0) else {
            return KSmoother {
                last_k: this_k,
                count: 1,
                smoothed_k: this_k,
            };
        };
        let count = if p.last_k == this_k { p.count + 1 } else { 1 };
        KSmoother {
            last_k: this_k,
            count,
            smoothed_k: if count >= K_BUFFER {
                this_k
            } else {
                p.smoothed_k
            },
        }
    }
}

/// The state of an opinion map after an update.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    /// The seed of the first update's start vectors.
    pub seed: u64,
    /// Statement ids, in the order of the components' entries.
    pub statements: Vec<i64>,
    /// The two principal components (warm start of the next power iteration).
    pub components: [Vec<f64>; 2],
    /// Participants in the conversation: once in, they stay in.
    pub in_conversation: BTreeSet<i64>,
    /// Base-cluster centres (warm start of the next base k-means).
    pub base_centers: Vec<[f64; 2]>,
    /// For every k tried, the group centres (warm start of the next group k-means for that k).
    pub group_centers: Vec<(usize, Vec<[f64; 2]>)>,
    pub k_smoother: KSmoother,
}

/// A state text that cannot be read, with its line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "state line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for StateError {}

const MAGIC: &str = "learning-city-opinion-state 1";

fn push_numbers<T: fmt::Debug>(out: &mut String, key: &str, values: impl Iterator<Item = T>) {
    out.push_str(key);
    for v in values {
        let _ = write!(out, " {v:?}");
    }
    out.push('\n');
}

fn flat(points: &[[f64; 2]]) -> impl Iterator<Item = f64> + '_ {
    points.iter().flat_map(|p| p.iter().copied())
}

fn pairs(values: &[f64]) -> Vec<[f64; 2]> {
    values.chunks_exact(2).map(|c| [c[0], c[1]]).collect()
}

impl State {
    /// The start vectors for a matrix with these `statements`: the components by statement id,
    /// 1 for a statement the state has not seen (as Pol.is extends the previous components).
    pub fn start_vectors(&self, statements: &[i64]) -> [Vec<f64>; 2] {
        let at: HashMap<i64, usize> = self
            .statements
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, i))
            .collect();
        [0, 1].map(|k| {
            statements
                .iter()
                .map(|s| {
                    at.get(s)
                        .and_then(|i| self.components[k].get(*i))
                        .copied()
                        .unwrap_or(1.0)
                })
                .collect()
        })
    }

    /// The text form (see the module documentation).
    pub fn to_text(&self) -> String {
        let mut out = format!("{MAGIC}\nseed {}\n", self.seed);
        push_numbers(&mut out, "statements", self.statements.iter());
        push_numbers(&mut out, "pc1", self.components[0].iter());
        push_numbers(&mut out, "pc2", self.components[1].iter());
        push_numbers(&mut out, "in-conversation", self.in_conversation.iter());
        push_numbers(&mut out, "base", flat(&self.base_centers));
        for (k, centers) in &self.group_centers {
            push_numbers(&mut out, &format!("groups {k}"), flat(centers));
        }
        let s = self.k_smoother;
        let _ = writeln!(out, "k-smoother {} {} {}", s.last_k, s.count, s.smoothed_k);
        out
    }

    /// Reads the text form back.
    pub fn from_text(text: &str) -> Result<State, StateError> {
        let mut lines = text.lines().enumerate();
        if lines.next().map(|(_, l)| l) != Some(MAGIC) {
            return Err(StateError {
                line: 1,
                message: format!("expected {MAGIC:?}"),
            });
        }
        let mut state = State::default();
        let mut seen_smoother = false;
        for (i, line) in lines {
            let bad = |message: String| StateError {
                line: i + 1,
                message,
            };
            let mut words = line.split(' ');
            let key = words.next().unwrap_or("");
            let rest: Vec<&str> = words.collect();
            fn parse<T: std::str::FromStr>(w: &[&str]) -> Result<Vec<T>, String> {
                w.iter()
                    .map(|x| x.parse().map_err(|_| format!("{x:?} is not a number")))
                    .collect()
            }
            match key {
                "seed" => state.seed = *parse::<u64>(&rest).map_err(bad)?.first().unwrap_or(&0),
                "statements" => state.statements = parse(&rest).map_err(bad)?,
                "pc1" => state.components[0] = parse(&rest).map_err(bad)?,
                "pc2" => state.components[1] = parse(&rest).map_err(bad)?,
                "in-conversation" => {
                    state.in_conversation = parse::<i64>(&rest).map_err(bad)?.into_iter().collect()
                }
                "base" => state.base_centers = pairs(&parse::<f64>(&rest).map_err(bad)?),
                "groups" => {
                    let (k, values) = rest
                        .split_first()
                        .ok_or_else(|| bad("groups without k".into()))?;
                    let k: usize = k.parse().map_err(|_| bad(format!("k {k:?}")))?;
                    state
                        .group_centers
                        .push((k, pairs(&parse::<f64>(values).map_err(bad)?)));
                }
                "k-smoother" => {
                    let v: Vec<usize> = parse(&rest).map_err(bad)?;
                    let [last_k, count, smoothed_k] = v[..] else {
                        return Err(bad("k-smoother needs 3 numbers".into()));
                    };
                    state.k_smoother = KSmoother {
                        last_k,
                        count,
                        smoothed_k,
                    };
                    seen_smoother = true;
                }
                "" => {}
                other => return Err(bad(format!("unknown key {other:?}"))),
            }
        }
        if state.components[0].len() != state.statements.len()
            || state.components[1].len() != state.statements.len()
        {
            return Err(StateError {
                line: 0,
                message: "components and statements differ in length".into(),
            });
        }
        if !seen_smoother {
            return Err(StateError {
                line: 0,
                message: "no k-smoother line".into(),
            });
        }
        Ok(state)
    }
}
