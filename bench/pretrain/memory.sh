#!/usr/bin/env bash
# Native memory over 1,000 training steps: the trainer logs the process RSS at every step
# (loss.csv, column rss_mb); this prints it at steps 1, 100, 250, 500, 750, 1000 and the growth
# between step 100 and step 1000 (after warm-up of the allocator and the first checkpoint).
# Usage: bench/pretrain/memory.sh CORPUS OUT
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file}"
OUT="${2:?output folder}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
CONTRAST4J_HEAP=2g "$ROOT/bin/contrast4j" pretrain --objective simcse --model scratch:2x128 --corpus "$CORPUS" \
  --out "$OUT" --steps 1000 --batch-size 16 --checkpoint-every 250 --dev none --max-sentences 50000 --quiet
awk -F, 'NR>1 && ($1==1||$1==100||$1==250||$1==500||$1==750||$1==1000) {print "step", $1, "rss_mb", $6}
         NR>1 && $1==100 {a=$6} NR>1 && $1==1000 {b=$6} END {printf "growth step 100 -> 1000: %.1f MiB\n", b-a}' "$OUT/loss.csv"
