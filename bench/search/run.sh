#!/usr/bin/env bash
# Vector search bench: Lucene HNSW (through the search module) vs FAISS HNSW on the same 100,000
# all-MiniLM-L6-v2 vectors, then a bounded HTTP load test of `contrast4j serve` on loopback.
#
#   bench/search/run.sh [--texts words|sentences] [--limit 100000] [--m 16] [--beam 100] [--parts N]
#                       [--stages search,build,load] [--build-threads 1,2] [--engine djl|onnxruntime] [--skip-load]
#
# --texts words (default): 100,000 word types of the default corpora, 1,000 held-out words as
# queries (prepare_words.py); --texts sentences: 100,000 short sentences/glosses and 1,000 held-out
# State of the Union sentences (prepare_sentences.py), ~4x the encoding work.
# --limit N below the corpus size encodes and indexes the first N documents only (a quick check).
# Stages (--stages, comma-separated; default search,build,load):
#   search    Lucene recall@10 / QPS / p50 / p99 per quantization and over-fetch (the library's index:
#             vectors + BM25 text + stored fields) vs FAISS IndexHNSWFlat's efSearch sweep, at matched recall
#   build     HNSW graph build only (vectors, no text) in seconds: Lucene (HnswBuildBench.java: T indexing
#             threads + concurrent HNSW merge with T workers) vs FAISS IndexHNSWFlat (T OpenMP threads),
#             at each of --build-threads, with recall@10 of the graphs built
#   load      HTTP load test of `contrast4j serve` on the float32 index (needs the search stage's index)
#   pipeline  `index build` from the text vs plain `encode` of the same documents (same model, engine,
#             batch 64), wall-clock of each command: the throughput ratio (target >= 0.9)
#   encode    `encode` of the documents under /usr/bin/time -v: sentences/s and peak RSS
# Needs: a JDK >= 21, Maven, python3 with numpy and faiss (Debian: apt-get install python3-faiss),
# the default corpora (`contrast4j data corpora --out /work/corpora`, or CORPORA=DIR).
# Everything it makes is cached under bench/search/work/ (sentences, .npy vectors, indexes).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK_ROOT="$HERE/work"
CORPORA="${CORPORA:-/work/corpora}"
TEXTS=words; LIMIT=100000; M=16; BEAM=100; PARTS="$(nproc)"; SKIP_LOAD=0; QUANTS="${QUANTS:-none,int8,int4}"
STAGES=search,build,load; BUILD_THREADS=1,2; ENGINE=djl
OVER_FETCH="${OVER_FETCH:-1,2,3,5,8,10}"; EF="${EF:-10,16,24,32,48,64,96,128}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --texts) TEXTS="$2"; shift 2 ;;
    --limit) LIMIT="$2"; shift 2 ;;
    --m) M="$2"; shift 2 ;;
    --beam) BEAM="$2"; shift 2 ;;
    --parts) PARTS="$2"; shift 2 ;;
    --skip-load) SKIP_LOAD=1; shift ;;
    --stages) STAGES="$2"; shift 2 ;;
    --build-threads) BUILD_THREADS="$2"; shift 2 ;;
    --engine) ENGINE="$2"; shift 2 ;;
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

stage() { [[ ",$STAGES," == *",$1,"* ]]; }
[[ "$SKIP_LOAD" == 1 ]] && STAGES="${STAGES//load/}"

# A private copy of the CLI and its jars: a rebuild elsewhere must not swap jars under a running bench.
# Built inside the reactor (package, not install: nothing is written to ~/.m2).
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  (cd "$ROOT" && mvn -B -q -pl cli,bench -am package -DskipTests)
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
# The documents of this run: all of docs.txt, or its first LIMIT lines (a quick check; cached apart).
TOTAL="$(wc -l < "$WORK/docs.txt")"
if (( LIMIT < TOTAL )); then
  DOCS_TXT="$WORK/docs-$LIMIT.txt"; DOCS_NPY="$WORK/docs-$LIMIT.npy"; PARTS_DIR="$WORK/parts-$LIMIT"
  [[ -f "$DOCS_TXT" ]] || head -n "$LIMIT" "$WORK/docs.txt" > "$DOCS_TXT"
