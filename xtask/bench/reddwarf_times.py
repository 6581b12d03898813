"""Times the reference implementation (red-dwarf 0.4.0) on Pol.is export folders, for
`cargo xtask bench opinion`.

Usage: python reddwarf_times.py DIR...
Prints one JSON object per folder: {"dir", "participants", "votes", "load_seconds",
"seconds" (the pipeline alone, loading excluded), "groups", "peak_kb" (the process's peak resident
memory so far)}. Calls as in the project's opinion-map spec, section 4: min_user_vote_threshold 7,
max_group_count 5, random_state 42, mod-out = comments with moderated == -1, votes de-duplicated
(last by timestamp; a participants-votes.csv matrix has one vote per cell already).
"""
import csv
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")

from reddwarf.implementations.polis import run_pipeline  # noqa: E402


def load(folder):
    mod_out = []
    try:
        with open(f"{folder}/comments.csv", newline="") as f:
            for row in csv.DictReader(f):
                if row.get("moderated", "").strip() == "-1":
                    mod_out.append(int(row["comment-id"]))
    except FileNotFoundError:
        pass
    last = {}
    try:
        with open(f"{folder}/votes.csv", newline="") as f:
            rows = sorted(
                ((int(r["timestamp"]), i, r) for i, r in enumerate(csv.DictReader(f))),
                key=lambda x: (x[0], x[1]),
            )
        for t, _, r in rows:
            last[(int(r["voter-id"]), int(r["comment-id"]))] = (int(r["vote"]), t)
    except FileNotFoundError:
        with open(f"{folder}/participants-votes.csv", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            pcol = header.index("participant")
            cols = [(i, int(h)) for i, h in enumerate(header) if h.strip().lstrip("-").isdigit()]
            for row in reader:
                p = int(row[pcol])
                for i, s in cols:
                    if i < len(row) and row[i].strip() != "":
                        last[(p, s)] = (int(row[i]), 0)
    votes = [
        {"participant_id": p, "statement_id": s, "vote": v, "modified": t}
        for (p, s), (v, t) in last.items()
    ]
    return votes, mod_out


for folder in sys.argv[1:]:
    t0 = time.perf_counter()
    votes, mod_out = load(folder)
    t1 = time.perf_counter()
    result = run_pipeline(
        votes=votes,
        mod_out_statement_ids=mod_out,
        min_user_vote_threshold=7,
        max_group_count=5,
        random_state=42,
    )
    t2 = time.perf_counter()
    try:
        groups = int(len(set(int(x) for x in result.clusterer.labels_ if x >= 0)))
    except Exception:
        groups = None
    print(
        json.dumps(
            {
                "dir": folder,
                "participants": len({v["participant_id"] for v in votes}),
                "votes": len(votes),
                "load_seconds": t1 - t0,
                "seconds": t2 - t1,
                "groups": groups,
                "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        ),
        flush=True,
    )
