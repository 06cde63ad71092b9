#!/usr/bin/env python3
"""Prints the last `cargo bench -p benches` run as Markdown tables.

Reads criterion's estimates under target/criterion (or the directory given
as the first argument): one table per group, a row per scenario (or thread
count), a column per lock mode, each cell the median time per iteration.
Scaling groups (`scale_*`) also get the throughput and the speedup over the
same mode's 1-thread throughput.

usage: python3 benches/summary.py [CRITERION_DIR]
"""

import json
import os
import sys

MODES = ["gil", "gil-release", "gil-io", "finegrained"]


def fmt_time(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return "%.3g %s" % (ns / scale, unit)
    return "%.3g ns" % ns


def fmt_rate(per_s):
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if per_s >= scale:
            return "%.3g%s/s" % (per_s / scale, unit)
    return "%.3g/s" % per_s


def load(root):
    """{group: {scenario: {mode: (median_ns, elements)}}}"""
    groups = {}
    for dirpath, _dirs, files in os.walk(root):
        if os.path.basename(dirpath) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            bench = json.load(f)
        with open(os.path.join(dirpath, "estimates.json")) as f:
            est = json.load(f)
        elements = (bench.get("throughput") or {}).get("Elements")
        median = est["median"]["point_estimate"]
        groups.setdefault(bench["group_id"], {}).setdefault(
            bench["value_str"], {}
        )[bench["function_id"]] = (median, elements)
    return groups


def scenario_key(s):
    # Thread counts sort numerically; named scenarios keep a stable order.
    return (0, int(s), "") if s.isdigit() else (1, 0, s)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join("target", "criterion")
    groups = load(root)
    if not groups:
        sys.exit("no criterion results under %s (run `cargo bench -p benches` first)" % root)
    for group in sorted(groups, key=lambda g: (g.startswith("scale_"), g)):
        rows = groups[group]
        scaling = group.startswith("scale_")
        print("#### %s\n" % group)
        head = "threads" if scaling else "scenario"
        print("| %s | %s |" % (head, " | ".join(MODES)))
        print("|---|%s" % ("---|" * len(MODES)))
        base = {}
        for scenario in sorted(rows, key=scenario_key):
            cells = []
            for mode in MODES:
                if mode not in rows[scenario]:
                    cells.append("")
                    continue
                ns, elements = rows[scenario][mode]
                cell = fmt_time(ns)
                if scaling and elements:
                    rate = elements / (ns / 1e9)
                    base.setdefault(mode, rate)
                    cell += ", %s, %.2fx" % (fmt_rate(rate), rate / base[mode])
                cells.append(cell)
            print("| %s | %s |" % (scenario, " | ".join(cells)))
        print()


if __name__ == "__main__":
    main()
