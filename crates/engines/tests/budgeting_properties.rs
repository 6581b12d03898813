//! Properties every outcome must have, checked on a thousand random elections (a fixed-seed
//! generator, so a failure is reproducible): it fits the budget; under MES every chosen project is
//! paid exactly by its supporters and no voter pays more than their share; adding a ballot that
//! approves only a chosen project never removes it under greedy.

use learning_city_engines::budgeting::rules::{Rule, tally, tally_explained};
use learning_city_engines::budgeting::{Ballot, Election, Project, Q, TieBreak, VoteType};
use num_bigint::BigInt;
use num_traits::Zero;
use std::collections::HashMap;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn q(n: u64) -> Q {
    Q::from_integer(BigInt::from(n))
}

fn random_election(rng: &mut Rng, vote_type: VoteType) -> Election {
    let m = 2 + rng.below(9) as usize;
    let projects: Vec<Project> = (0..m)
        .map(|i| Project {
            id: format!("{}", i + 1),
            cost: q(1 + rng.below(50) * 10),
            fields: vec![],
        })
        .collect();
    let total: u64 = projects
        .iter()
        .map(|p| p.cost.to_integer().try_into().unwrap_or(0u64))
        .sum();
    let budget = q(1 + rng.below(total.max(2)));
    let n = 1 + rng.below(30) as usize;
    let ballots = (0..n)
        .map(|v| {
            let mut chosen: Vec<usize> = (0..m).filter(|_| rng.below(3) == 0).collect();
            if vote_type == VoteType::Ordinal {
                chosen.sort_by_key(|_| rng.next());
            }
            let points = if vote_type == VoteType::Cumulative {
                chosen.iter().map(|_| 1 + rng.below(5) as i64).collect()
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
    Election {
        meta: vec![],
        vote_type,
        budget,
        projects,
        ballots,
        project_columns: vec![],
        vote_columns: vec![],
    }
}

#[test]
fn every_outcome_fits_the_budget_and_mes_payments_add_up() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tie = TieBreak::default();
    for i in 0..1000 {
        let vote_type = [VoteType::Approval, VoteType::Cumulative, VoteType::Ordinal][i % 3];
        let e = random_election(&mut rng, vote_type);
        for rule in Rule::ALL {
            if rule == Rule::Phragmen && vote_type != VoteType::Approval {
                continue;
            }
            let o = tally_explained(&e, rule, &tie);
            assert!(
                o.total_cost <= e.budget,
                "case {i} {}: {} over {}",
                rule.code(),
                o.total_cost,
                e.budget
            );
            assert_eq!(o.total_cost, e.cost_of(&o.winners));
            let mut seen = o.winners.clone();
            seen.sort();
            seen.dedup();
            assert_eq!(
                seen.len(),
                o.winners.len(),
                "case {i}: a project chosen twice"
            );
            if matches!(rule, Rule::Mes | Rule::MesAdd1) {
                let share = o.voter_budget.clone().expect("MES has a voter budget");
                let mut spent: HashMap<usize, Q> = HashMap::new();
                for r in &o.rounds {
                    let paid = r
                        .payments
                        .iter()
                        .fold(Q::zero(), |acc, (_, w, p, _)| acc + q(*w) * p);
                    assert_eq!(
                        paid, e.projects[r.project].cost,
                        "case {i}: project paid exactly by its supporters"
                    );
                    for (g, _, p, left) in &r.payments {
                        let total = spent.entry(*g).or_insert_with(Q::zero);
                        *total += p;
                        assert!(
                            *total <= share,
                            "case {i}: a voter paid more than their share"
                        );
                        assert_eq!(&share - &*total, *left);
                    }
                }
            }
        }
    }
}

#[test]
fn one_more_ballot_for_a_greedy_winner_never_removes_it() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let tie = TieBreak::default();
    for i in 0..1000 {
        let mut e = random_election(&mut rng, VoteType::Approval);
        let before = tally(&e, Rule::Greedy, &tie);
        let Some(&winner) = before
            .winners
            .get(rng.below(before.winners.len().max(1) as u64) as usize)
        else {
            continue;
        };
        e.ballots.push(Ballot {
            voter_id: "extra".into(),
            projects: vec![winner],
            points: vec![],
            fields: vec![],
        });
        let after = tally(&e, Rule::Greedy, &tie);
        assert!(
            after.winners.contains(&winner),
            "case {i}: project {winner} lost after gaining a vote"
        );
    }
}
