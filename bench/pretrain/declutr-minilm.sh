#!/usr/bin/env bash
# DeCLUTR from all-MiniLM-L6-v2 on the default corpora (contrast4j data corpora), with the STS
# average (every STS set under CONTRAST4J_DATA, Spearman x100 of cosine) and held-out document
# retrieval (spans of every 10th long document retrieving their own document) before and after.
# Usage: bench/pretrain/declutr-minilm.sh CORPUS OUT [extra pretrain options]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file (e.g. corpora/corpus.txt from 'contrast4j data corpora')}"
OUT="${2:?output folder}"
shift 2
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder (STS sets for the report)}"
# One intra-op thread: on a shared 2-core machine PyTorch's OpenMP spin-waiting made steps 4x slower.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
"${C4J:-$ROOT/bin/contrast4j}" pretrain --objective declutr --model minilm --corpus "$CORPUS" --out "$OUT" \
  --steps 60 --batch-size 16 --warmup 6 --lr 3e-5 --checkpoint-every 20 --dev none --report --quiet "$@"
echo "report: $OUT/report.json, curve: $OUT/loss.png" >&2
