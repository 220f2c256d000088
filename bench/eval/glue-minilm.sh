#!/usr/bin/env bash
# GLUE-style fine-tuning of all-MiniLM-L6-v2 on MRPC and STS-B (SentEval layout of the datasets
# folder), BERT's recipe: 3 epochs, batch 32, max length 128, 10% warmup, rates 2e-5/3e-5/5e-5
# (STS-B: chosen on dev; MRPC has no dev there: the first rate is reported), seeds 1,2,3.
# Usage: CONTRAST4J_DATA=../shared/datasets [LRS=2e-5,3e-5,5e-5] [SEEDS=1,2,3] [TASKS=MRPC,STS-B] bench/eval/glue-minilm.sh OUT_DIR [extra eval-glue options]
# Runs alone on the machine (it is CPU-bound for hours on 2 cores: 9 runs per task). Resumable: runs go to
# OUT/work (checkpoints every 100 steps); calling it again with the same OUT continues where it stopped.
set -euo pipefail
OUT="${1:?usage: glue-minilm.sh OUT_DIR [options]}"; shift || true
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$OUT"
echo "start $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$OUT/run.log"
LRS="${LRS:-2e-5,3e-5,5e-5}" SEEDS="${SEEDS:-1,2,3}"
/usr/bin/time -v "$ROOT/bin/contrast4j" eval glue --model minilm --tasks "${TASKS:-MRPC,STS-B}" \
    --lr "$LRS" --seeds "$SEEDS" --epochs 3 --batch-size 32 --max-length 128 \
    --work-dir "$OUT/work" --checkpoint-every 100 $( [[ -d "$OUT/work" ]] && echo --resume ) \
    --out "$OUT/glue-minilm.json" "$@" 2>&1 | tee -a "$OUT/run.log"
echo "end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/run.log"
