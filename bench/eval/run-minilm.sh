#!/usr/bin/env bash
# Runs the MiniLM evaluations behind docs/eval.md: STS (incl. the MTEB SICK-R variant) and the
# nine SentEval transfer tasks, one report per task group, sharing one on-disk embedding cache so
# that every sentence is encoded once. Usage: bench/eval/run-minilm.sh OUT_DIR [CONTRAST4J command]
# Needs CONTRAST4J_DATA (or edit --data-dir). Takes long on 2 shared cores: run it in the background.
set -euo pipefail
OUT="${1:?usage: run-minilm.sh OUT_DIR}"
C4J="${2:-$(cd "$(dirname "$0")/../.." && pwd)/bin/contrast4j}"
mkdir -p "$OUT"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
run() { echo "== $(date -u +%H:%M:%S) $*" >&2; /usr/bin/time -f "%e s wall" $C4J "$@"; }
run eval sts --model minilm --cache-dir "$OUT/cache" --no-progress \
  --tasks STS12,STS13,STS14,STS15,STSBenchmark,SICKRelatedness,SICKRelatedness-all --out "$OUT/sts.json"
# Smallest first, so that a time-boxed run still yields whole tasks; TREC's features are exported for
# bench/eval/sklearn_check.py.
run eval senteval --model minilm --cache-dir "$OUT/cache" --no-progress --tasks TREC --export-features "$OUT/features" \
  --out "$OUT/senteval-TREC.json"
for t in CR MRPC SICKEntailment MR SUBJ MPQA SST5 SST2; do
  run eval senteval --model minilm --cache-dir "$OUT/cache" --no-progress --tasks "$t" --out "$OUT/senteval-$t.json"
done
echo "== $(date -u +%H:%M:%S) done" >&2
