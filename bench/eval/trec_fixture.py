#!/usr/bin/env python3
"""Builds the retrieval-metric test fixture and its expected numbers from two independent programs.

Usage: trec_fixture.py TREC_EVAL_BINARY OUT_DIR

Writes OUT_DIR/qrels.tsv (TREC qrels: qid 0 docid rel), OUT_DIR/run.tsv (TREC run: qid Q0 docid rank
score tag) and OUT_DIR/expected.tsv (qid TAB measure TAB value, 'all' = mean over the qrels' queries).
The run is random (seed 7) with many tied scores (one decimal), graded labels 0-3, relevant documents
never retrieved, a query judged with no relevant document, a query with no results at all, and one
query with 150 results (so the @100 cuts matter). The run's rank column is deliberately shuffled:
trec_eval ignores it and orders by score, then by docid descending.

Expected values:
- ndcg@10, map@100, recall@100, p@10: `trec_eval -c -q -m ndcg_cut.10 -m map_cut.100 -m recall.100
  -m P.10 qrels run` (trec_eval built from github.com/usnistgov/trec_eval, version printed below);
- mrr@10: `trec_eval -c -q -M 10 -m recip_rank qrels run` (-M keeps each query's first 10 documents
  after trec_eval's own ordering, so recip_rank becomes the reciprocal rank within the top 10);
- a second, independent nDCG@10: scikit-learn's ndcg_score(k=10) on the same ordering (linear gains,
  log2 discount, ideal over all judged documents), which must agree with trec_eval.
"""
import os
import random
import subprocess
import sys


def make(rng):
    qrels, run = [], []
    docs = [f"d{i:02d}" for i in range(40)] + ["D7", "d7", "d7a", "e1", "z"]
    for q in range(1, 9):
        qid = f"q{q}"
        judged = rng.sample(docs, 12)
        for d in judged:
            rel = 0 if q == 5 else rng.choice([0, 0, 1, 1, 2, 3])
            qrels.append((qid, d, rel))
        if q == 6:
            continue  # judged but nothing retrieved
        n = 150 if q == 3 else rng.randint(8, 25)
        pool = [f"x{q}_{i:03d}" for i in range(n)] if q == 3 else list(docs)
        if q == 3:
            # relevant documents of q3 placed around the @100 cut (some in, some out)
            rels = [d for d in judged]
            pool = pool[: n - len(rels)] + rels
        retrieved = rng.sample(pool, min(n, len(pool)))
        scores = [round(rng.choice([rng.random(), 0.5, 0.3]), 1) for _ in retrieved]
        if q == 3:
            scores = [round(1 - i / n, 3) if i % 7 else round(1 - (i - 1) / n, 3) for i in range(len(retrieved))]
        ranks = list(range(1, len(retrieved) + 1))
        rng.shuffle(ranks)
        for d, s, r in zip(retrieved, scores, ranks):
            run.append((qid, d, r, s))
    return qrels, run


def trec_eval(binary, qrels, run, extra):
    out = subprocess.run([binary, "-c", "-q", *extra, qrels, run], check=True, capture_output=True, text=True).stdout
    values = {}
    for line in out.splitlines():
        m, qid, v = line.split()
        values[(qid, m)] = float(v)
    return values


def trec_order(results):
    # score descending, then docid descending (trec_eval's comp_sim_docno: strcmp(p2->docno, p1->docno))
    return sorted(results, key=lambda r: (-r[1], [-b for b in r[0].encode()] + [1]))


def sklearn_ndcg(qrels, run):
    """nDCG@10 per query by scikit-learn's ndcg_score on trec_eval's ordering.

    sklearn's ideal DCG comes from the labels it is given, trec_eval's from every judged document:
    so the unretrieved judged documents are appended to the list, after enough unjudged filler that
    they sit below rank 10 (they can only lower the ideal, never add to the DCG). Scores that encode
    the order exactly leave no ties for sklearn to average over (ignore_ties=True).
    """
    import numpy as np
    from sklearn.metrics import ndcg_score
    out = {}
    for qid in sorted({q for q, _, _ in qrels}):
        judged = {d: r for q, d, r in qrels if q == qid}
        results = [d for d, _ in trec_order([(d, s) for q, d, _, s in run if q == qid])]
        filler = [None] * max(0, 10 - len(results))
        ids = results + filler + [d for d in judged if d not in set(results)]
        y_true = np.array([[max(0, judged.get(d, 0)) if d else 0 for d in ids]], dtype=float)
        y_score = np.array([[len(ids) - i for i in range(len(ids))]], dtype=float)
        out[qid] = 0.0 if y_true.sum() == 0 else float(ndcg_score(y_true, y_score, k=10, ignore_ties=True))
    return out


def main(argv):
    if len(argv) != 3:
        raise SystemExit(__doc__)
    binary, out_dir = argv[1], argv[2]
    rng = random.Random(7)
    qrels, run = make(rng)
    os.makedirs(out_dir, exist_ok=True)
    qrels_path, run_path = os.path.join(out_dir, "qrels.tsv"), os.path.join(out_dir, "run.tsv")
    with open(qrels_path, "w") as f:
        for q, d, r in qrels:
            f.write(f"{q} 0 {d} {r}\n")
    with open(run_path, "w") as f:
        for q, d, r, s in run:
            f.write(f"{q} Q0 {d} {r} {s} fixture\n")
    a = trec_eval(binary, qrels_path, run_path, ["-m", "ndcg_cut.10", "-m", "map_cut.100", "-m", "recall.100", "-m", "P.10"])
    b = trec_eval(binary, qrels_path, run_path, ["-M", "10", "-m", "recip_rank"])
    names = {"ndcg_cut_10": "ndcg@10", "map_cut_100": "map@100", "recall_100": "recall@100", "P_10": "p@10", "recip_rank": "mrr@10"}
    version = subprocess.run([binary, "-v"], capture_output=True, text=True)
    rows = []
    for (qid, m), v in sorted({**a, **b}.items()):
        if m in names:
            rows.append((qid, names[m], v))
    sk = sklearn_ndcg(qrels, run)
    for qid, v in sk.items():
        te = a[(qid, "ndcg_cut_10")]
        if abs(te - v) > 6e-5:
            raise SystemExit(f"{qid}: trec_eval ndcg_cut_10 {te} but scikit-learn-based {v:.6f}")
    import sklearn
    with open(os.path.join(out_dir, "expected.tsv"), "w") as f:
        f.write(f"# {(version.stdout + version.stderr).strip()}; scikit-learn {sklearn.__version__} agrees on ndcg@10 for every query\n")
        for qid, m, v in rows:
            f.write(f"{qid}\t{m}\t{v:.4f}\n")
    print(f"wrote {len(rows)} expected values; scikit-learn nDCG@10 agrees with trec_eval on {len(sk)} queries")


if __name__ == "__main__":
    main(sys.argv)
