#!/usr/bin/env python3
"""Summary of bench/pretrain/step-speed.sh: median steps/s of each side over the alternating runs,
their ratio, the step's FLOPs (counted analytically), the achieved GFLOP/s against the CPU's
peak (computed from lscpu and printed with its terms) and against a measured fp32 GEMM of the same
PyTorch, our step's phase shares, and where the libtorch trace of one step spends its time.

  /usr/bin/python3 step_speed_report.py RUNS.jsonl [PROFILE.jsonl] [TRACE.json]
"""
import json
import re
import subprocess
import sys
import time

import numpy as np

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
profile = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")] if len(sys.argv) > 2 else []
trace_path = sys.argv[3] if len(sys.argv) > 3 else None

ours = [r for r in rows if r["engine"] == "contrast4j-trainer"]
theirs = [r for r in rows if r["engine"] == "pytorch"]
batch, tokens = ours[0]["batch"], ours[0]["tokens"]
ours_sps = float(np.median([r["steps_per_s"] for r in ours]))
theirs_sps = float(np.median([r["steps_per_s"] for r in theirs]))
print("== steps/s per run (each the median of its timed steps)")
print("   contrast4j (Trainer): " + "  ".join("%.3f" % r["steps_per_s"] for r in ours))
print("   pytorch %s:     " % theirs[0]["torch_version"] + "  ".join("%.3f" % r["steps_per_s"] for r in theirs))
print("== median over %d + %d runs: contrast4j %.3f steps/s (%.2f s/step), pytorch %.3f steps/s (%.2f s/step)"
      % (len(ours), len(theirs), ours_sps, 1 / ours_sps, theirs_sps, 1 / theirs_sps))
print("   ratio contrast4j/pytorch: %.2f  (goal >= 1.5; and >= 0.6 steps/s)" % (ours_sps / theirs_sps))

# ---- FLOPs of the step: all-MiniLM-L6-v2, both views, forward + backward -----------------------
L, H, I = 6, 384, 1536
views = 2
n_tok = views * batch * tokens
linear_per_token = 2 * (4 * H * H + 2 * H * I)   # Q, K, V, O and the two FFN matrices: 2 FLOPs per multiply-add
attention_per_token = 2 * 2 * tokens * H          # Q K^T and (softmax) V: T x H multiply-adds each, per token
forward = L * n_tok * (linear_per_token + attention_per_token)
step_flops = 3 * forward                          # backward ~ 2x forward (input and weight gradients)
print("== FLOPs per step (analytic): forward = layers %d x tokens %d (2 views x %d x %d) x (linear %.2f M + attention %.3f M)"
      " = %.1f GFLOP; backward ~ 2 x forward; step %.1f GFLOP (embeddings, LayerNorm, softmax, GELU, AdamW not counted)"
      % (L, n_tok, batch, tokens, linear_per_token / 1e6, attention_per_token / 1e6, forward / 1e9, step_flops / 1e9))

# ---- the CPU's fp32 peak ---------------------------------------------------------------------
lscpu = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
field = lambda name: (re.search(r"^%s:\s*(.+)$" % re.escape(name), lscpu, re.M) or [None, ""])[1].strip()
flags = set(field("Flags").split())
cores = int(field("Core(s) per socket") or 1) * int(field("Socket(s)") or 1)
threads = int(ours[0].get("threads", 2))
mhz = field("CPU max MHz")
clock_source = "lscpu CPU max MHz"
if not mhz:
    m = re.search(r"^cpu MHz\s*:\s*([\d.]+)", open("/proc/cpuinfo").read(), re.M)
    mhz, clock_source = (m.group(1), "/proc/cpuinfo cpu MHz (no max clock visible, e.g. in a VM: boost not counted)") if m else ("0", "unknown")
