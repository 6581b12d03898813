"""Times the reference implementation (pabutools) on pabulib files, for `cargo xtask bench budgeting`.

Usage: python pabutools_times.py CAP_SECONDS FILE...
Prints one JSON object per (file, rule): {"file", "rule", "seconds" (null when over the cap), "winners"}.
Calls as in the project's participatory-budgeting spec, §3, with exact fractions and the tie-break
order cost ascending, supporters descending, project name.
"""
import json
import os
import signal
import sys
import time

from pabutools.election import (Additive_Borda_Sat, Additive_Cardinal_Sat, Cost_Sat, parse_pabulib)
from pabutools.election.profile import AbstractApprovalProfile
from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares, sequential_phragmen
from pabutools.tiebreaking import TieBreakingRule


class OverCap(Exception):
    pass


def on_alarm(signum, frame):
    raise OverCap()


signal.signal(signal.SIGALRM, on_alarm)


def timed(cap, fn):
    signal.alarm(cap)
    start = time.perf_counter()
    try:
        result = fn()
        return time.perf_counter() - start, result
    except OverCap:
        return None, None
    finally:
        signal.alarm(0)


def main():
    cap = int(sys.argv[1])
    for path in sys.argv[2:]:
        name = os.path.basename(path)
        instance, profile = parse_pabulib(path)
        mprof = profile.as_multiprofile()
        support = {}
        for ballot in mprof:
            weight = mprof.multiplicity(ballot)
            for p in ballot:
                support[p] = support.get(p, 0) + weight
        tie = TieBreakingRule(lambda inst, prof, p: (p.cost, -support.get(p, 0), p.name))
        vote_type = instance.meta.get("vote_type", "approval")
        sat = {"approval": Cost_Sat, "choose-1": Cost_Sat, "cumulative": Additive_Cardinal_Sat,
               "scoring": Additive_Cardinal_Sat, "ordinal": Additive_Borda_Sat}[vote_type]
        rules = {
            "greedy": lambda: greedy_utilitarian_welfare(instance, mprof, sat_class=sat, tie_breaking=tie),
            "mes": lambda: method_of_equal_shares(instance, mprof, sat_class=sat, tie_breaking=tie),
            "mes-add1": lambda: method_of_equal_shares(
                instance, mprof, sat_class=sat, tie_breaking=tie, voter_budget_increment=1),
            "mes-add1u": lambda: greedy_utilitarian_welfare(
                instance, mprof, sat_class=sat, tie_breaking=tie,
                initial_budget_allocation=method_of_equal_shares(
                    instance, mprof, sat_class=sat, tie_breaking=tie, voter_budget_increment=1)),
        }
        if isinstance(profile, AbstractApprovalProfile):
            rules["phragmen"] = lambda: sequential_phragmen(instance, mprof, tie_breaking=tie)
        for rule, fn in rules.items():
            seconds, result = timed(cap, fn)
            winners = sorted(str(p.name) for p in result) if result is not None else None
            print(json.dumps({"file": name, "rule": rule, "seconds": seconds, "winners": winners}), flush=True)


if __name__ == "__main__":
    main()
