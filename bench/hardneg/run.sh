#!/usr/bin/env bash
# Hard negatives on MRPC (issue 12): fine-tune all-MiniLM-L6-v2 on MRPC's positive (paraphrase)
# train pairs three ways with the same steps, batch, lr and seed:
#   inbatch : in-batch negatives only             (pretrain --objective pairs --pairs)
#   mined   : + 1 mined hard negative per anchor  (contrast4j mine, then --hard-negatives)
#   mochi   : in-batch + MoCHi synthetic negatives (--mochi N,s,s')
# and measure, for minilm before training and for each run after it:
#   - STS average: 'contrast4j eval sts' (every STS set under CONTRAST4J_DATA, Spearman x100)
#   - paired retrieval on held-out MRPC *test* positives: each anchor retrieves its paraphrase
#     among all held-out positives by cosine ('contrast4j eval bitext', source->target direction):
#     recall@1 and MRR@10, x100
#   - training time (train_seconds of the run, and the command's wall time)
# then prints a Markdown table (also written to OUT/results.md).
#
# Usage: CONTRAST4J_DATA=/path/to/datasets bench/hardneg/run.sh OUT_DIR
# Settings (environment): STEPS=200 BATCH=32 LR=2e-5 SEED=42 HELDOUT=0 (0 = all 1,147 test positives) TRAIN_LIMIT=0 (0 = all 2,753
#   train pairs) MOCHI=16,8,4 NEG=1 USE_INDEX=1 (mine through a Lucene index of the train sentences;
#   0 = exact search) MINE_OPTS="--rank-min 3 --rank-max 30 --relative-margin 0.05 --max-sim 0.85"
#   STS_TASKS= (default: all STS sets found; e.g. STSBenchmark for a quick run) C4J= (the contrast4j command) BEFORE_STS=
# Sized for about 25 minutes on the 2-core CPU machine with the defaults. Smoke test:
#   STEPS=3 BATCH=8 HELDOUT=50 TRAIN_LIMIT=200 STS_TASKS=STSBenchmark bench/hardneg/run.sh /tmp/hn
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?output folder}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder (MRPC and the STS sets)}"
STEPS="${STEPS:-200}"; BATCH="${BATCH:-32}"; LR="${LR:-2e-5}"; SEED="${SEED:-42}"
HELDOUT="${HELDOUT:-0}"; TRAIN_LIMIT="${TRAIN_LIMIT:-0}"; MOCHI="${MOCHI:-16,8,4}"; NEG="${NEG:-1}"
USE_INDEX="${USE_INDEX:-1}"
MINE_OPTS="${MINE_OPTS:---rank-min 3 --rank-max 30 --relative-margin 0.05 --max-sim 0.85}"
STS_TASKS="${STS_TASKS:-}"
C4J="${C4J:-$ROOT/bin/contrast4j}"
MRPC="$CONTRAST4J_DATA/senteval/MRPC"
for f in msr_paraphrase_train.txt msr_paraphrase_test.txt; do
  [ -f "$MRPC/$f" ] || { echo "error: $MRPC/$f not found (MRPC as SentEval distributes it)" >&2; exit 2; }
done
mkdir -p "$OUT"
LOG="$OUT/timings.tsv"
: > "$LOG"

# Runs a command, appends "name<TAB>wall seconds" to timings.tsv.
timed() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@"
  t1=$(date +%s.%N)
  printf '%s\t%.1f\n' "$name" "$(echo "$t1 - $t0" | bc)" >> "$LOG"
}

# (1) MRPC positive pairs (Quality = 1): train pairs for training and mining, test pairs held out.
# Columns: Quality, #1 ID, #2 ID, #1 String, #2 String; header line (with a BOM) skipped; CRs removed.
positives() { tr -d '\r' < "$1" | awk -F'\t' 'NR > 1 && $1 == "1" && $4 != "" && $5 != "" { print $4 "\t" $5 }'; }
positives "$MRPC/msr_paraphrase_train.txt" > "$OUT/train-all.tsv"
if [ "$TRAIN_LIMIT" -gt 0 ]; then head -n "$TRAIN_LIMIT" "$OUT/train-all.tsv" > "$OUT/train.tsv"; else cp "$OUT/train-all.tsv" "$OUT/train.tsv"; fi
positives "$MRPC/msr_paraphrase_test.txt" > "$OUT/heldout-all.tsv" # (no 'head' in a pipe: pipefail + SIGPIPE)
if [ "$HELDOUT" -gt 0 ]; then head -n "$HELDOUT" "$OUT/heldout-all.tsv" > "$OUT/heldout.tsv"; else cp "$OUT/heldout-all.tsv" "$OUT/heldout.tsv"; fi
echo "MRPC: $(wc -l < "$OUT/train.tsv") train pairs, $(wc -l < "$OUT/heldout.tsv") held-out test pairs" >&2

