#!/usr/bin/env bash
# Spark bench: distributed encoding (local[1] vs local[2] vs single-JVM `encode`) and the sharded
# index build (shards in parallel + merge vs one writer, both from the same precomputed vectors),
# with recall@10 against exact search. Measure on an idle machine; numbers go to docs/scale.md.
#
#   bench/spark/run.sh --in SENTENCES.txt [--sentences 20000] [--queries 200] [--shards 2]
#
# SENTENCES.txt: one sentence a line (blank lines are dropped); the first N are encoded and
# indexed, the next Q are held-out queries. Example with the default corpora:
#   bin/contrast4j data corpora --out /work/corpora
#   bench/spark/run.sh --in <(some file of sentences) ...   (see docs/scale.md for the exact command)
# Needs a JDK >= 21 (Spark 4.2 wants Temurin 25.0.3+) and Maven. Work files: bench/spark/work/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/work"
IN=""; N=20000; Q=200; SHARDS=2
while [[ $# -gt 0 ]]; do
  case "$1" in
    --in) IN="$2"; shift 2 ;;
    --sentences) N="$2"; shift 2 ;;
    --queries) Q="$2"; shift 2 ;;
    --shards) SHARDS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -n "$IN" && -f "$IN" ]] || { echo "give --in FILE (one sentence a line)" >&2; exit 2; }

. "$ROOT/bin/find-jdk.sh"
JAVA_HOME="$(find_jdk || true)"
[[ -n "$JAVA_HOME" ]] || { echo "need a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME DJL_OFFLINE=true

# A private copy of the CLI (package, not install: ~/.m2 may be shared).
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$WORK/cli/contrast4j-cli.jar" ]]; then
  (cd "$ROOT" && mvn -B -q -o -pl cli -am package -DskipTests)
  rm -rf "$WORK/cli" && mkdir -p "$WORK/cli" && cp -r "$ROOT/cli/target/contrast4j-cli.jar" "$ROOT/cli/target/lib" "$WORK/cli/"
fi
OPENS=(-XX:+IgnoreUnrecognizedVMOptions -Dio.netty.tryReflectionSetAccessible=true --sun-misc-unsafe-memory-access=allow
       --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.util.calendar; do
  OPENS+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
JAVA=("$JAVA_HOME/bin/java" -Xmx6g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn "${OPENS[@]}")
C4J=("${JAVA[@]}" -jar "$WORK/cli/contrast4j-cli.jar")

RUN="$WORK/run-$N"
rm -rf "$RUN" && mkdir -p "$RUN"
awk -v n="$N" 'NF { c++; if (c <= n) print }' "$IN" > "$RUN/sentences.txt"
awk -v n="$N" -v q="$Q" 'NF { c++; if (c > n && c <= n + q) print }' "$IN" > "$RUN/queries.txt"
GOT="$(wc -l < "$RUN/sentences.txt")"
echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== $GOT sentences, $(wc -l < "$RUN/queries.txt") held-out queries, from $IN"

field() { python3 -c "import json,sys; print(json.loads(sys.stdin.read())['$1'])"; }
PARTS=$((4 * 2))  # a few partitions per task slot, so that no slot waits on a long one

echo "-- encode"
S1=$("${JAVA[@]}" -Dai.djl.pytorch.num_threads=1 -jar "$WORK/cli/contrast4j-cli.jar" encode --in "$RUN/sentences.txt" --out "$RUN/single-t1.npy" --quiet)
echo "single JVM, 1 PyTorch thread:  $S1"
S2=$("${JAVA[@]}" -Dai.djl.pytorch.num_threads=2 -jar "$WORK/cli/contrast4j-cli.jar" encode --in "$RUN/sentences.txt" --out "$RUN/single-t2.npy" --quiet)
echo "single JVM, 2 PyTorch threads: $S2"
L1=$("${C4J[@]}" encode --spark 'local[1]' --partitions "$PARTS" --in "$RUN/sentences.txt" --out "$RUN/spark-l1" --quiet)
echo "spark local[1]:                $L1"
L2=$("${C4J[@]}" encode --spark 'local[2]' --partitions "$PARTS" --in "$RUN/sentences.txt" --out "$RUN/spark-l2" --quiet)
echo "spark local[2]:                $L2"
r1=$(echo "$L1" | field sentences_per_second); r2=$(echo "$L2" | field sentences_per_second)
s1=$(echo "$S1" | field sentences_per_second); s2=$(echo "$S2" | field sentences_per_second)
python3 - "$r1" "$r2" "$s1" "$s2" <<'PY'
import sys
r1, r2, s1, s2 = map(float, sys.argv[1:])
print(f"sentences/s: local[1] {r1:.1f}, local[2] {r2:.1f} (x{r2/r1:.2f}); single JVM 1 thread {s1:.1f}, 2 threads {s2:.1f}")
print(f"local[1] / single(1 thread) = {r1/s1:.2f}; local[2] / single(2 threads) = {r2/s2:.2f}")
PY

echo "-- index build from the local[2] vectors (no re-encoding)"
B1=$("${C4J[@]}" index build --spark 'local[1]' --shards 1 --model minilm --corpus "$RUN/spark-l2" --index "$RUN/idx-single" --quiet)
echo "one writer (1 shard):  $B1"
BN=$("${C4J[@]}" index build --spark "local[$SHARDS]" --shards "$SHARDS" --model minilm --corpus "$RUN/spark-l2" --index "$RUN/idx-sharded" --quiet)
echo "$SHARDS shards, merged:    $BN"
BK=$("${C4J[@]}" index build --spark "local[$SHARDS]" --shards "$SHARDS" --segments 0 --model minilm --corpus "$RUN/spark-l2" --index "$RUN/idx-kept" --quiet)
echo "$SHARDS shards, kept:      $BK"

echo "-- recall@10 against exact search ($(wc -l < "$RUN/queries.txt") held-out queries)"
"${JAVA[@]}" -cp "$WORK/cli/contrast4j-cli.jar:$WORK/cli/lib/*" "$HERE/IndexRecall.java" "$RUN/single-t1.npy" sentences.txt \
  "$RUN/queries.txt" "$RUN/idx-single" "$RUN/idx-sharded" "$RUN/idx-kept"
echo "== done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
