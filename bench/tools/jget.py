#!/usr/bin/env python3
"""Prints one number from a contrast4j report, for the bench scripts' tables.

Usage: jget.py REPORT.json PATH   where PATH is slash-separated (tasks/SP/acc; task names may hold dots) or the special name `sts_avg`
(the summary's sts_avg_spearman_<k>, whatever k is). Prints "n/a" when the value is missing.
"""
import json
import sys

report = json.load(open(sys.argv[1]))
path = sys.argv[2]
if path == "sts_avg":
    summary = report.get("summary", {})
    value = next((v for k, v in summary.items() if k.startswith("sts_avg_spearman_")), None)
else:
    value = report
    for part in path.split("/"):
        value = value.get(part) if isinstance(value, dict) else None
print("n/a" if value is None else (f"{value:.2f}" if isinstance(value, float) else value))
