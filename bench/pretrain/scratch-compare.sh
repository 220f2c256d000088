#!/usr/bin/env bash
# A small BERT (4 layers, hidden 256, MiniLM's vocabulary) trained from scratch with SimCSE and
# with DeCLUTR on the same budget (steps x batch), against word2vec baselines (our skip-gram on the
# same corpus, sentences as SIF and as mean vectors): the STS average (every STS set present: STS12-16, STS-B, SICK-R) of each, as a table.
# Usage: bench/pretrain/scratch-compare.sh CORPUS OUTDIR [STEPS=300] [BATCH=32]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CORPUS="${1:?corpus file}"
OUT="${2:?output folder}"
STEPS="${3:-300}"
BATCH="${4:-32}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
C4J="${C4J:-$ROOT/bin/contrast4j}" J="$ROOT/bench/tools/jget.py"
mkdir -p "$OUT"
step() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
for OBJ in simcse declutr; do
  step "$OBJ from scratch: $STEPS steps x $BATCH"
  t0=$(date +%s)
  "$C4J" pretrain --objective "$OBJ" --model scratch:4x256 --corpus "$CORPUS" --out "$OUT/$OBJ" --steps "$STEPS" \
    --batch-size "$BATCH" --lr 5e-4 --warmup $((STEPS / 10)) --checkpoint-every "$STEPS" --dev none --seed 42 --quiet \
    > "$OUT/$OBJ.json"
  echo $(( $(date +%s) - t0 )) > "$OUT/$OBJ.seconds"
  "$C4J" eval sts --model "$OUT/$OBJ" --no-progress --out "$OUT/$OBJ-sts.json"
done
step "the untrained 4x256 (seed 42; saved after one step at lr 1e-12, i.e. its random init)"
"$C4J" pretrain --objective simcse --model scratch:4x256 --corpus "$CORPUS" --out "$OUT/init" --steps 1 --batch-size 2 \
  --lr 1e-12 --warmup 0 --checkpoint-every 1 --dev none --seed 42 --max-sentences 100 --quiet > "$OUT/init.json"
"$C4J" eval sts --model "$OUT/init" --no-progress --out "$OUT/init-sts.json"
step "word2vec skip-gram on the same corpus (dim 100, 5 epochs)"
t0=$(date +%s)
"$C4J" word2vec tokenize --in "$CORPUS" --out "$OUT/corpus.tok.txt" > /dev/null
"$C4J" word2vec train --corpus "$OUT/corpus.tok.txt" --out "$OUT/w2v/vectors.bin" --dim 100 --epochs 5 --threads 2 --seed 42 --quiet > "$OUT/w2v.json"
echo $(( $(date +%s) - t0 )) > "$OUT/w2v.seconds"
"$C4J" eval sts --vectors "$OUT/w2v/vectors.bin" --sif --no-progress --out "$OUT/w2v-sif-sts.json"
"$C4J" eval sts --vectors "$OUT/w2v/vectors.bin" --no-progress --out "$OUT/w2v-mean-sts.json"
echo "| model (same corpus) | training s | STS avg | STS-B test |"; echo "|---|---:|---:|---:|"
echo "| 4x256 random init, untrained | 0 | $($J "$OUT/init-sts.json" sts_avg) | $($J "$OUT/init-sts.json" tasks/STSBenchmark/spearman) |"
for m in simcse declutr; do
  echo "| 4x256 from scratch, $m, $STEPS x $BATCH | $(cat "$OUT/$m.seconds") | $($J "$OUT/$m-sts.json" sts_avg) | $($J "$OUT/$m-sts.json" tasks/STSBenchmark/spearman) |"
done
for v in sif mean; do
  echo "| word2vec skip-gram 100d, $v | $(cat "$OUT/w2v.seconds") | $($J "$OUT/w2v-$v-sts.json" sts_avg) | $($J "$OUT/w2v-$v-sts.json" tasks/STSBenchmark/spearman) |"
done
