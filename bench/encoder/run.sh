#!/usr/bin/env bash
# Encoder throughput: our DJL MiniLM path vs ONNX Runtime on the same ONNX file (and the int8 ONNX
# path that --engine onnxruntime --precision int8 runs), same tokenizer and
# batches, in the same JVM; STS-B test (2,758 sentences) at batch 32. Prints sentences/s per run,
# the medians, their ratio and peak RSS; then peak RSS of each engine alone in its own JVM.
#
#   CONTRAST4J_DATA=/path/to/datasets bench/encoder/run.sh [--runs 7] [--threads 2] [--batch 32] [--limit N]
#       [--latency N] [--profile TRACE.json]
# (--limit: first N sentences only, for a quick look; --latency N: batch-1 p50/p99 over the first N
# sentences, engines alternating per sentence; --profile: one more DJL pass under libtorch's
# profiler, summarized by bench/common/torch_trace.py; SKIP_BUILD=1 reuses the last build)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]]; then
  for j in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    [[ -x "$j/bin/java" ]] && export JAVA_HOME="$j" && break
  done
fi
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] || { echo "need a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
[[ -n "${CONTRAST4J_DATA:-}" ]] || { echo "set CONTRAST4J_DATA to the datasets folder (senteval/STS/STSBenchmark)" >&2; exit 1; }
export DJL_OFFLINE=true

RUNS=7; THREADS=2; BATCH=32; LIMIT=100000; EXTRA=(); TRACE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --batch) BATCH="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --latency) EXTRA+=(--latency "$2"); shift 2 ;;
    --profile) TRACE="$2"; EXTRA+=(--profile "$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  mvn -B -q -pl nlp-core,data,sentence install -DskipTests
  mvn -B -q -pl bench -am compile -DskipTests -Dmaven.test.skip=true >/dev/null
fi
CP_FILE=bench/target/encoder-bench.classpath
mvn -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$PWD/$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CP="bench/target/classes:$(cat "$CP_FILE")"

JVM=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
     -Dai.djl.pytorch.num_threads="$THREADS" -Dai.djl.pytorch.num_interop_threads=1 -Xmx2g)
MAIN=io.contrast4j.bench.EncoderBench

echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== both engines, alternating runs"
"$JAVA_HOME/bin/java" "${JVM[@]}" -cp "$CP" "$MAIN" --runs "$RUNS" --threads "$THREADS" --batch "$BATCH" --limit "$LIMIT" --only all "${EXTRA[@]}"
[[ -z "$TRACE" ]] || /usr/bin/python3 bench/common/torch_trace.py "$TRACE" "one DJL pass over the sentences"
for only in djl ort int8; do
  echo "== $only alone (peak RSS of one engine)"
  "$JAVA_HOME/bin/java" "${JVM[@]}" -cp "$CP" "$MAIN" --runs 1 --threads "$THREADS" --batch "$BATCH" --limit "$LIMIT" --only "$only" 2>/dev/null \
    | grep -E "median|peak RSS"
done
