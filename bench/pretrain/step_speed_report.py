#!/usr/bin/env python3
"""Summary of bench/pretrain/step-speed.sh: median steps/s of each side over the alternating runs,
their ratio, the step's FLOPs (counted analytically), the achieved GFLOP/s against the CPU's
peak (computed from lscpu and printed with its terms) and against a measured fp32 GEMM of the same
PyTorch, our step's phase shares, and where the libtorch trace of one step spends its time.

  /usr/bin/python3 step_speed_report.py RUNS.jsonl [PROFILE.jsonl] [TRACE.json]
"""
import json
import os
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
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
    from torch_trace import summarize
    summarize(trace_path, "one step")
