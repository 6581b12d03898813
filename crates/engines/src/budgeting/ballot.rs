//! Ballot rules and their checks: approval (with a minimum and maximum number of projects and a
//! maximum total cost), choose-1, knapsack (approval within the budget), cumulative points,
//! scoring and ordinal ranking. A ballot is checked before it is stored; every problem is
//! reported, each with a stable code a page can translate.

use super::{Election, Q, VoteType, pabulib::parse_decimal};
use std::collections::HashSet;

/// What a valid ballot looks like.
#[derive(Debug, Clone, PartialEq)]
pub enum BallotRules {
    /// A set of projects: at least `min`, at most `max`, costing at most `max_total_cost`.
    Approval {
        min: usize,
        max: Option<usize>,
        max_total_cost: Option<Q>,
    },
    /// Exactly one project.
    Choose1,
    /// A set of projects whose total cost fits the budget.
    Knapsack,
    /// Points spread over projects: each 1…`max_per_project`, in total at most `max_total`.
    Cumulative {
        max_total: i64,
        max_per_project: Option<i64>,
    },
    /// A score for each chosen project within `min..=max`.
    Scoring { min: i64, max: i64 },
    /// A ranking of `min`…`max` projects, best first.
    Ordinal { min: usize, max: Option<usize> },
}

/// One problem with a ballot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotError {
    UnknownProject(String),
    WithdrawnProject(String),
    DuplicateProject(String),
    TooFew { min: usize, got: usize },
    TooMany { max: usize, got: usize },
    OverCost { limit: String, got: String },
    PointsMissing,
    PointsOutOfRange { project: String, points: i64 },
    PointsOverTotal { max: i64, got: i64 },
}

impl BallotError {
    /// A stable code, also the id of its translated message.
    pub fn code(&self) -> &'static str {
        match self {
            BallotError::UnknownProject(_) => "ballot-unknown-project",
            BallotError::WithdrawnProject(_) => "ballot-withdrawn-project",
            BallotError::DuplicateProject(_) => "ballot-duplicate-project",
            BallotError::TooFew { .. } => "ballot-too-few",
            BallotError::TooMany { .. } => "ballot-too-many",
            BallotError::OverCost { .. } => "ballot-over-cost",
            BallotError::PointsMissing => "ballot-points-missing",
            BallotError::PointsOutOfRange { .. } => "ballot-points-out-of-range",
            BallotError::PointsOverTotal { .. } => "ballot-points-over-total",
        }
    }
}

impl BallotRules {
    /// The rules a pabulib file's META declares (`min_length`, `max_length`, `max_sum_cost`,
    /// `max_sum_points`, `max_points`, `min_points`), defaulting to what the vote type allows.
    pub fn from_meta(e: &Election) -> Self {
        let int = |k: &str| {
            e.meta(k)
                .and_then(parse_decimal)
                .filter(|q| q.is_integer())
                .and_then(|q| q.to_integer().try_into().ok())
        };
        let count = |k: &str| int(k).and_then(|v: i64| usize::try_from(v).ok());
        match e.vote_type {
            VoteType::Approval => BallotRules::Approval {
                min: count("min_length").unwrap_or(0),
                max: count("max_length"),
                max_total_cost: e.meta("max_sum_cost").and_then(parse_decimal),
            },
            VoteType::Choose1 => BallotRules::Choose1,
            VoteType::Cumulative => BallotRules::Cumulative {
                max_total: int("max_sum_points").unwrap_or(i64::MAX),
                max_per_project: int("max_points"),
            },
            VoteType::Scoring => BallotRules::Scoring {
                min: int("min_points").unwrap_or(0),
                max: int("max_points").unwrap_or(i64::MAX),
            },
            VoteType::Ordinal => BallotRules::Ordinal {
                min: count("min_length").unwrap_or(0),
                max: count("max_length"),
            },
        }
    }

