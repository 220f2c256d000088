#!/usr/bin/env python3
"""PyTorch side of bench/pretrain/step-speed.sh: the same unsupervised SimCSE step as
StepSpeedBench (all-MiniLM-L6-v2: 6 layers, hidden 384, 12 heads, FFN 1536, GELU, dropout 0.1;
two dropout views of 32 sequences of 32 tokens; mean pooling, L2 normalization, cosine / 0.05,
cross-entropy over in-batch negatives; AdamW lr 3e-5, wd 0.01 off biases/LayerNorms; clip 1.0),
written in plain PyTorch as a user would, in fp32 on the CPU.

The BERT encoder is written out here (the HuggingFace layout, Devlin et al. 2019; no
`transformers` in Debian's python3-torch) and loads model.safetensors of the folder that
`StepSpeedBench --mode save-weights` writes (read with numpy: no `safetensors` package either);
without a folder it keeps random weights of the same shapes (timing does not depend on values).
Token ids are random ids of the vocabulary, all sequences full length (no padding), like ours.

  /usr/bin/python3 step_speed.py [--model DIR] [--steps 10] [--warmup 3] [--threads 2] [--batch 32] [--tokens 32]

Prints one JSON line: torch version, threads, each timed step's seconds, the median steps/s.
"""
import argparse
import json
import math
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--model", default=None)
p.add_argument("--steps", type=int, default=10)
p.add_argument("--warmup", type=int, default=3)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--tokens", type=int, default=32)
a = p.parse_args()

torch.set_num_threads(a.threads)
torch.set_num_interop_threads(1)
torch.manual_seed(42)

VOCAB, HIDDEN, LAYERS, HEADS, FFN, POSITIONS, DROPOUT, EPS = 30522, 384, 6, 12, 1536, 512, 0.1, 1e-12


class SelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, HIDDEN)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, bias):
        b, t, _ = x.shape
        split = lambda y: y.view(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(HIDDEN // HEADS) + bias
        ctx = self.dropout(scores.softmax(-1)) @ v
        return ctx.transpose(1, 2).reshape(b, t, HIDDEN)


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.attention = nn.Module()
        self.attention.self = SelfAttention()
        self.attention.output = nn.Module()
        self.attention.output.dense = nn.Linear(HIDDEN, HIDDEN)
        self.attention.output.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(HIDDEN, FFN)
        self.output = nn.Module()
        self.output.dense = nn.Linear(FFN, HIDDEN)
        self.output.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, bias):
        att = self.attention
        x = att.output.LayerNorm(x + self.dropout(att.output.dense(att.self(x, bias))))
        h = F.gelu(self.intermediate.dense(x))
        return self.output.LayerNorm(x + self.dropout(self.output.dense(h)))


class Bert(nn.Module):
    def __init__(self):
        super().__init__()
        self.embeddings = nn.Module()
        self.embeddings.word_embeddings = nn.Embedding(VOCAB, HIDDEN)
        self.embeddings.position_embeddings = nn.Embedding(POSITIONS, HIDDEN)
        self.embeddings.token_type_embeddings = nn.Embedding(2, HIDDEN)
        self.embeddings.LayerNorm = nn.LayerNorm(HIDDEN, eps=EPS)
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList([Layer() for _ in range(LAYERS)])
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, ids, mask):
        e = self.embeddings
        positions = torch.arange(ids.shape[1]).unsqueeze(0)
        x = e.word_embeddings(ids) + e.position_embeddings(positions) + e.token_type_embeddings(torch.zeros_like(ids))
        x = self.dropout(e.LayerNorm(x))
        bias = (1.0 - mask[:, None, None, :].float()) * torch.finfo(torch.float32).min
        for layer in self.encoder.layer:
            x = layer(x, bias)
        m = mask.unsqueeze(-1).float()  # mean pooling over real tokens, then L2 (sentence-transformers)
        return F.normalize((x * m).sum(1) / m.sum(1).clamp(min=1e-9), dim=-1)


def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, t in header.items():
        if name == "__metadata__":
            continue
        assert t["dtype"] == "F32", (name, t["dtype"])
        lo, hi = t["data_offsets"]
        out[name] = torch.from_numpy(np.frombuffer(data, dtype="<f4", count=(hi - lo) // 4, offset=lo).reshape(t["shape"]).copy())
    return out


model = Bert()
loaded = "random"
if a.model:
    weights = read_safetensors(f"{a.model}/model.safetensors")
    missing, unexpected = model.load_state_dict({k: v for k, v in weights.items() if not k.startswith("pooler.")}, strict=False)
    missing = [k for k in missing if not k.endswith("position_ids")]
    assert not missing and not unexpected, (missing, unexpected)
    loaded = a.model
model.train()
params = sum(p.numel() for p in model.parameters())

no_decay = lambda n: n.endswith("bias") or "LayerNorm" in n
groups = [{"params": [p for n, p in model.named_parameters() if not no_decay(n)], "weight_decay": 0.01},
          {"params": [p for n, p in model.named_parameters() if no_decay(n)], "weight_decay": 0.0}]
optimizer = torch.optim.AdamW(groups, lr=3e-5, betas=(0.9, 0.999), eps=1e-8)
generator = torch.Generator().manual_seed(20261207)
ids = torch.randint(1000, VOCAB, (a.batch, a.tokens), generator=generator)  # one batch, reused: ids are not the cost
mask = torch.ones_like(ids)
labels = torch.arange(a.batch)

seconds = []
for s in range(a.warmup + a.steps):
    t0 = time.perf_counter()
    anchors = model(ids, mask)  # two forward passes, two dropout masks: SimCSE's views
    positives = model(ids, mask)
    loss = F.cross_entropy(anchors @ positives.T / 0.05, labels)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad()
    dt = time.perf_counter() - t0
    if s >= a.warmup:
        seconds.append(dt)

median = float(np.median(seconds))
print(json.dumps({"engine": "pytorch", "torch_version": torch.__version__, "threads": torch.get_num_threads(),
                  "interop_threads": torch.get_num_interop_threads(), "weights": loaded, "parameters": params,
                  "batch": a.batch, "tokens": a.tokens, "loss_last": round(float(loss), 4),
                  "step_seconds": [round(x, 4) for x in seconds], "median_step_s": round(median, 4),
                  "steps_per_s": round(1 / median, 4)}), flush=True)
