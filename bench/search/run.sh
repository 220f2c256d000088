#!/usr/bin/env bash
# Vector search bench: Lucene HNSW (through the search module) vs FAISS HNSW on the same 100,000
# all-MiniLM-L6-v2 vectors, then a bounded HTTP load test of `contrast4j serve` on loopback.
#
#   bench/search/run.sh [--texts words|sentences] [--limit 100000] [--m 16] [--beam 100] [--parts N] [--skip-load]
#
# --texts words (default): 100,000 word types of the default corpora, 1,000 held-out words as
# queries (prepare_words.py); --texts sentences: 100,000 short sentences/glosses and 1,000 held-out
# State of the Union sentences (prepare_sentences.py), ~4x the encoding work.
# Needs: a JDK >= 21, Maven, python3 with numpy and faiss (Debian: apt-get install python3-faiss),
# the default corpora (`contrast4j data corpora --out /work/corpora`, or CORPORA=DIR).
# Everything it makes is cached under bench/search/work/ (sentences, .npy vectors, indexes).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK_ROOT="$HERE/work"
CORPORA="${CORPORA:-/work/corpora}"
TEXTS=words; LIMIT=100000; M=16; BEAM=100; PARTS="$(nproc)"; SKIP_LOAD=0; QUANTS="${QUANTS:-none,int8,int4}"
OVER_FETCH="${OVER_FETCH:-1,2,3,5,8,10}"; EF="${EF:-10,16,24,32,48,64,96,128}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --texts) TEXTS="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --m) M="$2"; shift 2 ;;
    --beam) BEAM="$2"; shift 2 ;;
    --parts) PARTS="$2"; shift 2 ;;
    --skip-load) SKIP_LOAD=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

. "$ROOT/bin/find-jdk.sh"
JAVA_HOME="$(find_jdk || true)"
[[ -n "$JAVA_HOME" ]] || { echo "need a JDK >= 21 (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME DJL_OFFLINE=true
PY=python3
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import faiss, numpy' 2>/dev/null; then PY="$p"; break; fi
done
"$PY" -c 'import faiss, numpy' || { echo "need python3 with faiss and numpy (apt-get install python3-faiss)" >&2; exit 1; }
WORK="$WORK_ROOT/$TEXTS"
mkdir -p "$WORK"

# A private copy of the CLI and its jars: a rebuild elsewhere must not swap jars under a running bench.
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -B -q -pl cli,bench -am install -DskipTests)
fi
if [[ "${SKIP_BUILD:-}" != 1 || ! -f "$WORK_ROOT/cli/contrast4j-cli.jar" ]]; then
  rm -rf "$WORK_ROOT/cli" && mkdir -p "$WORK_ROOT/cli" && cp -r "$ROOT/cli/target/contrast4j-cli.jar" "$ROOT/cli/target/lib" "$WORK_ROOT/cli/" \
    && cp "$ROOT/bench/target/bench-0.1.0-SNAPSHOT.jar" "$WORK_ROOT/cli/bench.jar"
fi
ORT_JAR="$(find "$HOME/.m2/repository/com/microsoft/onnxruntime/onnxruntime" -name 'onnxruntime-*.jar' | sort | tail -1)"
CP="$WORK_ROOT/cli/contrast4j-cli.jar:$WORK_ROOT/cli/bench.jar:$WORK_ROOT/cli/lib/*"
JAVA=("$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Dai.djl.offline=true
      -Dorg.slf4j.simpleLogger.defaultLogLevel=warn)

echo "== $(date -u +%FT%TZ) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"

[[ -f "$WORK/docs.txt" && -f "$WORK/queries.txt" ]] || "$PY" "$HERE/prepare_$TEXTS.py" "$CORPORA" "$WORK/docs.txt" "$WORK/queries.txt"

# Queries: the project's own MiniLM encoder (DJL).
[[ -f "$WORK/queries.npy" ]] || "${JAVA[@]}" -Xmx4g -jar "$WORK_ROOT/cli/contrast4j-cli.jar" encode --model minilm \
    --in "$WORK/queries.txt" --out "$WORK/queries.npy" --batch-size 64 --quiet >/dev/null
# Documents: the same MiniLM ONNX file in ONNX Runtime, PARTS single-threaded processes in parallel
# (fastest on a busy machine); checked against the project's encoder on the queries below.
if [[ ! -f "$WORK/docs.npy" ]]; then
  rm -rf "$WORK/parts" && mkdir -p "$WORK/parts"
  split -n "l/$PARTS" -d -a 2 "$WORK/docs.txt" "$WORK/parts/docs-"
  pids=()
  for f in "$WORK"/parts/docs-??; do
    "${JAVA[@]}" -Xmx1500m -cp "$CP:$ORT_JAR" io.contrast4j.bench.OrtEncode "$f" "$f.npy" 1 128 >"$f.json" 2>"$f.log" & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  "$PY" -c 'import numpy as np, sys, glob; np.save(sys.argv[1], np.concatenate([np.load(f) for f in sorted(glob.glob(sys.argv[2]))]))' \
      "$WORK/docs.npy" "$WORK/parts/docs-??.npy"
