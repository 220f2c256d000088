#!/usr/bin/env python3
"""Word-level quality of a word2vec-format vector file, the same way for every tool in run.sh.

WordSim-353 and SimLex-999: Spearman (x100) of cosine against the gold scores over the pairs whose
two words are both among the 30k most frequent words of the file (file order is frequency order for
all four tools). Google analogies: 3CosAdd accuracy (x100) over the questions whose four words are
all in those 30k, the three question words excluded from the answers, as gensim's
evaluate_word_analogies(restrict_vocab=30000) does. Dataset words are lower-cased (the corpus is).
Prints one JSON object.
"""
import json
import sys

import numpy as np
from scipy.stats import spearmanr

RESTRICT = 30000


def load(path):
    with open(path, "rb") as f:
        header = f.readline().split()
        n, dim = int(header[0]), int(header[1])
        binary = path.endswith(".bin")
        words, rows = [], []
        for _ in range(n):
            if binary:
                w = bytearray()
                while True:
                    c = f.read(1)
                    if c == b" " or not c:
                        break
                    if c != b"\n":
                        w += c
                vec = np.frombuffer(f.read(4 * dim), dtype="<f4")
                words.append(w.decode("utf-8", "replace"))
                rows.append(vec)
            else:
                parts = f.readline().rstrip(b"\n").split(b" ")
                words.append(parts[0].decode("utf-8", "replace"))
                rows.append(np.asarray(parts[1:dim + 1], dtype=np.float32))
    return words, np.vstack(rows)


def main(vectors, data_dir):
    words, m = load(vectors)
    keep = [i for i, w in enumerate(words) if w != "</s>"][:RESTRICT]
    words = [words[i] for i in keep]
    m = m[keep]
    m = m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)
    index = {w: i for i, w in enumerate(words)}
    out = {"vectors": vectors, "restrict_vocab": RESTRICT}
    for name, fname in (("wordsim353", "wordsim353.tsv"), ("simlex999", "simlex999.txt")):
        gold, pred, total = [], [], 0
        with open(f"{data_dir}/wordsim/{fname}", encoding="utf-8") as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.rstrip("\n").split("\t")
                try:
                    score = float(parts[2])
                except (IndexError, ValueError):
                    continue  # header row
                total += 1
                a, b = parts[0].lower(), parts[1].lower()
                if a in index and b in index:
                    gold.append(score)
                    pred.append(float(m[index[a]] @ m[index[b]]))
        rho = spearmanr(gold, pred).correlation * 100 if len(gold) > 2 else float("nan")
        out[name] = {"spearman": round(rho, 2), "coverage": round(len(gold) / max(total, 1), 4), "n": len(gold)}
    qs = []
    total = 0
    with open(f"{data_dir}/wordsim/questions-words.txt", encoding="utf-8") as f:
        for line in f:
            if line.startswith(":") or not line.strip():
                continue
            total += 1
            q = line.lower().split()
            if len(q) == 4 and all(w in index for w in q):
                qs.append([index[w] for w in q])
    correct = 0
    q = np.array(qs, dtype=np.int64).reshape(-1, 4)
    for s in range(0, len(q), 1024):
        b = q[s:s + 1024]
        target = m[b[:, 1]] - m[b[:, 0]] + m[b[:, 2]]
        sims = target @ m.T
        rows = np.arange(len(b))
        for k in range(3):
            sims[rows, b[:, k]] = -np.inf
        correct += int((sims.argmax(axis=1) == b[:, 3]).sum())
    out["questions-words"] = {"acc": round(100.0 * correct / max(len(q), 1), 2),
                              "coverage": round(len(q) / max(total, 1), 4), "n": len(q)}
    print(json.dumps(out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: evaluate.py VECTORS(.txt|.vec|.bin) DATA_DIR")
    main(sys.argv[1], sys.argv[2])