STS_ARGS=()
[ -n "$STS_TASKS" ] && STS_ARGS=(--tasks "$STS_TASKS")
measure() { # MODEL NAME
  # BEFORE_STS=FILE reuses minilm's (deterministic) STS report, e.g. from bench/eval/run-minilm.sh.
  if [ "$2" = minilm ] && [ -n "${BEFORE_STS:-}" ]; then cp "$BEFORE_STS" "$OUT/minilm.sts.json"; else
  timed "eval-sts-$2" "$C4J" eval sts --model "$1" "${STS_ARGS[@]}" --out "$OUT/$2.sts.json" --no-progress >/dev/null; fi
  timed "eval-pairs-$2" "$C4J" eval bitext --model "$1" --pairs "$OUT/heldout.tsv" --limit 0 --out "$OUT/$2.pairs.json" --no-progress >/dev/null
}

# (0) Before: minilm.
measure minilm minilm

# (2) Mine hard negatives with minilm, through a Lucene index of the train sentences (or exactly).
if [ "$USE_INDEX" = 1 ]; then
  cut -f1,2 "$OUT/train.tsv" | tr '\t' '\n' | awk '!seen[$0]++' > "$OUT/train-sentences.txt"
  rm -rf "$OUT/index"
  timed index "$C4J" index build --model minilm --corpus "$OUT/train-sentences.txt" --index "$OUT/index" --quiet > "$OUT/index.json"
  INDEX_ARGS=(--index "$OUT/index")
else
  INDEX_ARGS=(--pool both)
fi
# shellcheck disable=SC2086
timed mine "$C4J" mine --model minilm --pairs "$OUT/train.tsv" "${INDEX_ARGS[@]}" --out "$OUT/mined.tsv" \
  --negatives-per-anchor "$NEG" $MINE_OPTS > "$OUT/mine.json"

# (3) Three fine-tuning runs, same steps / batch / lr / seed.
COMMON=(--model minilm --steps "$STEPS" --batch-size "$BATCH" --lr "$LR" --seed "$SEED" --dev none
  --checkpoint-every 0 --quiet)
train() { # NAME ARGS...
  local name="$1"; shift
  rm -rf "${OUT:?}/$name"
  timed "train-$name" "$C4J" pretrain --objective pairs "${COMMON[@]}" --out "$OUT/$name" "$@" > "$OUT/$name.train.json"
  measure "$OUT/$name" "$name"
}
train inbatch --pairs "$OUT/train.tsv"
train mined --hard-negatives "$OUT/mined.tsv" --negatives-per-anchor "$NEG"
train mochi --pairs "$OUT/train.tsv" --mochi "$MOCHI"

# (4) The table.
python3 - "$OUT" "$STEPS" "$BATCH" "$LR" "$SEED" "$MOCHI" <<'PY' | tee "$OUT/results.md"
import json, sys, os
out, steps, batch, lr, seed, mochi = sys.argv[1:]
times = dict(l.rstrip("\n").split("\t") for l in open(os.path.join(out, "timings.tsv")))
def load(name, kind):
    return json.load(open(os.path.join(out, f"{name}.{kind}.json")))
def sts(name):
    s = load(name, "sts").get("summary", {})
    key = next(k for k in s if k.startswith("sts_avg_spearman"))
    return s[key], s.get("sts_avg_tasks")
def pairs(name):
    t = next(iter(load(name, "pairs")["tasks"].values()))
    return t["acc_src2tgt"], t["mrr@10_src2tgt"], t["n"]
mine = json.load(open(os.path.join(out, "mine.json")))
rows = [("all-MiniLM-L6-v2 (before)", "minilm", None)]
labels = {"inbatch": "in-batch negatives only", "mined": "+ mined hard negatives", "mochi": f"+ MoCHi {mochi} (in-batch)"}
for n in ("inbatch", "mined", "mochi"):
    rows.append((labels[n], n, json.load(open(os.path.join(out, f"{n}.train.json")))))
_, tasks = sts("minilm")
n_pairs = pairs("minilm")[2]
print(f"MRPC positive pairs, {steps} steps x batch {batch}, lr {lr}, seed {seed}; "
      f"mined: {mine['pairs_with_all_negatives']}/{mine['pairs']} pairs with all negatives ({mine['candidates']}).\n")
print(f"| model | STS avg ({', '.join(tasks) if isinstance(tasks, list) else tasks}) | held-out paired retrieval R@1 (n={n_pairs}) | MRR@10 | train s | run wall s |")
print("|---|---:|---:|---:|---:|---:|")
for label, name, tr in rows:
    s, _ = sts(name)
    r1, mrr, _ = pairs(name)
    train_s = f"{tr['train_seconds']:.0f}" if tr else "-"
    wall = times.get(f"train-{name}", "-")
    print(f"| {label} | {s:.2f} | {r1:.2f} | {mrr:.2f} | {train_s} | {wall} |")
print(f"\nmining wall s: {times.get('mine', '-')}" + (f", index build wall s: {times['index']}" if 'index' in times else ""))
PY