else
  DOCS_TXT="$WORK/docs.txt"; DOCS_NPY="$WORK/docs.npy"; PARTS_DIR="$WORK/parts"
fi
N_DOCS="$(wc -l < "$DOCS_TXT")"
# Documents' vectors, needed by the search, build and load stages only (pipeline and encode embed the text
# themselves): the same MiniLM ONNX file in ONNX Runtime, PARTS single-threaded processes in parallel
# (fastest on a busy machine); checked against the project's encoder on the queries below.
if stage search || stage build || stage load; then
  if [[ ! -f "$DOCS_NPY" ]]; then
    rm -rf "$PARTS_DIR" && mkdir -p "$PARTS_DIR"
    split -n "l/$PARTS" -d -a 2 "$DOCS_TXT" "$PARTS_DIR/docs-"
    pids=()
    for f in "$PARTS_DIR"/docs-??; do
      "${JAVA[@]}" -Xmx1500m -cp "$CP:$ORT_JAR" io.contrast4j.bench.OrtEncode "$f" "$f.npy" 1 128 >"$f.json" 2>"$f.log" & pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    "$PY" -c 'import numpy as np, sys, glob; np.save(sys.argv[1], np.concatenate([np.load(f) for f in sorted(glob.glob(sys.argv[2]))]))' \
        "$DOCS_NPY" "$PARTS_DIR/docs-??.npy"
  fi
  [[ -f "$WORK/queries-ort.npy" ]] || "${JAVA[@]}" -Xmx1500m -cp "$CP:$ORT_JAR" io.contrast4j.bench.OrtEncode "$WORK/queries.txt" "$WORK/queries-ort.npy" 1 64 >/dev/null 2>&1
  "$PY" -c 'import numpy as np, sys; a, b = np.load(sys.argv[1]), np.load(sys.argv[2]); print("== MiniLM: project encoder (DJL) vs ONNX Runtime on the %d queries: max |diff| %.2e" % (len(a), np.abs(a - b).max()))' \
      "$WORK/queries.npy" "$WORK/queries-ort.npy"
fi
N="$N_DOCS"
if stage search; then
echo "== Lucene HNSW (M=$M, beam=$BEAM), $N_DOCS docs, 1000 queries, k=10, one query thread"
"${JAVA[@]}" -Xmx6g -cp "$CP" "$HERE/SearchBench.java" "$DOCS_NPY" "$DOCS_TXT" "$WORK/queries.npy" "$WORK" \
    "$LIMIT" "$M" "$BEAM" "$QUANTS" "$OVER_FETCH" 2>/dev/null | tee "$WORK/lucene.jsonl"
N="$(grep -m1 '"engine": "exact"' "$WORK/lucene.jsonl" | sed 's/.*"docs": \([0-9]*\).*/\1/')"
echo "== FAISS IndexHNSWFlat (M=$M, efConstruction=$BEAM), same vectors, one thread"
"$PY" "$HERE/faiss_hnsw.py" "$DOCS_NPY" "$WORK/queries.npy" "$WORK/truth-$N.npy" "$LIMIT" "$M" "$BEAM" "$EF" | tee "$WORK/faiss.jsonl"

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
fi

if stage build; then
echo "== HNSW build only (M=$M, efConstruction=$BEAM, $N_DOCS vectors, no text): Lucene vs FAISS at $BUILD_THREADS threads"
# Alternating per thread count, Lucene first; OMP_NUM_THREADS is set per FAISS run by faiss_build.py itself.
: > "$WORK/build.jsonl"
for t in ${BUILD_THREADS//,/ }; do
  "${JAVA[@]}" -Xmx6g -cp "$CP" "$HERE/HnswBuildBench.java" "$DOCS_NPY" "$WORK/queries.npy" "$WORK" "$LIMIT" "$M" "$BEAM" "$t" \
      2>/dev/null | tee -a "$WORK/build.jsonl"
  "$PY" "$HERE/faiss_build.py" "$DOCS_NPY" "$WORK/queries.npy" "$LIMIT" "$M" "$BEAM" "$t" | tee -a "$WORK/build.jsonl"
done
"$PY" - "$WORK/build.jsonl" <<'PYEOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print("== build summary: seconds (recall@10 of the graph at k'=50 / efSearch 50)")
for t in sorted({r["threads"] for r in rows}):
    lu = next(r for r in rows if r["engine"] == "lucene" and r["threads"] == t)
    fa = next(r for r in rows if r["engine"] == "faiss" and r["threads"] == t)
    print("   %d thread%s: Lucene %.1f s (add %.1f, flush %.1f, merge %.1f; recall %.4f)   FAISS %.1f s (recall %.4f)   Lucene/FAISS time %.2f"
          % (t, "" if t == 1 else "s", lu["build_s"], lu["add_s"], lu["flush_s"], lu["merge_s"], lu["recall_at_10_k50"],
             fa["build_s"], fa["recall_at_10_ef50"], lu["build_s"] / fa["build_s"]))
