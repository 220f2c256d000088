#!/usr/bin/env bash
# Back-translation throughput (English -> Spanish -> English, Apertium) on real sentences from
# SentEval MR, against two peers measured in the same run on the same sentences:
#   - the apertium CLI run once per sentence (what a naive client does), on a sample;
#   - the apertium CLI on the whole file, both directions one after the other (single stream).
# Usage: bench/cert/backtranslate-bench.sh [SENTENCES=2000] [RUNS=3]
# Needs: Debian apertium + apertium-eng-spa, CONTRAST4J_DATA (or ../shared/datasets), a built CLI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-2000}"
RUNS="${2:-3}"
DATA="${CONTRAST4J_DATA:-$ROOT/../shared/datasets}"
MR="$DATA/senteval/MR"
[[ -f "$MR/rt-polarity.pos" ]] || { echo "no SentEval MR under $DATA (set CONTRAST4J_DATA)" >&2; exit 2; }
command -v apertium >/dev/null || { echo "apertium is not installed (apt-get install apertium apertium-eng-spa)" >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
awk -v n="$N" 'NF && c < n { print; c++ }' "$MR/rt-polarity.pos" "$MR/rt-polarity.neg" > "$WORK/in.txt"
N="$(wc -l < "$WORK/in.txt")"
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $N MR sentences; median of $RUNS runs" >&2

# Peer 1: one apertium round trip per sentence, on a 20-sentence sample.
S=20; awk -v n=$S 'NR <= n' "$WORK/in.txt" > "$WORK/sample.txt"
t0=$(now)
while IFS= read -r line; do
  printf '%s\n' "$line" | apertium -u -f line eng-spa | apertium -u -f line spa-eng > /dev/null
done < "$WORK/sample.txt"
t1=$(now)
PER_SENTENCE=$(echo "$S / ($t1 - $t0)" | bc -l)

# Peer 2: the apertium CLI over the whole file, one stream per direction.
for r in $(seq "$RUNS"); do
  t0=$(now)
  apertium -u -f line eng-spa "$WORK/in.txt" > "$WORK/es.txt"
  apertium -u -f line spa-eng "$WORK/es.txt" > "$WORK/en.txt"
  t1=$(now)
  echo "$N / ($t1 - $t0)" | bc -l
done | median > "$WORK/cli.rate"
CLI=$(cat "$WORK/cli.rate")

# Contrast4J: contrast4j data backtranslate, cache off, one worker per core.
for r in $(seq "$RUNS"); do
  "${C4J:-$ROOT/bin/contrast4j}" data backtranslate --in "$WORK/in.txt" --out "$WORK/out.tsv" --no-cache 2>/dev/null \
    | awk -F: '/"sentences_per_second"/ { gsub(/[^0-9.]/, "", $2); print $2 }'
done | median > "$WORK/ours.rate"
OURS=$(cat "$WORK/ours.rate")

printf 'apertium, one process per sentence : %8.1f sentences/s\n' "$PER_SENTENCE"
printf 'apertium CLI, whole file, 1 stream : %8.1f sentences/s\n' "$CLI"
printf 'contrast4j data backtranslate       : %8.1f sentences/s\n' "$OURS"
printf 'ratio vs one-per-sentence: %.1fx; vs whole-file CLI: %.2fx; target 1000 sentences/s: %s\n' \
  "$(echo "$OURS / $PER_SENTENCE" | bc -l)" "$(echo "$OURS / $CLI" | bc -l)" \
  "$(echo "$OURS >= 1000" | bc -l | sed 's/1/met/;s/0/not met/')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
