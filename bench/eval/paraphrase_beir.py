#!/usr/bin/env python3
"""Builds BEIR-format paraphrase-retrieval sets from the STS-B and MRPC test splits.

Usage: paraphrase_beir.py DATASETS_DIR OUT_DIR   (DATASETS_DIR: the folder CONTRAST4J_DATA points at)

Writes OUT_DIR/stsb-test-paraphrase/ and OUT_DIR/mrpc-test-paraphrase/, each with corpus.jsonl,
queries.jsonl and qrels/test.tsv:
- corpus: every distinct sentence of the split (exact text; id s<N> in order of first appearance);
- queries: every sentence that has a paraphrase in the split, with the same id as its corpus entry
  (the evaluation drops a query's own id from its results, as BEIR does by default);
- qrels: a sentence's pair partners that are paraphrases, both directions. STS-B: gold >= 4.0
  ("mostly equivalent" or better in the STS annotation guidelines), relevance 2 for gold >= 4.5 and
  1 below; MRPC: label 1 ("equivalent"), relevance 1.
So each query looks for its partner among all 2,600-3,400 sentences of the split, most of which are
on other topics, and some of which share many of its words without being paraphrases.
"""
import json
import os
import sys


def read_stsb(path):
    pairs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7:
                pairs.append((cols[5], cols[6], float(cols[4])))
    return pairs


def read_mrpc(path):
    pairs = []
    with open(path, encoding="utf-8-sig") as f:
        next(f)  # header
        for line in f:
            cols = line.rstrip("\n").split("\t")
            pairs.append((cols[3], cols[4], float(cols[0])))
    return pairs


def write(out, name, pairs, relevance):
    ids = {}
    for a, b, _ in pairs:
        for s in (a, b):
            ids.setdefault(s, f"s{len(ids)}")
    qrels = {}
    for a, b, score in pairs:
        rel = relevance(score)
        if rel > 0 and a != b:
            for q, d in ((a, b), (b, a)):
                judged = qrels.setdefault(ids[q], {})
                judged[ids[d]] = max(rel, judged.get(ids[d], 0))
    folder = os.path.join(out, name)
    os.makedirs(os.path.join(folder, "qrels"), exist_ok=True)
    with open(os.path.join(folder, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for text, i in ids.items():
            f.write(json.dumps({"_id": i, "title": "", "text": text}, ensure_ascii=False) + "\n")
    text_of = {i: t for t, i in ids.items()}
    with open(os.path.join(folder, "queries.jsonl"), "w", encoding="utf-8") as f:
        for q in qrels:
            f.write(json.dumps({"_id": q, "text": text_of[q]}, ensure_ascii=False) + "\n")
    with open(os.path.join(folder, "qrels", "test.tsv"), "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for q, judged in qrels.items():
            for d, rel in judged.items():
                f.write(f"{q}\t{d}\t{rel}\n")
    n_rel = sum(len(j) for j in qrels.values())
    print(f"{name}: {len(ids)} sentences, {len(qrels)} queries, {n_rel} relevant judgments", file=sys.stderr)


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    data, out = argv[1], argv[2]
    stsb = read_stsb(os.path.join(data, "senteval", "STS", "STSBenchmark", "sts-test.csv"))
    write(out, "stsb-test-paraphrase", stsb, lambda s: 2 if s >= 4.5 else 1 if s >= 4.0 else 0)
    mrpc = read_mrpc(os.path.join(data, "senteval", "MRPC", "msr_paraphrase_test.txt"))
    write(out, "mrpc-test-paraphrase", mrpc, lambda s: 1 if s == 1 else 0)


if __name__ == "__main__":
    main(sys.argv)
