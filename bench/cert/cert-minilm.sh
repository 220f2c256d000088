#!/usr/bin/env bash
# CERT (Fang et al. 2020) from all-MiniLM-L6-v2 on unlabeled training sentences of MR, SST-2 and
# MRPC: SentEval transfer accuracy on those three tasks and the STS average (every STS set present: STS12-16, STS-B, SICK-R), before and after;
# two CERT seeds (42, 43) and the identity-augmentation control (seed 42); McNemar p-values against minilm.
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
train() { # tag seed augmentation
  local tag="$1" seed="$2" aug="$3" t0
  [[ -f "$OUT/$tag/model.safetensors" ]] && return 0
  step "$tag: $aug keys, $STEPS steps, batch $BATCH, seed $seed (back-translation cached in $OUT/bt-cache)"
  t0=$(date +%s)
  "$C4J" pretrain --objective cert --augmentation "$aug" --model minilm --corpus "$OUT/corpus.txt" --out "$OUT/$tag" \
    --steps "$STEPS" --batch-size "$BATCH" --lr 2e-5 --warmup $((STEPS / 10)) --queue-size 4096 \
    --translation-cache "$OUT/bt-cache" --dev none --seed "$seed" --checkpoint-every "$STEPS" --quiet \
    2> >(tee "$OUT/$tag.err" >&2)
  echo $(( $(date +%s) - t0 )) > "$OUT/$tag.train-seconds.txt"
}
# CERT twice (seeds 42, 43), and the control: the same momentum contrast with the sentence itself as
# its key (identity augmentation), which shows what back-translation adds.
train cert-s42 42 backtranslation; measure "$OUT/cert-s42" cert-s42
train cert-s43 43 backtranslation; measure "$OUT/cert-s43" cert-s43
train identity-s42 42 identity; measure "$OUT/identity-s42" identity-s42
# Paired tests against minilm: McNemar exact on the test predictions (MR: out-of-fold predictions of
# the 10-fold cross-validation), paired permutation on each STS set's Spearman.
for tag in cert-s42 cert-s43 identity-s42; do
  "$C4J" eval compare "$OUT/before-senteval.json" "$OUT/$tag-senteval.json" --out "$OUT/$tag-vs-minilm.senteval.json" 2>/dev/null
  "$C4J" eval compare "$OUT/before-sts.json" "$OUT/$tag-sts.json" --out "$OUT/$tag-vs-minilm.sts.json" 2>/dev/null
done
"$C4J" eval compare "$OUT/identity-s42-senteval.json" "$OUT/cert-s42-senteval.json" --out "$OUT/cert-s42-vs-identity.senteval.json" 2>/dev/null
cell() { # tag task (accuracy, with McNemar's p against minilm)
  local v; v=$($J "$OUT/$1-senteval.json" "tasks/$2/acc")
  [[ "$1" == before ]] && { echo "$v"; return; }
  echo "$v (p $($J "$OUT/$1-vs-minilm.senteval.json" "tasks/$2/acc/p"))"
}
row() { # tag label
  echo "| $2 | $(cell "$1" MR) | $(cell "$1" SST2) | $(cell "$1" MRPC) / $($J "$OUT/$1-senteval.json" tasks/MRPC/f1) | $($J "$OUT/$1-sts.json" sts_avg) |"
}
secs() { echo "$(cat "$OUT/$1.train-seconds.txt") s"; }
{
  echo "| model | MR acc | SST2 acc | MRPC acc / F1 | STS avg |"; echo "|---|---:|---:|---:|---:|"
  row before "all-MiniLM-L6-v2"
  row cert-s42 "+ CERT, seed 42 ($(secs cert-s42))"
  row cert-s43 "+ CERT, seed 43 ($(secs cert-s43))"
  row identity-s42 "+ identity-augmentation control, seed 42 ($(secs identity-s42))"
  echo
  echo "p: McNemar exact test against all-MiniLM-L6-v2 on the same test predictions. CERT seed 42 against the control:"
  echo "MR p $($J "$OUT/cert-s42-vs-identity.senteval.json" tasks/MR/acc/p), SST2 p $($J "$OUT/cert-s42-vs-identity.senteval.json" tasks/SST2/acc/p), MRPC p $($J "$OUT/cert-s42-vs-identity.senteval.json" tasks/MRPC/acc/p)."
} | tee "$OUT/table.md"
