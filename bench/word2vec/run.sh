#!/usr/bin/env bash
# Side-by-side word2vec benchmark: the original C word2vec, contrast4j, gensim (corpus_file) and
# fastText (-minn 0 -maxn 0), all on the same lower-cased tokenized corpus with the same settings:
# skip-gram, dim 100, window 5, negative 5, sample 1e-3, min-count 5, 5 epochs, 2 threads.
# Prints per tool the median wall time, words/second (epochs x corpus tokens / wall seconds of the
# whole training process), the ratio to the C tool, peak RSS (/usr/bin/time -v) and WordSim-353 /
# SimLex-999 Spearman and analogy accuracy over the 30k most frequent words (bench/word2vec/evaluate.py).
#
# The C tool is NOT built here: pass the path of a binary you built yourself (-O3 -march=native).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/bench/word2vec"

usage() {
  cat >&2 <<USAGE
usage: bench/word2vec/run.sh --c-word2vec PATH [options]
  --c-word2vec PATH   the original word2vec binary (required)
  --corpus FILE       raw text, one document a line (default /work/corpora/corpus.txt)
  --words N           train on the first lines of the tokenized corpus holding N words (0 = all; default 0)
  --runs N            runs per tool, the median is reported (default 3)
  --threads N         training threads for every tool (default 2)
  --epochs N          epochs for every tool (default 5)
  --data-dir DIR      evaluation data with wordsim/ (default \$CONTRAST4J_DATA)
  --work DIR          scratch folder (default /tmp/contrast4j-word2vec-bench)
  --tools LIST        comma-separated subset of c,ours,gensim,fasttext (default all)
  --no-install        do not apt-get install the Debian peers when missing
USAGE
  exit 2
}

C_W2V="" CORPUS=/work/corpora/corpus.txt WORDS=0 RUNS=3 THREADS=2 EPOCHS=5
DATA="${CONTRAST4J_DATA:-}" WORK=/tmp/contrast4j-word2vec-bench TOOLS=c,ours,gensim,fasttext INSTALL=1
while (( $# )); do
  case "$1" in
    --c-word2vec) C_W2V="$2"; shift 2 ;;
    --corpus) CORPUS="$2"; shift 2 ;;
    --words) WORDS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --epochs) EPOCHS="$2"; shift 2 ;;
    --data-dir) DATA="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --tools) TOOLS="$2"; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) usage ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
done
has_tool() { [[ ",$TOOLS," == *",$1,"* ]]; }
die() { echo "bench: $*" >&2; exit 1; }

[[ -f "$CORPUS" ]] || die "corpus not found: $CORPUS (make it with 'bin/contrast4j data corpora --out /work/corpora' or pass --corpus)"
[[ -n "$DATA" && -f "$DATA/wordsim/wordsim353.tsv" ]] || die "evaluation data not found: pass --data-dir or set CONTRAST4J_DATA (needs wordsim/)"
if has_tool c; then [[ -x "$C_W2V" ]] || die "--c-word2vec must point at an executable word2vec binary"; fi
[[ -x /usr/bin/time ]] || die "/usr/bin/time is needed for peak RSS (apt-get install time)"