fi
[[ -f "$WORK/queries-ort.npy" ]] || "${JAVA[@]}" -Xmx1500m -cp "$CP:$ORT_JAR" io.contrast4j.bench.OrtEncode "$WORK/queries.txt" "$WORK/queries-ort.npy" 1 64 >/dev/null 2>&1
"$PY" -c 'import numpy as np, sys; a, b = np.load(sys.argv[1]), np.load(sys.argv[2]); print("== MiniLM: project encoder (DJL) vs ONNX Runtime on the %d queries: max |diff| %.2e" % (len(a), np.abs(a - b).max()))' \
    "$WORK/queries.npy" "$WORK/queries-ort.npy"

echo "== Lucene HNSW (M=$M, beam=$BEAM), $LIMIT docs, 1000 queries, k=10, one query thread"
"${JAVA[@]}" -Xmx6g -cp "$CP" "$HERE/SearchBench.java" "$WORK/docs.npy" "$WORK/docs.txt" "$WORK/queries.npy" "$WORK" \
    "$LIMIT" "$M" "$BEAM" "$QUANTS" "$OVER_FETCH" 2>/dev/null | tee "$WORK/lucene.jsonl"
N="$(grep -m1 '"engine": "exact"' "$WORK/lucene.jsonl" | sed 's/.*"docs": \([0-9]*\).*/\1/')"
echo "== FAISS IndexHNSWFlat (M=$M, efConstruction=$BEAM), same vectors, one thread"
"$PY" "$HERE/faiss_hnsw.py" "$WORK/docs.npy" "$WORK/queries.npy" "$WORK/truth-$N.npy" "$LIMIT" "$M" "$BEAM" "$EF" | tee "$WORK/faiss.jsonl"

"$PY" - "$WORK/lucene.jsonl" "$WORK/faiss.jsonl" <<'PYEOF'
import json, sys
lucene = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
faiss = [json.loads(l) for l in open(sys.argv[2]) if l.startswith("{")]
default = next(r for r in lucene if r["engine"] == "lucene" and r["quantization"] == "none" and r["over_fetch"] == 5)
matched = next((r for r in faiss if r["recall_at_10"] >= default["recall_at_10"]), faiss[-1])
print("== summary (default: float32 HNSW, over-fetch 5 -> k'=50)")
print("   Lucene recall@10 %.4f  QPS %.0f  p50 %.3f ms  p99 %.3f ms  build %.0f s  index %.0f MB"
      % (default["recall_at_10"], default["qps"], default["p50_ms"], default["p99_ms"], default["build_s"], default["index_mb"]))
print("   FAISS  recall@10 %.4f  QPS %.0f  p50 %.3f ms  p99 %.3f ms  build %.0f s  index %.0f MB  (efSearch %d, first with recall >= Lucene's)"
      % (matched["recall_at_10"], matched["qps"], matched["p50_ms"], matched["p99_ms"], matched["build_s"], matched["index_mb"], matched["ef_search"]))
print("   ratio Lucene/FAISS QPS at matched recall: %.2f" % (default["qps"] / matched["qps"]))
print("   recall@10 >= 0.95 at the default setting: %s" % ("yes" if default["recall_at_10"] >= 0.95 else "NO"))
PYEOF

if [[ "$SKIP_LOAD" == 1 ]]; then exit 0; fi
INDEX="$WORK/lucene-none-m$M-b$BEAM-$N"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"${JAVA[@]}" -Xmx4g -jar "$WORK_ROOT/cli/contrast4j-cli.jar" serve --index "$INDEX" --port "$PORT" --threads 4 2>"$WORK/serve.log" &
SERVE=$!
trap 'kill "$SERVE" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  sleep 1
done
echo "== load test: contrast4j serve on 127.0.0.1:$PORT ($N passages), 16 concurrent clients"
"$JAVA_HOME/bin/java" "$HERE/LoadTest.java" "http://127.0.0.1:$PORT/" "$WORK/queries.txt" 10000 16 text 10 | tee "$WORK/load.jsonl"
"$JAVA_HOME/bin/java" "$HERE/LoadTest.java" "http://127.0.0.1:$PORT/" "$WORK/queries.txt" 1000 16 hybrid 10 | tee -a "$WORK/load.jsonl"
kill "$SERVE"; wait "$SERVE" 2>/dev/null || true
