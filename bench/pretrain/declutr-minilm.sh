#!/usr/bin/env bash
# DeCLUTR from all-MiniLM-L6-v2 on the default corpora (contrast4j data corpora), with the STS
# average (every STS set under CONTRAST4J_DATA, Spearman x100 of cosine) and held-out document
# retrieval (spans of every 10th long document retrieving their own document) before and after.
# Usage: [STEPS=60] [BATCH=16] [LR=3e-5] bench/pretrain/declutr-minilm.sh CORPUS OUT [extra pretrain options]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file (e.g. corpora/corpus.txt from 'contrast4j data corpora')}"
OUT="${2:?output folder}"
shift 2
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder (STS sets for the report)}"
# On a machine shared with other jobs set OMP_NUM_THREADS=1: PyTorch's OpenMP spin-waiting made steps 4x slower there.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
"${C4J:-$ROOT/bin/contrast4j}" pretrain --objective declutr --model minilm --corpus "$CORPUS" --out "$OUT" \
  --steps "${STEPS:-60}" --batch-size "${BATCH:-16}" --warmup $(( ${STEPS:-60} / 10 )) --lr "${LR:-3e-5}" \
  --checkpoint-every "${STEPS:-60}" --dev none --report --quiet "$@"
echo "report: $OUT/report.json, curve: $OUT/loss.png" >&2
