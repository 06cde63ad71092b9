#!/usr/bin/env python3
"""Interleaved ablation measurement: the speedup at 2 threads of each mode of
the fine-grained ablation ladder, measured in rounds so that every mode sees
the same machine load (a shared machine's load drifts over minutes; the
`gilgamesh scale` sweep runs one mode after another).

Each round runs, for every workload and mode (in a fresh random order per
round), the workload at 1 thread and at 2 threads back to back, and records
that round's speedup: (work at 2 / seconds at 2) / (work at 1 / seconds at
1). The table is the median over rounds of each cell's speedup.

usage: ablation_rounds.py BINARY ROUNDS OUT.csv [MODES] [WORKLOADS]
MODES and WORKLOADS are comma-separated (defaults: the ablation ladder with
gil beside it; fib, shared_list_read and every ftscaling pattern at the
catalog's sizes).
"""
import csv
import random
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LADDER = ["gil", "perobject", "perobject+deferred", "perobject+globalcache", "finegrained"]
PATTERNS = ["object_cfunction", "cmodule_function", "module_function", "mult_constant",
            "generator", "pymethod", "pyfunction", "load_string_const", "load_tuple_const",
            "create_pyobject", "create_closure", "create_dict", "thread_local_read"]
# Catalog sizes (workloads/src/scale/catalog.rs).
SIZES = {"fib": 28, "shared_list_read": 5000}
WORKLOADS = ["fib", "shared_list_read"] + [f"ftscaling.{p}" for p in PATTERNS]


def run(binary, mode, workload, threads):
    script, _, pattern = workload.partition(".")
    size = SIZES.get(workload, 400_000)
    cmd = [binary, "run", str(HERE / f"{script}.py"), "--mode", mode, "--",
           str(threads), str(size)] + ([pattern] if pattern else [])
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=True).stdout
    fields = dict(line.split(None, 1) for line in out.splitlines() if line.strip())
    return float(fields["work"]), float(fields["seconds"].split()[0])


def main():
    binary, rounds, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    modes = sys.argv[4].split(",") if len(sys.argv) > 4 else LADDER
    workloads = sys.argv[5].split(",") if len(sys.argv) > 5 else WORKLOADS
    rows = []
    for r in range(rounds):
        for w in workloads:
            order = modes[:]
            random.shuffle(order)
            for m in order:
                w1, s1 = run(binary, m, w, 1)
                w2, s2 = run(binary, m, w, 2)
                rows.append({"round": r, "workload": w, "mode": m, "seconds_1": s1,
                             "seconds_2": s2, "speedup_2": (w2 / s2) / (w1 / s1)})
        print(f"round {r + 1}/{rounds} done", file=sys.stderr, flush=True)
    with open(out, "w", newline="") as f:
        wr = csv.DictWriter(f, fieldnames=list(rows[0]))
        wr.writeheader()
        wr.writerows(rows)
    print(f"| workload @ 2 threads | " + " | ".join(modes) + " | 1 thread: finegrained / perobject time |")
    print("|---|" + "---:|" * (len(modes) + 1))
    for w in workloads:
        cells = []
        for m in modes:
            sp = [x["speedup_2"] for x in rows if x["workload"] == w and x["mode"] == m]
            cells.append(f"{statistics.median(sp):.2f}x")
        def t1(m):
            return statistics.median(x["seconds_1"] for x in rows if x["workload"] == w and x["mode"] == m)
        ratio = f"{t1('finegrained') / t1('perobject'):.2f}x" if {"finegrained", "perobject"} <= set(modes) else "-"
        print(f"| {w} | " + " | ".join(cells) + f" | {ratio} |")


if __name__ == "__main__":
    main()
