#!/usr/bin/env bash
# Back-translation throughput (English -> Spanish -> English, Apertium) on real sentences from
# SentEval MR, against the raw Apertium CLI measured in the same run on the same sentences:
#   - apertium over whole files, both directions one after the other, as K parallel streams on K
#     equal parts of the input (K = 1, 2): the translator alone, no client code;
#   - the same on the input as Contrast4J feeds it (each line closed by its fence, "Zqxjvsep ."),
#     which isolates what the alignment fence costs;
#   - `contrast4j data backtranslate --workers K --no-cache` (K = 1, 2);
#   - the cached path: a second pass over the same input from the cache.
# Runs alternate (peer K=1, ours K=1, peer K=2, ours K=2, ...); medians of RUNS. CPU seconds
# (user+sys, children included) show the client's own cost beside Apertium's.
# Usage: bench/cert/backtranslate-bench.sh [SENTENCES=6000] [RUNS=3]
# Needs: Debian apertium + apertium-eng-spa, CONTRAST4J_DATA (or ../shared/datasets), a built CLI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-6000}"
RUNS="${2:-3}"
DATA="${CONTRAST4J_DATA:-$ROOT/../shared/datasets}"
MR="$DATA/senteval/MR"
C4J="${C4J:-$ROOT/bin/contrast4j}"
[[ -f "$MR/rt-polarity.pos" ]] || { echo "no SentEval MR under $DATA (set CONTRAST4J_DATA)" >&2; exit 2; }
command -v apertium >/dev/null || { echo "apertium is not installed (apt-get install apertium apertium-eng-spa)" >&2; exit 2; }
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
awk -v n="$N" 'NF && c < n { print; c++ }' "$MR/rt-polarity.pos" "$MR/rt-polarity.neg" > "$WORK/in.txt"
N="$(wc -l < "$WORK/in.txt")"
# What ApertiumTranslator writes: each sentence closed by a fence word and a full stop (see its javadoc).
awk '{ print $0 " Zqxjvsep ." }' "$WORK/in.txt" > "$WORK/fenced.txt"
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
"$C4J" --version >/dev/null 2>&1 || true # builds the CLI first if needed, outside the timings

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $N MR sentences; median of $RUNS runs; $(apertium -l >/dev/null && dpkg-query -W -f='apertium ${Version}, apertium-eng-spa ' apertium 2>/dev/null)$(dpkg-query -W -f='${Version}' apertium-eng-spa 2>/dev/null)" >&2

# apertium over FILE as K parallel streams; prints "sentences/s cpu_seconds" for N sentences.
peer() { # FILE K
  local file="$1" k="$2" dir="$WORK/peer"; rm -rf "$dir"; mkdir -p "$dir"
  split -n "l/$k" -d "$file" "$dir/part."
  /usr/bin/time -f '%e %U %S' -o "$dir/time" bash -c '
    for p in "$1"/part.*; do
      ( apertium -u -f line eng-spa "$p" > "$p.es" && apertium -u -f line spa-eng "$p.es" > "$p.en" ) &
    done; wait' _ "$dir"
  awk -v n="$N" '{ printf "%.1f %.2f\n", n / $1, $2 + $3 }' "$dir/time"
}
# contrast4j data backtranslate with K workers; prints "sentences/s (library clock) cpu_seconds from_cache".
ours() { # K [cache options...]
  local k="$1"; shift
  /usr/bin/time -f '%e %U %S' -o "$WORK/ours.time" "$C4J" data backtranslate --in "$WORK/in.txt" --out "$WORK/out.tsv" \
    --workers "$k" "$@" 2>/dev/null > "$WORK/ours.json"
  local rate cache
  rate=$(awk -F: '/"sentences_per_second"/ { gsub(/[^0-9.]/, "", $2); print $2 }' "$WORK/ours.json")
  cache=$(awk -F: '/"from_cache"/ { gsub(/[^0-9]/, "", $2); print $2 }' "$WORK/ours.json")
  awk -v r="$rate" -v c="$cache" '{ printf "%s %.2f %s\n", r, $2 + $3, c }' "$WORK/ours.time"
}

for r in $(seq "$RUNS"); do
  for k in 1 2; do
    peer "$WORK/in.txt" "$k" >> "$WORK/peer.$k"
    ours "$k" --no-cache >> "$WORK/ours.$k"
    peer "$WORK/fenced.txt" "$k" >> "$WORK/fenced.$k"
  done
done
# The cached path: fill a cache once, then read every sentence from it.
ours 2 --cache "$WORK/cache" > /dev/null
for r in $(seq "$RUNS"); do ours 2 --cache "$WORK/cache" >> "$WORK/cached"; done
[[ "$(awk '{ print $3 }' "$WORK/cached" | sort -u)" == "$N" ]] || { echo "the cached pass did not answer all $N sentences from the cache" >&2; exit 1; }

col() { awk -v c="$2" '{ print $c }' "$WORK/$1" | median; }
echo
echo "| method | K=1 sentences/s | K=2 sentences/s | scaling 1->2 | CPU s K=1 | CPU s K=2 |"
echo "|---|---:|---:|---:|---:|---:|"
row() { # label file
  local a b; a=$(col "$2.1" 1); b=$(col "$2.2" 1)
  printf '| %s | %.1f | %.1f | %.2fx | %.1f | %.1f |\n' "$1" "$a" "$b" "$(echo "$b / $a" | bc -l)" "$(col "$2.1" 2)" "$(col "$2.2" 2)"
}
row "apertium CLI, whole files, K streams" peer
row "apertium CLI on the fenced input (each line closed by the fence)" fenced
row "contrast4j data backtranslate --workers K --no-cache" ours
echo
for k in 1 2; do
  printf 'K=%d: contrast4j / apertium CLI = %.3f (target >= 0.95)\n' "$k" "$(echo "$(col "ours.$k" 1) / $(col "peer.$k" 1)" | bc -l)"
done
printf 'cached path (second pass, 2 workers, %d sentences from the cache): %.0f sentences/s (target >= 50,000)\n' "$N" "$(col cached 1)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
