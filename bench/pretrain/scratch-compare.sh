#!/usr/bin/env bash
# A small BERT (4 layers, hidden 256, MiniLM's vocabulary) trained from scratch with SimCSE and
# with DeCLUTR on the same budget (steps x batch), each then scored on the STS sets.
# Usage: bench/pretrain/scratch-compare.sh CORPUS OUTDIR [STEPS] [BATCH]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file}"
OUT="${2:?output folder}"
STEPS="${3:-300}"
BATCH="${4:-32}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
for OBJ in simcse declutr; do
  "$ROOT/bin/contrast4j" pretrain --objective "$OBJ" --model scratch:4x256 --corpus "$CORPUS" \
    --out "$OUT/$OBJ" --steps "$STEPS" --batch-size "$BATCH" --lr 5e-4 --checkpoint-every 100 --dev none \
    --report --quiet > "$OUT/$OBJ.json"
done
grep -h '"average"' "$OUT"/*/report.json
