#!/usr/bin/env python3
"""Writes two reports whose discourse-probe comparisons are those of docs/conpono.md's SProc table.

Usage: compare_fixture.py OUT_DIR   -> OUT_DIR/before.json, OUT_DIR/after.json

Each task holds details.<task>.test_correct for 4,000 test examples: 'before' is all-MiniLM-L6-v2's
2,183 right (54.57, the table's first row) for every task; 'after' loses and gains exactly the
table's discordant counts (e.g. seed42: 201 lost, 454 gained). Which examples flip is drawn with a
fixed seed; paired.py's numbers depend on the counts only, the bootstrap also on nothing else.
A small task (n = 40, 3 lost / 9 gained) exercises the exact binomial tail at small counts.
`bench/tools/paired.py OUT_DIR/before.json OUT_DIR/after.json` then prints the numbers that
eval's ComparisonTest asserts the Java code reproduces.
"""
import json
import os
import random
import sys

ROWS = {  # task: (n, right before, lost, gained), from docs/conpono.md (full-size SProc)
    "SProc-stories-seed42": (4000, 2183, 201, 454),
    "SProc-stories-seed43": (4000, 2183, 179, 399),
    "SProc-shuffled-control": (4000, 2183, 310, 285),
    "SProc-brown-fiction": (4000, 2183, 227, 302),
    "SProc-brown-1-400": (4000, 2183, 175, 244),
    "SProc-brown-K4": (4000, 2183, 266, 309),
    "Tiny": (40, 22, 3, 9),
}


def pair(n, right, lost, gained, rng):
    before = [1] * right + [0] * (n - right)
    after = list(before)
    ones, zeros = list(range(right)), list(range(right, n))
    for i in rng.sample(ones, lost):
        after[i] = 0
    for i in rng.sample(zeros, gained):
        after[i] = 1
    order = list(range(n))
    rng.shuffle(order)
    return "".join(str(before[i]) for i in order), "".join(str(after[i]) for i in order)


def report(model, tasks):
    return {"model": model, "provenance": {"command": "bench/eval/compare_fixture.py"},
            "tasks": {t: {"acc": round(100 * c.count("1") / len(c), 2), "n": len(c)} for t, c in tasks.items()},
            "details": {t: {"test_correct": c} for t, c in tasks.items()}}


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__)
    rng = random.Random(11)
    before, after = {}, {}
    for task, (n, right, lost, gained) in ROWS.items():
        before[task], after[task] = pair(n, right, lost, gained, rng)
    os.makedirs(argv[1], exist_ok=True)
    for name, tasks, model in (("before", before, "all-MiniLM-L6-v2"), ("after", after, "conpono-variants")):
        with open(os.path.join(argv[1], name + ".json"), "w") as f:
            json.dump(report(model, tasks), f, indent=1)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