    /// Checks a ballot given as project ids (and points, in the same order, where the rules use
    /// them). `withdrawn` projects cannot be chosen. Returns every problem found.
    pub fn check(
        &self,
        e: &Election,
        ids: &[&str],
        points: &[i64],
        withdrawn: &HashSet<String>,
    ) -> Result<Vec<usize>, Vec<BallotError>> {
        let mut errors = Vec::new();
        let mut chosen = Vec::new();
        let mut seen = HashSet::new();
        for id in ids {
            match e.project_index(id) {
                None => errors.push(BallotError::UnknownProject((*id).to_owned())),
                Some(_) if withdrawn.contains(*id) => {
                    errors.push(BallotError::WithdrawnProject((*id).to_owned()))
                }
                Some(p) => {
                    if seen.insert(p) {
                        chosen.push(p);
                    } else {
                        errors.push(BallotError::DuplicateProject((*id).to_owned()));
                    }
                }
            }
        }
        let n = ids.len();
        let count = |errors: &mut Vec<BallotError>, min: usize, max: Option<usize>| {
            if n < min {
                errors.push(BallotError::TooFew { min, got: n });
            }
            if let Some(max) = max
                && n > max
            {
                errors.push(BallotError::TooMany { max, got: n });
            }
        };
        let cost_limit = |errors: &mut Vec<BallotError>, limit: &Q| {
            let total = e.cost_of(&chosen);
            if &total > limit {
                errors.push(BallotError::OverCost {
                    limit: super::format_q(limit),
                    got: super::format_q(&total),
                });
            }
        };
        match self {
            BallotRules::Approval {
                min,
                max,
                max_total_cost,
            } => {
                count(&mut errors, *min, *max);
                if let Some(limit) = max_total_cost {
                    cost_limit(&mut errors, limit);
                }
            }
            BallotRules::Choose1 => count(&mut errors, 1, Some(1)),
            BallotRules::Knapsack => cost_limit(&mut errors, &e.budget),
            BallotRules::Ordinal { min, max } => count(&mut errors, *min, *max),
            BallotRules::Cumulative {
                max_total,
                max_per_project,
            } => {
                if points.len() != ids.len() {
                    errors.push(BallotError::PointsMissing);
                } else {
                    for (id, p) in ids.iter().zip(points) {
                        if *p < 1 || max_per_project.is_some_and(|m| *p > m) {
                            errors.push(BallotError::PointsOutOfRange {
                                project: (*id).to_owned(),
                                points: *p,
                            });
                        }
                    }
                    let total: i64 = points.iter().sum();
                    if total > *max_total {
                        errors.push(BallotError::PointsOverTotal {
                            max: *max_total,
                            got: total,
                        });
                    }
                }
            }
            BallotRules::Scoring { min, max } => {
                if points.len() != ids.len() {
                    errors.push(BallotError::PointsMissing);
                } else {
                    for (id, p) in ids.iter().zip(points) {
                        if p < min || p > max {
                            errors.push(BallotError::PointsOutOfRange {
                                project: (*id).to_owned(),
                                points: *p,
                            });
                        }
                    }
                }
            }
        }
        if errors.is_empty() {
            Ok(chosen)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budgeting::pabulib::parse;

    fn election() -> Election {
        parse("META\nkey;value\nbudget;100\nvote_type;approval\nmax_length;2\nmax_sum_cost;90\nPROJECTS\nproject_id;cost\na;60\nb;40\nc;20\nVOTES\nvoter_id;vote\n1;a\n").expect("parse")
    }

    #[test]
    fn approval_limits_count_and_cost() {
        let e = election();
        let rules = BallotRules::from_meta(&e);
        assert_eq!(
            rules,
            BallotRules::Approval {
                min: 0,
                max: Some(2),
                max_total_cost: parse_decimal("90")
            }
        );
        let none = HashSet::new();
        assert_eq!(rules.check(&e, &["a", "c"], &[], &none), Ok(vec![0, 2]));
        let errors = rules
            .check(&e, &["a", "b", "c", "x", "a"], &[], &none)
            .expect_err("bad ballot");
        let codes: Vec<&str> = errors.iter().map(BallotError::code).collect();
        assert_eq!(
            codes,
            [
                "ballot-unknown-project",
                "ballot-duplicate-project",
                "ballot-too-many",
                "ballot-over-cost"
            ]
        );
        assert_eq!(
            errors[3],
            BallotError::OverCost {
                limit: "90".into(),
                got: "120".into()
            }
        );
        let withdrawn: HashSet<String> = ["b".to_owned()].into();
        assert_eq!(
            rules.check(&e, &["b"], &[], &withdrawn),
            Err(vec![BallotError::WithdrawnProject("b".into())])
        );
    }

    #[test]
    fn choose_one_knapsack_and_points() {
        let e = election();
        let none = HashSet::new();
        assert_eq!(
            BallotRules::Choose1.check(&e, &[], &[], &none),
            Err(vec![BallotError::TooFew { min: 1, got: 0 }])
        );
        assert_eq!(
            BallotRules::Knapsack.check(&e, &["a", "b"], &[], &none),
            Ok(vec![0, 1])
        );
        assert!(
            BallotRules::Knapsack
                .check(&e, &["a", "b", "c"], &[], &none)
                .is_err()
        );
        let cumulative = BallotRules::Cumulative {
            max_total: 10,
            max_per_project: Some(6),
        };
        assert_eq!(
            cumulative.check(&e, &["a", "b"], &[6, 4], &none),
            Ok(vec![0, 1])
        );
        assert_eq!(
            cumulative.check(&e, &["a", "b"], &[7, 5], &none),
            Err(vec![
                BallotError::PointsOutOfRange {
                    project: "a".into(),
                    points: 7
                },
                BallotError::PointsOverTotal { max: 10, got: 12 }
            ])
        );
        assert_eq!(
            cumulative.check(&e, &["a"], &[], &none),
            Err(vec![BallotError::PointsMissing])
        );
    }
}