ghz = float(mhz) / 1000
vendor, family = field("Vendor ID"), int(field("CPU family") or 0)
if "avx512f" in flags and vendor == "AuthenticAMD" and family == 25:
    lanes, units, why = 8, 2, "AMD family 25 (Zen 4) with AVX-512: 512-bit ops run on 256-bit datapaths, 2 FMA pipes"
elif "avx512f" in flags:
    lanes, units, why = 16, 2, "AVX-512 FMA, assuming 2 512-bit FMA units per core (1 on some Intel parts: halve)"
elif "avx2" in flags and "fma" in flags:
    lanes, units, why = 8, 2, "AVX2 + FMA: 2 256-bit FMA units per core"
else:
    lanes, units, why = 4, 1, "no FMA flags: SSE, 1 unit"
used = min(cores, threads)
peak = used * ghz * units * lanes * 2
print("== peak fp32: %d cores used x %.3f GHz (%s) x %d FMA units x %d fp32 lanes x 2 FLOPs = %.1f GFLOP/s  [%s]"
      % (used, ghz, clock_source, units, lanes, peak, why))

# Attainable: one large fp32 GEMM in the same PyTorch, same threads.
import torch
torch.set_num_threads(threads)
x, y = torch.randn(2048, 2048), torch.randn(2048, 2048)
for _ in range(2):
    x @ y
t = time.perf_counter()
reps = 5
for _ in range(reps):
    x @ y
gemm = reps * 2 * 2048 ** 3 / (time.perf_counter() - t) / 1e9
print("   measured: torch %s fp32 GEMM 2048^3 on %d threads: %.1f GFLOP/s (%.0f%% of that peak)" % (torch.__version__, threads, gemm, 100 * gemm / peak))
for name, sps in (("contrast4j", ours_sps), ("pytorch", theirs_sps)):
    achieved = step_flops * sps / 1e9
    print("   %-10s %.1f GFLOP/s achieved = %.0f%% of peak, %.0f%% of the measured GEMM" % (name, achieved, 100 * achieved / peak, 100 * achieved / gemm))
print("   at 50%% of peak a step would take %.2f s (%.2f steps/s)" % (step_flops / (0.5 * peak * 1e9), 0.5 * peak * 1e9 / step_flops))

# ---- our step's phases ----------------------------------------------------------------------
for r in profile:
    print("== our step written out with timers (%s, %.3f steps/s; the Trainer: %.3f): phase shares" % (r["engine"], r["steps_per_s"], ours_sps))
    for k, v in r["phase_shares"].items():
        print("   %-16s %5.1f%%  %.3f s" % (k, 100 * v, v * r["median_step_s"]))

# ---- one step in libtorch's profiler --------------------------------------------------------
if trace_path:
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
    intervals = sorted((e["ts"], e["ts"] + e["dur"]) for e in top)
    busy, cur_s, cur_e = 0.0, None, None
    for s, e in intervals:
        if cur_e is None or s > cur_e:
            busy += 0 if cur_e is None else cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    busy += cur_e - cur_s
    span = stop - start
    print("== libtorch profiler, one step: %.3f s from first to last op; inside libtorch ops %.3f s (%.1f%%);"
          " outside (Java, JNI, NDArray bookkeeping, tokenization) %.3f s (%.1f%%)"
          % (span / 1e6, busy / 1e6, 100 * busy / span, (span - busy) / 1e6, 100 * (span - busy) / span))
    totals = {}
    for e in top:
        name = re.sub(r"^autograd::engine::evaluate_function: ", "backward: ", e["name"])
        c = totals.setdefault(name, [0.0, 0])
        c[0] += e["dur"]
        c[1] += 1
    print("   outermost ops by time (count):")
    for name, (d, c) in sorted(totals.items(), key=lambda kv: -kv[1][0])[:15]:
        print("   %6.1f%%  %8.1f ms  %5d  %s" % (100 * d / span, d / 1e3, c, name))
    print("   %d op calls in all, %d outermost (each is at least one JNI call from Java in the forward pass)" % (len(events), len(top)))
