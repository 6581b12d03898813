//! # learning-city-engines
//!
//! Pure algorithms on plain data. This crate knows nothing of the platform: no database, no HTTP,
//! no async runtime. A researcher can use it alone.
//!
//! - [`text`]: normalisation of Italian and English text for search (lowercase, diacritic folding,
//!   tokens). Stemming, similarity and summaries come with the participatory-processes issue.
//!
//! - [`budgeting`]: pabulib files, ballots, outcome rules (greedy, Method of Equal Shares with
//!   completions, sequential Phragmén) and their explanations, in exact arithmetic.
//!
//! - [`opinion`]: Pol.is-style vote matrices and opinion-group statistics (representative
//!   statements, consensus).
//!
//! Opinion-map clustering, sortition and matching live here as they are built, each in a module of the same
//! name as its capability elsewhere in the workspace.

pub mod budgeting;
pub mod opinion;
pub mod text;