PY=/usr/bin/python3
need=()
if has_tool gensim && ! $PY -c 'import gensim' 2>/dev/null; then need+=(python3-gensim); fi
if has_tool fasttext && ! command -v fasttext >/dev/null; then need+=(fasttext); fi
$PY -c 'import numpy, scipy' 2>/dev/null || need+=(python3-numpy python3-scipy)
if (( ${#need[@]} )); then
  (( INSTALL )) || die "missing Debian packages: ${need[*]}"
  echo "bench: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

. "$ROOT/bin/find-jdk.sh"
JDK="$(find_jdk)" || die "no JDK >= 21 found"
JAR="$ROOT/cli/target/contrast4j-cli.jar"
if [[ ! -f "$JAR" ]]; then
  echo "bench: building the CLI" >&2
  (cd "$ROOT" && JAVA_HOME="$JDK" mvn -B -q -DskipTests -pl cli -am install) || die "CLI build failed"
fi
mkdir -p "$WORK"
# A private copy of the CLI (a rebuild of cli/target during the benchmark must not touch a run), started
# with the launcher's flags but without its rebuild check.
rm -rf "$WORK/cli" && mkdir -p "$WORK/cli" && cp -r "$JAR" "$ROOT/cli/target/lib" "$WORK/cli/"
C4J=("$JDK/bin/java" -Xmx8g --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED
     -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -jar "$WORK/cli/contrast4j-cli.jar")

TOK="$WORK/corpus.tok.txt"
if [[ ! -f "$TOK" || "$CORPUS" -nt "$TOK" ]]; then
  echo "bench: tokenizing $CORPUS (lower-cased, 'contrast4j word2vec tokenize')" >&2
  "${C4J[@]}" word2vec tokenize --in "$CORPUS" --out "$TOK" >&2
fi
TRAIN="$TOK"
if (( WORDS > 0 )); then
  TRAIN="$WORK/corpus.first$WORDS.txt"
  awk -v max="$WORDS" '{ n += NF; print; if (n >= max) exit }' "$TOK" > "$TRAIN"
fi
TOKENS=$(wc -w < "$TRAIN")
echo "bench: training corpus $TRAIN: $TOKENS tokens, $(wc -l < "$TRAIN") lines; $RUNS run(s) per tool, $THREADS threads, $EPOCHS epochs" >&2

RESULTS="$WORK/results.tsv"
: > "$RESULTS"
run_tool() { # tool run -> appends "tool run wall rss extra" to RESULTS
  local tool=$1 run=$2 out="$WORK/$1" log="$WORK/$1.run$2.log" extra="-"
  local tm="$WORK/$1.run$2.time"
  case "$tool" in
    c) /usr/bin/time -v -o "$tm" "$C_W2V" -train "$TRAIN" -output "$out.bin" -cbow 0 -size 100 -window 5 \
         -negative 5 -hs 0 -sample 1e-3 -min-count 5 -iter "$EPOCHS" -threads "$THREADS" -binary 1 -debug 2 > "$log" 2>&1
       # word2vec.c never clears a thread's eof flag, so a thread that reaches the end of the file skips its
       # remaining epochs; its last progress line tells how much of the planned work was done.
       extra=$(tr '\r' '\n' < "$log" | grep -o 'Progress: [0-9.]*%' | tail -1 | grep -o '[0-9.]*' || echo "?") ;;
    ours) /usr/bin/time -v -o "$tm" "${C4J[@]}" word2vec train --corpus "$TRAIN" --out "$out.bin" --model skipgram \
         --dim 100 --window 5 --negative 5 --sample 1e-3 --min-count 5 --epochs "$EPOCHS" --threads "$THREADS" \
         --format bin --quiet > "$log" 2>&1 ;;
    ours-pair) /usr/bin/time -v -o "$tm" "${C4J[@]}" word2vec train --corpus "$TRAIN" --out "$out.bin" --model skipgram \
         --dim 100 --window 5 --negative 5 --sample 1e-3 --min-count 5 --epochs "$EPOCHS" --threads "$THREADS" \
         --format bin --quiet --no-shared-negatives > "$log" 2>&1 ;;
    gensim) /usr/bin/time -v -o "$tm" $PY -c '
import sys, gensim
from gensim.models import Word2Vec
m = Word2Vec(corpus_file=sys.argv[1], vector_size=100, window=5, negative=5, hs=0, sample=1e-3, min_count=5,
             epochs=int(sys.argv[3]), workers=int(sys.argv[4]), sg=1)
m.wv.save_word2vec_format(sys.argv[2], binary=True)
' "$TRAIN" "$out.bin" "$EPOCHS" "$THREADS" > "$log" 2>&1 ;;
    fasttext) /usr/bin/time -v -o "$tm" fasttext skipgram -input "$TRAIN" -output "$out" -dim 100 -ws 5 -neg 5 \
         -t 1e-3 -minCount 5 -epoch "$EPOCHS" -thread "$THREADS" -minn 0 -maxn 0 -lr 0.025 -bucket 0 -verbose 1 \
         > "$log" 2>&1 ;;
  esac || { echo "bench: $tool run $run failed, see $log" >&2; tail -5 "$log" >&2; return 1; }
  local wall rss cpu
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$tm")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tm")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tm")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$run" "$wall" "$rss" "$extra" "$cpu" >> "$RESULTS"
  echo "bench: $tool run $run: ${wall}s wall, ${cpu}s CPU, peak RSS $((rss / 1024)) MiB$([[ $extra != - ]] && echo ", progress at exit $extra%")" >&2
}

IFS=',' read -r -a TOOL_LIST <<< "$TOOLS"
for run in $(seq 1 "$RUNS"); do
  for tool in "${TOOL_LIST[@]}"; do run_tool "$tool" "$run"; done   # interleaved, so load changes hit all tools
done

QUALITY="$WORK/quality.tsv"
: > "$QUALITY"
for tool in "${TOOL_LIST[@]}"; do
  vec="$WORK/$tool.bin"; [[ "$tool" == fasttext ]] && vec="$WORK/fasttext.vec"
  $PY "$HERE/evaluate.py" "$vec" "$DATA" > "$WORK/$tool.quality.json"
  $PY -c 'import json,sys; q=json.load(open(sys.argv[1])); print("\t".join([sys.argv[2], str(q["wordsim353"]["spearman"]), str(q["simlex999"]["spearman"]), str(q["questions-words"]["acc"]), str(q["questions-words"]["n"])]))' \
    "$WORK/$tool.quality.json" "$tool" >> "$QUALITY"
done

$PY "$HERE/summarize.py" "$RESULTS" "$QUALITY" "$TOKENS" "$EPOCHS" "$THREADS" "$RUNS" "$TRAIN" | tee "$WORK/summary.md"
