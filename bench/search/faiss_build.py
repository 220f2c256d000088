#!/usr/bin/env python3
"""FAISS side of the build comparison in bench/search/run.sh: faiss.IndexHNSWFlat (inner product on
unit vectors, the same M and efConstruction as Lucene) built from the same vectors at each thread
count (OpenMP threads; FAISS adds a batch in parallel level by level). Prints one JSON line per
thread count: build seconds and recall@10 at efSearch 50 (Lucene's side searches with k' = 50)
against the exact top-10, computed here by brute force.

  python3 faiss_build.py DOCS.npy QUERIES.npy LIMIT M EF_CONSTRUCTION THREADS,...
"""
import json
import sys
import time

import faiss
import numpy as np

docs_path, queries_path = sys.argv[1:3]
limit, m, ef_construction = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
thread_counts = [int(x) for x in sys.argv[6].split(",")]
k = 10

docs = np.ascontiguousarray(np.load(docs_path, mmap_mode="r")[:limit], dtype=np.float32)
queries = np.ascontiguousarray(np.load(queries_path), dtype=np.float32)
n, dim = docs.shape
truth = []
for lo in range(0, len(queries), 100):  # exact top-k, 100 queries at a time (bounded memory)
    scores = queries[lo:lo + 100] @ docs.T
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    truth.extend(list(row) for row in top)

for threads in thread_counts:
    faiss.omp_set_num_threads(threads)
    index = faiss.IndexHNSWFlat(dim, m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    t0 = time.perf_counter()
    index.add(docs)
    build_s = time.perf_counter() - t0
    index.hnsw.efSearch = 5 * k
    _, found = index.search(queries, k)
    recall = np.mean([len(set(found[i]) & set(truth[i])) / k for i in range(len(queries))])
    print(json.dumps({"engine": "faiss", "faiss_version": faiss.__version__, "threads": threads, "m": m,
                      "ef_construction": ef_construction, "docs": n, "build_s": round(build_s, 2),
                      "recall_at_10_ef50": round(float(recall), 4)}), flush=True)
