#!/usr/bin/env bash
# Native memory over a long training run: the trainer logs the process RSS (rss_mb) and the memory
# the JVM has committed (jvm_mb, heap + non-heap) at every step in loss.csv; native memory is their
# difference. Prints it at every tenth of the run, the growth over the whole run and over its last
# 60% (after the warm-up: native memory rises for ~2,000 steps, then plateaus; see docs/pretrain.md).
# Usage: [STEPS=1000] [CHECKPOINT_EVERY=250] bench/pretrain/memory.sh CORPUS OUT
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file}"
OUT="${2:?output folder}"
STEPS="${STEPS:-1000}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
CONTRAST4J_HEAP=2g "${C4J:-$ROOT/bin/contrast4j}" pretrain --objective simcse --model scratch:1x64 --corpus "$CORPUS" \
  --out "$OUT" --steps "$STEPS" --batch-size 8 --lr 1e-4 --checkpoint-every "${CHECKPOINT_EVERY:-250}" --dev none \
  --max-sentences 20000 --quiet > /dev/null
awk -F, -v n="$STEPS" 'NR>1 { native[$1] = $6 - $7; rss[$1] = $6; jvm[$1] = $7 }
  END {
    for (i = 1; i <= 10; i++) { s = int(n * i / 10); printf "step %d rss_mb %.1f jvm_mb %.1f native_mb %.1f\n", s, rss[s], jvm[s], native[s] }
    w = int(n * 0.4)
    printf "native growth step 100 -> %d: %.1f MiB\n", n, native[n] - native[100]
    printf "native growth step %d -> %d (after warm-up): %.1f MiB\n", w, n, native[n] - native[w]
  }' "$OUT/loss.csv"
