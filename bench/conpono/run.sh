#!/usr/bin/env bash
# CONPONO from all-MiniLM-L6-v2 on the Brown corpus: DiscoEval-style Sentence Position (SP) and
# Binary Sentence Ordering (BSO) probes on held-out documents, and the STS average (every STS set present: STS12-16, STS-B, SICK-R), before and
# after. Documents 1-400 of brown.txt train (TRAIN_DOCS), 401-500 are held out for the probes.
# Usage: [LR=2e-5] [HEAD_LR=1e-3] [PER_DOC=10] [SEED=42] [PRETRAIN_OPTS='--k 4'] [TRAIN_DOCS=1-400] [TRAIN_CORPUS=FILE]
#        [DISCOEVAL=DIR [MAX_EXAMPLES=2000]] [MODEL=DIR]
#        bench/conpono/run.sh OUT [STEPS=200] [BATCH=8]
# LR is the encoder's peak learning rate, HEAD_LR the per-distance heads' (W_k; unset: LR), PER_DOC
# the probe windows per held-out document. TRAIN_CORPUS (one document per line) is trained on instead
# of the Brown documents (the Brown held-out probe documents stay those TRAIN_DOCS leaves). DISCOEVAL (DiscoEval's data folder) adds its SP/BSO tasks
# (the first MAX_EXAMPLES of each train/valid/test file; 0 = all). MODEL: probe this already trained
# model instead of training one (the table then says nothing of its training). A report already in
# OUT (e.g. before-discoeval.json of minilm from an earlier run: deterministic) is kept, not redone.
# Needs CONTRAST4J_DATA (STS sets) and the default corpora (contrast4j data corpora --out /work/corpora).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: run.sh OUT [STEPS] [BATCH]}"
STEPS="${2:-200}" BATCH="${3:-8}"
BROWN="${BROWN:-/work/corpora/brown.txt}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
[[ -f "$BROWN" ]] || { echo "no Brown corpus at $BROWN (contrast4j data corpora --out /work/corpora)" >&2; exit 2; }
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
C4J="${C4J:-$ROOT/bin/contrast4j}"
mkdir -p "$OUT"
# TRAIN_DOCS=FIRST-LAST: the Brown documents (lines) trained on; the held-out probe documents are the
# last 100 of the others (default 1-400: 401-500 held out).
IFS=- read -r FIRST LAST <<< "${TRAIN_DOCS:-1-400}"
if [[ -n "${TRAIN_CORPUS:-}" ]]; then cp "$TRAIN_CORPUS" "$OUT/train.txt"
else awk -v a="$FIRST" -v b="$LAST" 'NR >= a && NR <= b' "$BROWN" > "$OUT/train.txt"; fi
awk -v a="$FIRST" -v b="$LAST" 'NR < a || NR > b' "$BROWN" | tail -n 100 > "$OUT/brown-heldout.txt"
step() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
probe() { # model tag
  [[ -f "$OUT/$2-discourse.json" ]] || "$C4J" eval discourse --model "$1" --corpus "$OUT/brown-heldout.txt" --documents 100 --per-document "${PER_DOC:-10}" \
    --no-progress --out "$OUT/$2-discourse.json"
  [[ -f "$OUT/$2-sts.json" ]] || "$C4J" eval sts --model "$1" --no-progress --out "$OUT/$2-sts.json"
  [[ -z "${DISCOEVAL:-}" || -f "$OUT/$2-discoeval.json" ]] || "$C4J" eval discourse --model "$1" --discoeval "$DISCOEVAL" --max-examples "${MAX_EXAMPLES:-2000}" \
    --no-progress --out "$OUT/$2-discoeval.json"
}
# The minilm STS report is deterministic: BEFORE_STS=FILE reuses one made earlier (e.g. by bench/eval/run-minilm.sh).
[[ -n "${BEFORE_STS:-}" ]] && cp "$BEFORE_STS" "$OUT/before-sts.json"
step "probes and STS before"; probe minilm before
if [[ -n "${MODEL:-}" ]]; then ln -sfn "$(cd "$MODEL" && pwd)" "$OUT/model"; echo 0 > "$OUT/train-seconds.txt"; else
step "CONPONO training: $STEPS steps, batch $BATCH"
t0=$(date +%s)
"$C4J" pretrain --objective conpono --model minilm --corpus "$OUT/train.txt" --out "$OUT/model" \
  --steps "$STEPS" --batch-size "$BATCH" --lr "${LR:-2e-5}" ${HEAD_LR:+--head-lr "$HEAD_LR"} --warmup $((STEPS / 10)) --dev none --seed "${SEED:-42}" ${PRETRAIN_OPTS:-} \
  --checkpoint-every "$STEPS" --quiet
echo $(( $(date +%s) - t0 )) > "$OUT/train-seconds.txt"; fi
step "probes and STS after"; probe "$OUT/model" after
J="$ROOT/bench/tools/jget.py"
echo "| model | SP acc | BSO acc | STS avg |"; echo "|---|---:|---:|---:|"
echo "| all-MiniLM-L6-v2 | $($J "$OUT/before-discourse.json" tasks/SP/acc) | $($J "$OUT/before-discourse.json" tasks/BSO/acc) | $($J "$OUT/before-sts.json" sts_avg) |"
echo "| + CONPONO, $STEPS steps x $BATCH anchors, lr ${LR:-2e-5}, head lr ${HEAD_LR:-${LR:-2e-5}} ($(cat "$OUT/train-seconds.txt") s) | $($J "$OUT/after-discourse.json" tasks/SP/acc) | $($J "$OUT/after-discourse.json" tasks/BSO/acc) | $($J "$OUT/after-sts.json" sts_avg) |"
if [[ -n "${DISCOEVAL:-}" ]]; then
  echo; echo "| model | $(python3 -c 'import json,sys; print(" | ".join(json.load(open(sys.argv[1]))["tasks"]))' "$OUT/before-discoeval.json") | avg |"
  python3 -c 'import json,sys; print("|---|" + "---:|" * (len(json.load(open(sys.argv[1]))["tasks"]) + 1))' "$OUT/before-discoeval.json"
  for tag in before after; do
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); t=r["tasks"]; print("| "+sys.argv[2]+" | "+" | ".join("%.2f" % t[k]["acc"] for k in t)+" | %.2f |" % r["summary"]["discourse_avg_acc"])' "$OUT/$tag-discoeval.json" "$tag"
  done
fi
