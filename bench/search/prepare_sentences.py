#!/usr/bin/env python3
"""Writes the bench's sentences: the documents to index and held-out queries.

docs:    the 100,000 shortest distinct lines of at least 6 words (6-13 words, 9.1 on average) of
         nlp-corpus.txt (mixed English sentences of npm nlp-corpus@4.4.0) and wordnet-glosses.txt
         (WordNet 3.1 glosses), as prepared by `contrast4j data corpora`, shuffled with a fixed
         seed. Short texts keep MiniLM encoding of 100k documents within reach of 2 busy cores.
queries: 1,000 sentences of the State of the Union corpus (sotu.txt), split on sentence ends,
         8-40 words, not in docs, drawn with a fixed seed: held out, so no query is its own answer.
"""
import random
import re
import sys

corpora, out_docs, out_queries = sys.argv[1], sys.argv[2], sys.argv[3]
lines = {l.strip() for name in ("nlp-corpus.txt", "wordnet-glosses.txt")
         for l in open(f"{corpora}/{name}", encoding="utf-8")}
docs = sorted((l for l in lines if len(l.split()) >= 6), key=lambda s: (len(s.split()), s))[:100000]
random.Random(20261128).shuffle(docs)
# Held-out queries: not lines of nlp-corpus (the glosses are definitions, unlike speech sentences).
seen = {l.rstrip("\n") for l in open(f"{corpora}/nlp-corpus.txt", encoding="utf-8")}
candidates = []
for line in open(f"{corpora}/sotu.txt", encoding="utf-8"):
    for s in re.split(r"(?<=[.!?])\s+", line.strip()):
        n = len(s.split())
        if 8 <= n <= 40 and s not in seen:
            seen.add(s)
            candidates.append(s)
random.Random(20261128).shuffle(candidates)
queries = candidates[:1000]
with open(out_docs, "w", encoding="utf-8") as f:
    f.write("\n".join(docs) + "\n")
with open(out_queries, "w", encoding="utf-8") as f:
    f.write("\n".join(queries) + "\n")
print(f"{len(docs)} docs, {len(queries)} queries (from {len(candidates)} candidates)", file=sys.stderr)
