#!/usr/bin/env python3
"""Checks contrast4j's SentEval logistic regression against scikit-learn on the same features.

Usage: sklearn_check.py FEATURES_DIR REPORT.json [TASK]   (default task TREC)

FEATURES_DIR is what `contrast4j eval senteval --tasks TASK --export-features DIR` wrote
(TASK-train.npy/.labels, TASK-test.npy/.labels, TASK-dev.* for split tasks); REPORT.json is the
report of that same run. scikit-learn reruns the task's SentEval protocol from scratch (its own
StratifiedKFold(shuffle=True, random_state=1111) folds, SentEval's C grid, argmax on scores rounded
to 2 decimals) with LogisticRegression(solver='liblinear') -- the solver SentEval's sklearn
classifier used by default when it was published -- and with today's default solver (lbfgs,
multinomial). Passes when contrast4j's test accuracy is within 0.5 of scikit-learn liblinear's.
Needs Debian's python3-sklearn (apt-get install python3-sklearn). Not run by CI.
"""
import json
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

KFOLD_GRID = [2.0 ** t for t in range(-1, 6)]   # SentEval KFoldClassifier (TREC, MRPC)
SPLIT_GRID = [2.0 ** t for t in range(-2, 4)]   # SentEval SplitClassifier (SST, SICK-E)


def load(d, task, split):
    x = np.load(f"{d}/{task}-{split}.npy")
    y = np.loadtxt(f"{d}/{task}-{split}.labels", dtype=int)
    return x, y


def make(solver, c):
    if solver == "liblinear":
        return LogisticRegression(C=c, solver="liblinear", random_state=1111)
    return LogisticRegression(C=c, max_iter=1000, random_state=1111)


def kfold(xtr, ytr, xte, yte, solver, k=10):
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=1111)
    scores = []
    for c in KFOLD_GRID:
        accs = [make(solver, c).fit(xtr[a], ytr[a]).score(xtr[b], ytr[b]) for a, b in skf.split(xtr, ytr)]
        scores.append(round(100 * np.mean(accs), 2))
    best = KFOLD_GRID[int(np.argmax(scores))]
    return best, max(scores), round(100 * make(solver, best).fit(xtr, ytr).score(xte, yte), 2)


def split(xtr, ytr, xdv, ydv, xte, yte, solver):
    scores = [round(100 * make(solver, c).fit(xtr, ytr).score(xdv, ydv), 2) for c in SPLIT_GRID]
    best = SPLIT_GRID[int(np.argmax(scores))]
    return best, max(scores), round(100 * make(solver, best).fit(xtr, ytr).score(xte, yte), 2)


def main():
    d, report_file = sys.argv[1], sys.argv[2]
    task = sys.argv[3] if len(sys.argv) > 3 else "TREC"
    report = json.load(open(report_file))
    ours = report["tasks"][task]["acc"]
    ours_c = report["details"][task]["chosen_C"][0]
    xtr, ytr = load(d, task, "train")
    xte, yte = load(d, task, "test")
    print(f"{task}: train {xtr.shape}, test {xte.shape}; contrast4j acc {ours:.2f} (C={ours_c:g})")
    results = {}
    for solver in ("liblinear", "lbfgs"):
        t = time.time()
        if task in ("SST2", "SST5", "SICKEntailment"):
            xdv, ydv = load(d, task, "dev")
            c, dev, acc = split(xtr, ytr, xdv, ydv, xte, yte, solver)
        else:
            c, dev, acc = kfold(xtr, ytr, xte, yte, solver)
        results[solver] = acc
        print(f"scikit-learn {solver:9s}: C={c:g} devacc {dev:.2f} acc {acc:.2f}  ({time.time() - t:.0f} s)")
    same_c = round(100 * make("liblinear", ours_c).fit(xtr, ytr).score(xte, yte), 2)
    print(f"scikit-learn liblinear at contrast4j's C={ours_c:g}: acc {same_c:.2f}")
    diff = abs(ours - results["liblinear"])
    print(f"|contrast4j - sklearn liblinear| = {diff:.2f} -> {'PASS' if diff <= 0.5 else 'FAIL'} (tolerance 0.5)")
    sys.exit(0 if diff <= 0.5 else 1)


if __name__ == "__main__":
    main()
