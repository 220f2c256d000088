#!/usr/bin/env bash
# Export check on STS-B: exports MODEL to ONNX and evaluates STS-B test through ONNX Runtime and through
# our DJL encoder; passes when the Spearman scores differ by at most 0.01 (issue 22). Not a speed test.
#
#   CONTRAST4J_DATA=/path/to/datasets bench/models/onnx-sts.sh [MODEL=minilm] [EXPORT_DIR]
# MODEL: "minilm" or a model folder, e.g. one written by `contrast4j pretrain` (a fine-tuned MiniLM).
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
MODEL="${1:-minilm}"
CP_FILE="$PWD/bench/target/onnx-sts.classpath"
# compile the reactor in place (no install) and take each module's target/classes from it
mvn -o -B -q -pl bench -am compile dependency:build-classpath -DskipTests -Dmaven.test.skip=true \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime >/dev/null
CP="bench/target/classes:$(cat "$CP_FILE")"
CP="$CP:$(ls -d */target/classes | tr '\n' ':')"
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true \
    -Dai.djl.pytorch.num_threads="${THREADS:-2}" -Dort.threads="${THREADS:-2}" -Xmx3g \
    -cp "$CP" io.contrast4j.bench.OnnxExportSts "$MODEL" "$CONTRAST4J_DATA" ${2:+"$2"} 2> >(grep -v "^WARNING" >&2)
