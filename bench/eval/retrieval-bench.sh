#!/usr/bin/env bash
# Paraphrase retrieval on BEIR-format sets built from the STS-B and MRPC test splits
# (bench/eval/paraphrase_beir.py): all-MiniLM-L6-v2 by exact cosine search and through the Lucene
# index (HNSW float / int8 / int4 vectors, BM25 text, hybrid fusion), then paired comparisons.
# Usage: bench/eval/retrieval-bench.sh OUT_DIR [contrast4j command]
# Needs CONTRAST4J_DATA. Every sentence is encoded once (shared --cache-dir); QPS is one query at a
# time on one thread, after the queries were encoded, so it wants an otherwise idle machine.
set -euo pipefail
OUT="${1:?usage: retrieval-bench.sh OUT_DIR [contrast4j command]}"
HERE="$(cd "$(dirname "$0")" && pwd)"
C4J="${2:-$HERE/../../bin/contrast4j}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
mkdir -p "$OUT"
run() { echo "== $(date -u +%H:%M:%S) $*" >&2; $C4J "$@"; }

python3 "$HERE/paraphrase_beir.py" "$CONTRAST4J_DATA" "$OUT/beir"
SETS="${SETS:-stsb-test-paraphrase mrpc-test-paraphrase}"
for set in $SETS; do
  common=(eval retrieval --model minilm --beir "$OUT/beir/$set" --cache-dir "$OUT/cache" --no-progress)
  run "${common[@]}" --out "$OUT/$set-exact.json"
  run "${common[@]}" --index-mode vector --out "$OUT/$set-vector-float.json"
  run "${common[@]}" --index-mode vector --quantization int8 --out "$OUT/$set-vector-int8.json"
  run "${common[@]}" --index-mode vector --quantization int4 --out "$OUT/$set-vector-int4.json"
  run "${common[@]}" --index-mode text --out "$OUT/$set-bm25.json"
  run "${common[@]}" --index-mode hybrid --out "$OUT/$set-hybrid-float.json"
  run eval compare "$OUT/$set-bm25.json" "$OUT/$set-exact.json" --out "$OUT/$set-compare-bm25-exact.json" 2>/dev/null
  run eval compare "$OUT/$set-exact.json" "$OUT/$set-vector-int8.json" --out "$OUT/$set-compare-exact-int8.json" 2>/dev/null
  run eval compare "$OUT/$set-exact.json" "$OUT/$set-hybrid-float.json" --out "$OUT/$set-compare-exact-hybrid.json" 2>/dev/null
done

python3 - "$OUT" $SETS <<'PY'
import json, sys
out, sets = sys.argv[1], sys.argv[2:]
configs = ["exact", "vector-float", "vector-int8", "vector-int4", "bm25", "hybrid-float"]
print("| set | retriever | nDCG@10 | MAP@100 | R@100 | MRR@10 | QPS | index s |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for s in sets:
    for c in configs:
        r = json.load(open(f"{out}/{s}-{c}.json"))
        (task, m), = r["tasks"].items()
        d = r["details"][task]
        print(f"| {s} ({m['n']} queries, {d['corpus_documents']} sentences) | {c} | {m['ndcg@10']:.2f} | {m['map@100']:.2f} "
              f"| {m['recall@100']:.2f} | {m['mrr@10']:.2f} | {m['qps']:.0f} | {d.get('index_seconds', 0):.1f} |")
print()
print("| set | B vs A | nDCG@10 B - A [95% CI] | p | R@100 B - A [95% CI] | p |")
print("|---|---|---|---:|---|---:|")
for s in sets:
    for a, b in (("bm25", "exact"), ("exact", "vector-int8"), ("exact", "hybrid")):
        c = json.load(open(f"{out}/{s}-compare-{a}-{b.replace('vector-', '')}.json"))
        (task, m), = c["tasks"].items()
        cell = lambda x: f"{x['diff']:+.2f} [{x['ci95'][0]:+.2f}, {x['ci95'][1]:+.2f}] | {x['p']:.3g}"
        print(f"| {s} | {b} vs {a} | {cell(m['ndcg@10'])} | {cell(m['recall@100'])} |")
PY
echo "== $(date -u +%H:%M:%S) done" >&2
