#!/usr/bin/env python3
"""Paired comparison of two discourse reports (`eval discourse --out`) on the same test examples.

Usage: paired.py BEFORE.json AFTER.json [TASK ...]   (default: every task both reports hold)

Each report's details.<task>.test_correct holds one '1' / '0' per test example. For each task this
prints both accuracies, the difference with a 95% interval for paired proportions, the discordant
counts (right before / wrong after, and the reverse) and McNemar's exact two-sided p-value (binomial
test on the discordant examples, p = 1/2). BSO shows each pair in both orders; those two examples are
not independent, so its p-value is a little optimistic.
"""
import json
import math
import sys


def exact_mcnemar(b, c):
    """Two-sided exact binomial p-value for b vs c discordant examples."""
    n, k = b + c, min(b, c)
    if n == 0:
        return 1.0
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2.0 ** n
    return min(1.0, 2 * tail)


def compare(before, after):
    if len(before) != len(after):
        raise SystemExit(f"the reports have {len(before)} and {len(after)} test examples: not the same test set")
    n = len(before)
    b = sum(1 for x, y in zip(before, after) if x == "1" and y == "0")  # lost
    c = sum(1 for x, y in zip(before, after) if x == "0" and y == "1")  # gained
    diff = (c - b) / n
    se = math.sqrt(max(0.0, (b + c) - (c - b) ** 2 / n)) / n
    return n, before.count("1") / n, after.count("1") / n, diff, se, b, c, exact_mcnemar(b, c)


def main(argv):
    if len(argv) < 3:
        raise SystemExit(__doc__)
    reports = []
    for path in argv[1:3]:
        try:
            with open(path) as f:
                reports.append(json.load(f))
        except (OSError, ValueError) as e:
            raise SystemExit(f"{path}: cannot read the report ({e})")
    details = [r.get("details", {}) for r in reports]
    tasks = argv[3:] or [t for t in details[0] if t in details[1]]
    print("| task | n | before | after | diff [95% CI] | lost / gained | McNemar p |")
    print("|---|---:|---:|---:|---|---:|---:|")
    for task in tasks:
        try:
            pair = [d[task]["test_correct"] for d in details]
        except KeyError:
            raise SystemExit(f"{task}: no details.{task}.test_correct in both reports (made before this field existed?)")
        n, acc0, acc1, diff, se, b, c, p = compare(*pair)
        print(f"| {task} | {n} | {100 * acc0:.2f} | {100 * acc1:.2f} | {100 * diff:+.2f} "
              f"[{100 * (diff - 1.96 * se):+.2f}, {100 * (diff + 1.96 * se):+.2f}] | {b} / {c} | {p:.3g} |")


if __name__ == "__main__":
    main(sys.argv)
