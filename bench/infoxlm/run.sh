#!/usr/bin/env bash
# InfoXLM-style cross-lingual contrast (XLCo) from all-MiniLM-L6-v2: bitext retrieval accuracy on
# 1,000 held-out EN-FR / EN-DE pairs (and the EN-ES Bible verses) and the English STS
# average, before and after. Usage: bench/infoxlm/run.sh OUT [STEPS=300] [BATCH=32]
# PARALLEL=DIR reuses fr/de/es.tsv made by 'contrast4j data parallel' (default: made in OUT/data).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: run.sh OUT [STEPS] [BATCH]}"
STEPS="${2:-300}" BATCH="${3:-32}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
C4J="${C4J:-$ROOT/bin/contrast4j}" J="$ROOT/bench/tools/jget.py"
DATA="${PARALLEL:-$OUT/data}"
mkdir -p "$OUT" "$DATA"
step() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
for lang in fr de es; do
  [[ -f "$DATA/$lang.tsv" ]] || { step "parallel data $lang"; "$C4J" data parallel --lang "$lang" --out "$DATA/$lang.tsv"; }
done
heldout=(--pairs "$DATA/fr.heldout.tsv" --pairs "$DATA/de.heldout.tsv" --pairs "$DATA/es.heldout.tsv")
measure() { # model tag
  "$C4J" eval bitext --model "$1" "${heldout[@]}" --limit 1000 --no-progress --out "$OUT/$2-bitext.json"
  [[ -f "$OUT/$2-sts.json" ]] || "$C4J" eval sts --model "$1" --no-progress --out "$OUT/$2-sts.json"
}
[[ -n "${BEFORE_STS:-}" ]] && cp "$BEFORE_STS" "$OUT/before-sts.json"
step "bitext and STS before"; measure minilm before
step "XLCo training: $STEPS steps, batch $BATCH"
t0=$(date +%s)
"$C4J" pretrain --objective infoxlm --model minilm --pairs "$DATA/fr.tsv" --pairs "$DATA/de.tsv" --pairs "$DATA/es.tsv" \
  --out "$OUT/model" --steps "$STEPS" --batch-size "$BATCH" --lr 5e-5 --warmup $((STEPS / 10)) \
  --moco-temperature 0.05 --momentum 0.99 --queue-size 4096 --seed 42 --dev none --checkpoint-every "$STEPS" --quiet
echo $(( $(date +%s) - t0 )) > "$OUT/train-seconds.txt"
step "bitext and STS after"; measure "$OUT/model" after
row() { # tag label
  local b="$OUT/$1-bitext.json"
  echo "| $2 | $($J "$b" tasks/Bitext-fr.heldout/acc) | $($J "$b" tasks/Bitext-de.heldout/acc) | $($J "$b" tasks/Bitext-es.heldout/acc) | $($J "$OUT/$1-sts.json" sts_avg) |"
}
echo "| model | EN-FR acc | EN-DE acc | EN-ES acc | English STS avg |"; echo "|---|---:|---:|---:|---:|"
row before all-MiniLM-L6-v2
row after "+ XLCo, $STEPS steps x $BATCH pairs ($(cat "$OUT/train-seconds.txt") s)"
