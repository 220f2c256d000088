#!/usr/bin/env bash
# CERT (Fang et al. 2020) from all-MiniLM-L6-v2 on unlabeled training sentences of MR, SST-2 and
# MRPC: SentEval transfer accuracy on those three tasks and the STS average (every STS set present: STS12-16, STS-B, SICK-R), before and after.
# Usage: bench/cert/cert-minilm.sh OUT [STEPS=200] [BATCH=32] [PER_TASK=3000]
# PER_TASK sentences are drawn (fixed seed) from each task's training split; labels are never read.
# BEFORE_EVAL_DIR=DIR reuses the (deterministic) minilm reports of bench/eval/run-minilm.sh DIR.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: cert-minilm.sh OUT [STEPS] [BATCH] [PER_TASK]}"
STEPS="${2:-200}" BATCH="${3:-32}" PER_TASK="${4:-3000}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
SE="$CONTRAST4J_DATA/senteval"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
C4J="${C4J:-$ROOT/bin/contrast4j}" J="$ROOT/bench/tools/jget.py"
mkdir -p "$OUT"
step() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
pick() { shuf -n "$PER_TASK" --random-source=<(yes 42); }
{
  cat "$SE/MR/rt-polarity.pos" "$SE/MR/rt-polarity.neg" | pick
  cut -f1 "$SE/SST/binary/sentiment-train" | sed 's/ *$//' | pick
  tail -n +2 "$SE/MRPC/msr_paraphrase_train.txt" | awk -F'\t' '{ print $4; print $5 }' | pick
} | awk 'NF' > "$OUT/corpus.txt"
step "corpus: $(wc -l < "$OUT/corpus.txt") sentences"
if [[ -n "${BEFORE_EVAL_DIR:-}" ]]; then
  cp "$BEFORE_EVAL_DIR/sts.json" "$OUT/before-sts.json"
  "$ROOT/bench/tools/merge_reports.py" "$OUT/before-senteval.json" "$BEFORE_EVAL_DIR"/senteval-{MR,SST2,MRPC}.json
fi
measure() { # model tag
  [[ -f "$OUT/$2-senteval.json" ]] || "$C4J" eval senteval --model "$1" --tasks MR,SST2,MRPC --no-progress --out "$OUT/$2-senteval.json"
  [[ -f "$OUT/$2-sts.json" ]] || "$C4J" eval sts --model "$1" --no-progress --out "$OUT/$2-sts.json"
}
step "SentEval and STS before"; measure minilm before
step "CERT training: $STEPS steps, batch $BATCH (back-translation first, cached in $OUT/bt-cache)"
t0=$(date +%s)
"$C4J" pretrain --objective cert --model minilm --corpus "$OUT/corpus.txt" --out "$OUT/model" --steps "$STEPS" \
  --batch-size "$BATCH" --lr 2e-5 --warmup $((STEPS / 10)) --queue-size 4096 --translation-cache "$OUT/bt-cache" \
  --dev none --seed 42 --checkpoint-every "$STEPS" --quiet 2> >(tee "$OUT/pretrain.err" >&2)
echo $(( $(date +%s) - t0 )) > "$OUT/train-seconds.txt"
step "SentEval and STS after"; measure "$OUT/model" after
row() { # tag label
  local s="$OUT/$1-senteval.json"
  echo "| $2 | $($J "$s" tasks/MR/acc) | $($J "$s" tasks/SST2/acc) | $($J "$s" tasks/MRPC/acc) / $($J "$s" tasks/MRPC/f1) | $($J "$OUT/$1-sts.json" sts_avg) |"
}
echo "| model | MR acc | SST2 acc | MRPC acc / F1 | STS avg |"; echo "|---|---:|---:|---:|---:|"
row before all-MiniLM-L6-v2
row after "+ CERT, $STEPS steps x $BATCH ($(cat "$OUT/train-seconds.txt") s incl. back-translation)"
