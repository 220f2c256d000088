#!/usr/bin/env bash
# Native memory over 1,000 training steps: the trainer logs the process RSS (rss_mb) and the
# memory the JVM has committed (jvm_mb, heap + non-heap) at every step in loss.csv; native memory
# is their difference. Prints them at a few steps and the native growth from step 100 to 1000.
# Usage: bench/pretrain/memory.sh CORPUS OUT
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file}"
OUT="${2:?output folder}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
CONTRAST4J_HEAP=2g "${C4J:-$ROOT/bin/contrast4j}" pretrain --objective simcse --model scratch:1x64 --corpus "$CORPUS" \
  --out "$OUT" --steps 1000 --batch-size 8 --lr 1e-4 --checkpoint-every 250 --dev none --max-sentences 20000 --quiet
awk -F, 'NR>1 && ($1==1||$1==100||$1==250||$1==500||$1==750||$1==1000) {print "step", $1, "rss_mb", $6, "jvm_mb", $7, "native_mb", $6-$7}
         NR>1 && $1==100 {a=$6-$7} NR>1 && $1==1000 {b=$6-$7} END {printf "native growth step 100 -> 1000: %.1f MiB\n", b-a}' "$OUT/loss.csv"