PYEOF
fi

CLI=("${JAVA[@]}" -Xmx4g -Dai.djl.pytorch.num_threads="$(nproc)" -Dai.djl.pytorch.num_interop_threads=1 -jar "$WORK_ROOT/cli/contrast4j-cli.jar")
if stage pipeline; then
echo "== index build from text vs plain encode: $N_DOCS documents, minilm on $ENGINE, batch 64 (wall-clock of each whole command)"
rm -rf "$WORK/pipeline-index"
t0=$(date +%s.%N)
"${CLI[@]}" encode --model minilm --engine "$ENGINE" --in "$DOCS_TXT" --out "$WORK/pipeline-encode.npy" --batch-size 64 --quiet \
    2>/dev/null | tee "$WORK/pipeline.jsonl"
t1=$(date +%s.%N)
# INDEX_OPTS: extra index build options to try, e.g. "--merge-workers 2" or "--commit-every 1000000" (fewer segments to merge).
"${CLI[@]}" index build --model minilm --engine "$ENGINE" --corpus "$DOCS_TXT" --index "$WORK/pipeline-index" --batch-size 64 --quiet ${INDEX_OPTS:-} \
    2>/dev/null | tee -a "$WORK/pipeline.jsonl"
t2=$(date +%s.%N)
"$PY" - "$t0" "$t1" "$t2" "$N_DOCS" "$WORK/pipeline.jsonl" <<'PYEOF'
import json, sys
t0, t1, t2, n = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rows = [json.loads(l) for l in open(sys.argv[5]) if l.startswith("{")]
enc, idx = rows[0], rows[1]
assert idx["documents"] == n, (idx["documents"], n)
print("   encode:      %.1f s wall, %.1f docs/s (its own encode_seconds: %.1f s, %.1f sentences/s)"
      % (t1 - t0, n / (t1 - t0), enc["encode_seconds"], enc["sentences_per_second"]))
print("   index build: %.1f s wall, %.1f docs/s (its own seconds: %.1f, of which the final merge to one segment %.1f)"
      % (t2 - t1, n / (t2 - t1), idx["seconds"], idx.get("merge_seconds", float("nan"))))
print("   throughput ratio index build / encode: %.3f (target >= 0.9)" % ((t1 - t0) / (t2 - t1)))
PYEOF
fi

if stage encode; then
echo "== encode of $N_DOCS documents (minilm on $ENGINE, batch 64) under /usr/bin/time -v"
/usr/bin/time -v "${CLI[@]}" encode --model minilm --engine "$ENGINE" --in "$DOCS_TXT" --out "$WORK/encode-all.npy" --batch-size 64 --quiet \
    2>"$WORK/encode-time.txt" | tee "$WORK/encode.jsonl"
rss_kb="$(grep 'Maximum resident set size' "$WORK/encode-time.txt" | awk '{print $NF}')"
wall="$(grep 'Elapsed (wall clock)' "$WORK/encode-time.txt" | awk '{print $NF}')"
"$PY" -c 'import json, sys; r = json.loads(open(sys.argv[1]).read()); print("   %d sentences, %.1f sentences/s (encode only), wall %s, peak RSS %.0f MB" % (r["sentences"], r["sentences_per_second"], sys.argv[3], int(sys.argv[2]) / 1024))' \
    "$WORK/encode.jsonl" "$rss_kb" "$wall"
fi

if ! stage load; then exit 0; fi
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
