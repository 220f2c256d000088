#!/usr/bin/env python3
"""Where a libtorch profiler trace (Chrome trace JSON written by DJL's JniUtils.stopProfile) spends
its time: the span from first to last op, the part inside libtorch ops (outermost ops of each
thread, overlaps merged) and the rest (Java, JNI, NDArray bookkeeping), and the outermost ops by
total time. Used by bench/pretrain/step_speed_report.py and bench/encoder/run.sh.

  /usr/bin/python3 bench/common/torch_trace.py TRACE.json [LABEL]
"""
import json
import re
import sys


def summarize(trace_path, label="trace", top_n=15):
    text = open(trace_path).read()
    events = [e for e in json.loads(re.sub(r",\s*\]\s*$", "]", text.strip())) if e.get("ph") == "X"]
    by_thread = {}
    for e in events:
        by_thread.setdefault(e.get("tid"), []).append(e)
    top = []  # outermost ops of each thread: their time is time inside libtorch
    for evs in by_thread.values():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        end = -1.0
        for e in evs:
            if e["ts"] >= end:
                top.append(e)
                end = e["ts"] + e["dur"]
    start, stop = min(e["ts"] for e in events), max(e["ts"] + e["dur"] for e in events)
    busy, cur_s, cur_e = 0.0, None, None
    for s, e in sorted((e["ts"], e["ts"] + e["dur"]) for e in top):
        if cur_e is None or s > cur_e:
            busy += 0 if cur_e is None else cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    busy += cur_e - cur_s
    span = stop - start
    print("== libtorch profiler, %s: %.3f s from first to last op; inside libtorch ops %.3f s (%.1f%%);"
          " outside (Java, JNI, NDArray bookkeeping, tokenization) %.3f s (%.1f%%)"
          % (label, span / 1e6, busy / 1e6, 100 * busy / span, (span - busy) / 1e6, 100 * (span - busy) / span))
    totals = {}
    for e in top:
        name = re.sub(r"^autograd::engine::evaluate_function: ", "backward: ", e["name"])
        c = totals.setdefault(name, [0.0, 0])
        c[0] += e["dur"]
        c[1] += 1
    print("   outermost ops by time (count):")
    for name, (d, c) in sorted(totals.items(), key=lambda kv: -kv[1][0])[:top_n]:
        print("   %6.1f%%  %8.1f ms  %5d  %s" % (100 * d / span, d / 1e3, c, name))
    print("   %d op calls in all, %d outermost (each is at least one JNI call from Java)" % (len(events), len(top)))


if __name__ == "__main__":
    summarize(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "trace")
