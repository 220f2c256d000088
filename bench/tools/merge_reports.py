#!/usr/bin/env python3
"""Merges the `tasks` of several contrast4j eval reports (e.g. bench/eval/run-minilm.sh's one report
per SentEval task) into one report, so bench scripts can reuse them as a "before" measurement.

Usage: merge_reports.py OUT.json IN.json...
"""
import json
import sys

out, inputs = sys.argv[1], sys.argv[2:]
merged = {"merged_from": inputs, "tasks": {}}
for path in inputs:
    report = json.load(open(path))
    merged.setdefault("model", report.get("model"))
    merged["tasks"].update(report.get("tasks", {}))
json.dump(merged, open(out, "w"), indent=1)
