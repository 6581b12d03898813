//! The whole analysis of a conversation, as `learning-city opinion analyze` reports it: the map
//! (or given groups), the representative statements of every group, consensus, group-informed
//! consensus and the bridging scores. The bridging fit does not depend on the groups, so it runs
//! on a thread of its own beside a thread for the map and the statistics (the caller waits for
//! both); each side's arithmetic is the same as when run alone, so the result is the same bits
//! whatever the scheduling.

use super::bridging::{Bridging, bridging};
use super::map::{OpinionMap, Stages, update_timed};
use super::matrix::VoteMatrix;
use super::stats::{Repness, consensus, group_informed_consensus, representative};
use std::collections::HashMap;

/// Representative statements kept per group, and consensus statements per side.
pub const PICK: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The opinion map; `None` when the groups were given.
    pub map: Option<OpinionMap>,
    /// Participant id → group: the map's, or the ones given.
    pub groups: HashMap<i64, usize>,
    pub representative: Vec<Vec<Repness>>,
    /// Consensus statements: agreed, disagreed.
    pub consensus: (Vec<i64>, Vec<i64>),
    pub group_informed_consensus: Vec<(i64, f64)>,
    pub bridging: Bridging,
}

/// Analyses `m` from seed 0 without history, or explains the groups `labels` when given (no
/// clustering then). Records the wall time of each stage in `stages`; the bridging fit's entry
/// overlaps the others (it ran on a thread of its own), and `waiting for bridging` is the time
/// between the end of the map's thread and the end of the fit's.
pub fn analyse(
    m: &VoteMatrix,
    labels: Option<HashMap<i64, usize>>,
    stages: &mut Stages,
) -> Analysis {
    std::thread::scope(|scope| {
        let fit = scope.spawn(|| {
            let t = std::time::Instant::now();
            let b = bridging(m, 0);
            (b, t.elapsed())
        });
        // The map runs on a thread of its own too, the calling one waiting for both: a thread
        // spawned beside a busy caller often waits for the caller's time slice to end before it
        // gets the other core.
        let map = scope.spawn(|| {
            let mut stages = Stages::default();
            stages.start();
            let (map, groups) = match labels {
                Some(l) => (None, l),
                None => {
                    let (map, _) = update_timed(m, 0, None, &mut stages);
                    let groups = map.groups.clone();
                    (Some(map), groups)
                }
            };
            let representative = representative(m, &groups, PICK);
            let consensus = consensus(m, PICK);
            let group_informed_consensus = group_informed_consensus(m, &groups);
            stages.mark("statistics");
            (
                map,
                groups,
                representative,
                consensus,
                group_informed_consensus,
                stages,
            )
        });
        let (map, groups, representative, consensus, group_informed_consensus, done) =
            match map.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            };
        stages.times.extend(done.times);
        stages.start();
        let (bridging, took) = match fit.join() {
            Ok(done) => done,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        stages.mark("waiting for bridging");
        stages.times.push(("bridging (second thread)", took));
        Analysis {
            map,
            groups,
            representative,
            consensus,
            group_informed_consensus,
            bridging,
        }
    })
}
