#!/usr/bin/env python3
"""FAISS side of bench/search/run.sh: the same document and query vectors in faiss.IndexHNSWFlat
(inner product on unit vectors = cosine, the same M and efConstruction as Lucene), one thread for
building and searching like the Lucene side; an efSearch sweep with recall@10 against the exact
top-10 that SearchBench.java computed, QPS and p50/p99 of one-query-at-a-time searches.
One JSON object a line on stdout.

  python3 faiss_hnsw.py DOCS.npy QUERIES.npy TRUTH.npy LIMIT M EF_CONSTRUCTION EF_SEARCH,...
"""
import json
import sys
import time

import faiss
import numpy as np

docs_path, queries_path, truth_path = sys.argv[1:4]
limit, m, ef_construction = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
ef_searches = [int(x) for x in sys.argv[7].split(",")]
k = 10

faiss.omp_set_num_threads(1)
docs = np.ascontiguousarray(np.load(docs_path, mmap_mode="r")[:limit], dtype=np.float32)
queries = np.ascontiguousarray(np.load(queries_path), dtype=np.float32)
truth = np.load(truth_path).astype(np.int64)
n, dim = docs.shape

index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
index.hnsw.efConstruction = ef_construction
t0 = time.perf_counter()
index.add(docs)
build_s = time.perf_counter() - t0
index_mb = len(faiss.serialize_index(index)) / 1048576.0

for ef in ef_searches:
    index.hnsw.efSearch = ef
    for q in queries[:200]:  # warm-up
        index.search(q[None, :], k)
    nanos = np.empty(len(queries))
    found = np.empty((len(queries), k), dtype=np.int64)
    for i, q in enumerate(queries):
        t = time.perf_counter_ns()
        _, ids = index.search(q[None, :], k)
        nanos[i] = time.perf_counter_ns() - t
        found[i] = ids[0]
    recall = np.mean([len(set(found[i]) & set(truth[i])) / k for i in range(len(queries))])
    s = np.sort(nanos)
    print(json.dumps({
        "engine": "faiss", "faiss_version": faiss.__version__, "m": m, "ef_construction": ef_construction,
        "ef_search": ef, "docs": n, "recall_at_10": round(float(recall), 4),
        "qps": round(len(queries) / (nanos.sum() / 1e9), 1),
        "p50_ms": round(s[int(0.50 * (len(s) - 1))] / 1e6, 3), "p99_ms": round(s[int(0.99 * (len(s) - 1))] / 1e6, 3),
        "build_s": round(build_s, 1), "index_mb": round(index_mb, 1)}), flush=True)
