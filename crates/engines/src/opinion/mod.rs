//! Opinion maps (Pol.is-style): a vote matrix of participants × statements with agree (+1),
//! disagree (−1) and pass (0), and the statistics that explain opinion groups.
//!
//! - [`analysis`]: everything `opinion analyze` reports, the bridging fit on a second thread.
//! - [`matrix`]: the sparse vote matrix, read from a Pol.is export folder (`votes.csv`, last vote
//!   of a participant on a statement wins; or `participants-votes.csv`) with moderated-out
//!   statements.
//! - [`map`]: PCA, the sparsity-aware projection, base clusters and opinion groups chosen by
//!   silhouette, as one update from a seed and an optional previous [`state::State`]; the
//!   adjusted Rand index to compare partitions.
//! - [`state`]: what carries over between updates (components, base and group centres, the
//!   participants in the conversation, the k smoother), with an exact text form.
//! - [`bridging`]: the Community Notes matrix factorisation; a statement's intercept is its
//!   bridging score.
//! - [`routing`]: the priority of every statement for choosing what to show next.
//! - [`stats`]: per-group representative statements and whole-conversation consensus, with the
//!   Pol.is formulas (Laplace-smoothed proportions, one- and two-proportion z tests at 90 %).
//!
//! Votes use the export convention: agree = +1, disagree = −1, pass = 0.

pub mod analysis;
pub mod bridging;
pub mod map;
pub mod matrix;
pub mod routing;
pub mod state;
pub mod stats;
