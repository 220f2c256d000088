#!/usr/bin/env bash
# Load test of `contrast4j serve` with slow clients beside it (issue #20), loopback only.
#
#   bench/search/load-test.sh [--requests 10000] [--concurrency 16] [--slow 8] [--threads 4]
#                             [--mode text] [--k 10] [--max-seconds 300] [--corpus FILE.jsonl|.txt]
#
# Builds the CLI (mvn package, no install; SKIP_BUILD=1 reuses cli/target), indexes a small corpus
# with the hashing model (default: every line of the repository's Markdown docs with 6+ words),
# starts `serve` on 127.0.0.1 with a free port, runs LoadTest.java (REQUESTS requests from
# CONCURRENCY clients while SLOW slowloris clients hold connections open), stops the server and
# prints one JSON line (errors, p50/p90/p99/max, slow-client counts) plus the load average.
# Bounded: at most MAX_SECONDS of load; the server is always stopped.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
REQUESTS=10000; CONCURRENCY=16; SLOW=8; THREADS=4; MODE=text; K=10; MAX_SECONDS=300; CORPUS=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --requests) REQUESTS="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --slow) SLOW="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --mode) MODE="$2"; shift 2 ;;
    --k) K="$2"; shift 2 ;;
    --max-seconds) MAX_SECONDS="$2"; shift 2 ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

. "$ROOT/bin/find-jdk.sh"
JAVA_HOME="$(find_jdk || true)"
[[ -n "$JAVA_HOME" ]] || { echo "need a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME DJL_OFFLINE=true
JAR="$ROOT/cli/target/contrast4j-cli.jar"
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$JAR" ]]; then
  (cd "$ROOT" && mvn -B -q ${MVN_OFFLINE:+-o} -DskipTests -pl cli -am package)
fi
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

WORK="$HERE/work/load"
rm -rf "$WORK/index" && mkdir -p "$WORK"
if [[ -z "$CORPUS" ]]; then
  CORPUS="$WORK/docs.txt"
  cat "$ROOT"/README.md "$ROOT"/docs/*.md | awk 'NF >= 6' > "$CORPUS"
fi
# Queries: the words of the corpus that occur in it, one a line, in a fixed order.
tr -cs 'A-Za-z' '\n' < "$CORPUS" | awk 'length($0) >= 4 { print tolower($0) }' | sort -u | head -2000 > "$WORK/queries.txt"
"${JAVA[@]}" -jar "$JAR" index build --model hashing --corpus "$CORPUS" --index "$WORK/index" --quiet > "$WORK/build.json"

"${JAVA[@]}" -Xmx1g -jar "$JAR" serve --index "$WORK/index" --port 0 --threads "$THREADS" 2> "$WORK/serve.log" &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true' EXIT
URL=""
for _ in $(seq 1 120); do
  URL="$(grep -o 'listening on http://127.0.0.1:[0-9]*/' "$WORK/serve.log" | head -1 | sed 's/listening on //' || true)"
  [[ -n "$URL" ]] && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.5
done
[[ -n "$URL" ]] || { echo "serve did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }

echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "== serve $URL: $(grep -o '"passages" *: *[0-9]*' "$WORK/build.json" | head -1 | tr -d ' "'), --threads $THREADS; $REQUESTS requests ($MODE, k=$K), $CONCURRENCY concurrent, $SLOW slow clients"
echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout $((MAX_SECONDS + 60)) "$JAVA_HOME/bin/java" "$HERE/LoadTest.java" "$URL" "$WORK/queries.txt" "$REQUESTS" "$CONCURRENCY" "$MODE" "$K" "$SLOW" "$MAX_SECONDS" \
  | tee "$WORK/load.jsonl"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
