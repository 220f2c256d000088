#!/usr/bin/env python3
"""Writes the bench's texts as single words (like ann-benchmarks' GloVe word-vector sets): the
101,000 most frequent lower-cased word types (letters and inner hyphens, 2+ characters) of the
default corpora (corpus.txt + wordnet-glosses.txt from `contrast4j data corpora`); 1,000 of them,
drawn with a fixed seed, are held out as queries and the other 100,000 are the documents.
Words need ~4 word pieces each where sentences need ~15-30: 100k MiniLM vectors of words can be
made on 2 busy cores within a session, 100k of sentences could not (see docs/search.md).
"""
import collections
import random
import re
import sys

corpora, out_docs, out_queries = sys.argv[1], sys.argv[2], sys.argv[3]
counts = collections.Counter()
for name in ("corpus.txt", "wordnet-glosses.txt"):
    for line in open(f"{corpora}/{name}", encoding="utf-8"):
        counts.update(re.findall(r"[a-z]+(?:-[a-z]+)*", line.lower()))
words = [w for w, _ in sorted(counts.items(), key=lambda wc: (-wc[1], wc[0])) if len(w) >= 2][:101000]
rng = random.Random(20261128)
held = set(rng.sample(range(len(words)), 1000))
docs = [w for i, w in enumerate(words) if i not in held]
queries = [w for i, w in enumerate(words) if i in held]
rng.shuffle(docs)
with open(out_docs, "w", encoding="utf-8") as f:
    f.write("\n".join(docs) + "\n")
with open(out_queries, "w", encoding="utf-8") as f:
    f.write("\n".join(queries) + "\n")
print(f"{len(docs)} docs, {len(queries)} queries", file=sys.stderr)
