#!/usr/bin/env bash
# Training step speed, Contrast4J vs plain PyTorch (issue #25): the same unsupervised SimCSE step
# (InfoNCE, in-batch negatives, tau 0.05) on all-MiniLM-L6-v2 (the embedded weights on our side; the
# same weights, written out as model.safetensors, in a BERT written in plain PyTorch on theirs),
# 32 pairs (two dropout views) of 32 tokens, AdamW, clip 1.0, fp32, THREADS threads. Runs alternate
# (ours, theirs, ours, ...), each a fresh process: WARMUP steps, then STEPS timed ones. Prints the
# median steps/s of each side, the ratio, the step's FLOPs and the fraction of the CPU's peak, then
# our step written out with a timer per phase (forward, backward, optimizer, ...) and one step
# under libtorch's profiler (time inside ops vs outside: Java/JNI/NDArray overhead).
#
#   bench/pretrain/step-speed.sh [--runs 5] [--steps 20] [--warmup 3] [--threads 2]
# Needs: a JDK >= 21, Maven (SKIP_BUILD=1 reuses the last build), Debian's python3-torch under
# /usr/bin/python3 (or PYTHON=...). Run it alone on the machine: the load average is printed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/pretrain"
WORK="$HERE/work"
RUNS=5; STEPS=20; WARMUP=3; THREADS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --steps) STEPS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
. "$ROOT/bin/find-jdk.sh"
JAVA_HOME="$(find_jdk || true)"
[[ -n "$JAVA_HOME" ]] || { echo "need a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME DJL_OFFLINE=true OMP_NUM_THREADS="$THREADS"
PY="${PYTHON:-/usr/bin/python3}"
"$PY" -c 'import torch, numpy' || { echo "need $PY with torch and numpy (Debian: apt-get install python3-torch)" >&2; exit 1; }
mkdir -p "$WORK"

# Built inside the reactor (package, not install: nothing is written to ~/.m2).
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -B -q -pl bench -am package -DskipTests -Dmaven.test.skip=true)
fi
CP="$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar:$ROOT/cli/target/contrast4j-cli.jar:$ROOT/cli/target/lib/*"
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
      -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xmx2g -cp "$CP" io.contrast4j.bench.StepSpeedBench)

echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), torch $("$PY" -c 'import torch; print(torch.__version__)')"
echo "== SimCSE step: 2 views x 32 sequences x 32 tokens, $THREADS threads; $RUNS alternating runs of $WARMUP warmup + $STEPS timed steps"
[[ -f "$WORK/minilm-hf/model.safetensors" ]] || "${JAVA[@]}" --mode save-weights --out "$WORK/minilm-hf" 2>/dev/null
RESULTS="$WORK/runs.jsonl"
: > "$RESULTS"
for r in $(seq 1 "$RUNS"); do
  "${JAVA[@]}" --mode trainer --steps "$STEPS" --warmup "$WARMUP" 2>/dev/null | tee -a "$RESULTS"
  "$PY" "$HERE/step_speed.py" --model "$WORK/minilm-hf" --steps "$STEPS" --warmup "$WARMUP" --threads "$THREADS" | tee -a "$RESULTS"
done
echo "== our step with a timer per phase (one run; one more step under libtorch's profiler)"
"${JAVA[@]}" --mode profile --steps "$STEPS" --warmup "$WARMUP" --torch-trace "$WORK/step-trace.json" 2>/dev/null | tee "$WORK/profile.jsonl"
echo "== load after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
OMP_NUM_THREADS="$THREADS" "$PY" "$HERE/step_speed_report.py" "$RESULTS" "$WORK/profile.jsonl" "$WORK/step-trace.json"
