#!/usr/bin/env python3
"""Reference outputs from the original implementations, for ReferenceOutputsTest.

Builds tiny random BERT / RoBERTa / XLM-RoBERTa / DistilBERT / MPNet encoders with HuggingFace
transformers (fixed seeds, eager attention), saves each as a sentence-transformers folder (mean
pooling, no normalization) together with reference.json: fixed token ids and attention masks, the
encoder's last_hidden_state and sentence-transformers' pooled sentence_embedding for them. The Java
test loads each folder with Models.load and compares its token states (real tokens) and sentence
vectors to these within 1e-5.

Needs: torch, transformers, tokenizers, sentence-transformers (pip install sentence-transformers).
Not runnable on the project's build machine (no transformers there); run it wherever they are, then
commit the output folder:

    python3 bench/models/make-reference.py --out sentence/src/test/resources/reference/models

Each model is ~100 KB (vocabulary 256, hidden 32, 2 layers, 4 heads, 66 positions).
"""
import argparse
import json
import os

import torch
import transformers
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

VOCAB = 256
HIDDEN = 32
LAYERS = 2
HEADS = 4
INTERMEDIATE = 64
POSITIONS = 66


def tiny_tokenizer(cls_id, sep_id, pad_id, unk_id):
    """A WordPiece tokenizer over VOCAB tokens (specials at the ids the architecture expects)."""
    specials = {cls_id: "[CLS]", sep_id: "[SEP]", pad_id: "[PAD]", unk_id: "[UNK]"}
    vocab = {}
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = [a + b for a in letters for b in letters]
    w = 0
    for i in range(VOCAB):
        if i in specials:
            vocab[specials[i]] = i
        else:
            vocab[words[w]] = i
            w += 1
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    return tok


def build(arch):
    c = dict(vocab_size=VOCAB, hidden_size=HIDDEN, num_hidden_layers=LAYERS, num_attention_heads=HEADS,
             intermediate_size=INTERMEDIATE, max_position_embeddings=POSITIONS, hidden_act="gelu",
             attn_implementation="eager")
    if arch == "bert":
        cfg = transformers.BertConfig(type_vocab_size=2, pad_token_id=0, **c)
        return transformers.BertModel(cfg, add_pooling_layer=False), dict(cls=2, sep=3, pad=0, unk=4)
    if arch == "roberta":
        cfg = transformers.RobertaConfig(type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                                         layer_norm_eps=1e-5, **c)
        return transformers.RobertaModel(cfg, add_pooling_layer=False), dict(cls=0, sep=2, pad=1, unk=3)
    if arch == "xlm-roberta":
        cfg = transformers.XLMRobertaConfig(type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                                            layer_norm_eps=1e-5, **c)
        return transformers.XLMRobertaModel(cfg, add_pooling_layer=False), dict(cls=0, sep=2, pad=1, unk=3)
    if arch == "distilbert":
        cfg = transformers.DistilBertConfig(vocab_size=VOCAB, dim=HIDDEN, n_layers=LAYERS, n_heads=HEADS,
                                            hidden_dim=INTERMEDIATE, max_position_embeddings=POSITIONS,
                                            activation="gelu", sinusoidal_pos_embds=False, pad_token_id=0,
                                            attn_implementation="eager")
        return transformers.DistilBertModel(cfg), dict(cls=2, sep=3, pad=0, unk=4)
    if arch == "mpnet":
        cfg = transformers.MPNetConfig(relative_attention_num_buckets=32, pad_token_id=1, bos_token_id=0,
                                       eos_token_id=2, **c)
        return transformers.MPNetModel(cfg, add_pooling_layer=False), dict(cls=0, sep=2, pad=1, unk=3)
    raise ValueError(arch)


def randomize(model, gen):
    """Weights far from the default init, so every part of the arithmetic moves the output."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            g = torch.randn(p.shape, generator=gen)
            if ("LayerNorm" in name or "layer_norm" in name) and name.endswith(".weight"):
                p.copy_(1 + 0.1 * g)
            elif name.endswith(".bias"):
                p.copy_(0.1 * g)
            elif "relative_attention_bias" in name:
                p.copy_(0.5 * g)
            else:
                p.copy_(0.2 * g)


def inputs(ids, gen):
    """Three right-padded rows (lengths 60, 17, 3): [CLS] random tokens [SEP], padding with the pad id."""
    lengths = [60, 17, 3]
    seq = max(lengths)
    specials = set(ids.values())
    ordinary = [i for i in range(VOCAB) if i not in specials]
    input_ids = torch.full((len(lengths), seq), ids["pad"], dtype=torch.long)
    mask = torch.zeros((len(lengths), seq), dtype=torch.long)
    for r, n in enumerate(lengths):
        picks = torch.randint(0, len(ordinary), (n - 2,), generator=gen)
        row = [ids["cls"]] + [ordinary[i] for i in picks.tolist()] + [ids["sep"]]
        input_ids[r, :n] = torch.tensor(row)
        mask[r, :n] = 1
    return input_ids, mask


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="sentence/src/test/resources/reference/models")
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args()
    from sentence_transformers import SentenceTransformer
    from sentence_transformers import models as st_models

    for k, arch in enumerate(["bert", "roberta", "xlm-roberta", "distilbert", "mpnet"]):
        seed = args.seed + k
        torch.manual_seed(seed)
        gen = torch.Generator().manual_seed(seed)
        model, ids = build(arch)
        randomize(model, gen)
        model.eval()
        input_ids, mask = inputs(ids, gen)
        with torch.no_grad():
            hidden = model(input_ids=input_ids, attention_mask=mask).last_hidden_state

        out = os.path.join(args.out, arch)
        hf_dir = os.path.join(out, "hf")
        model.save_pretrained(hf_dir, safe_serialization=True)
        tok = tiny_tokenizer(ids["cls"], ids["sep"], ids["pad"], ids["unk"])
        fast = transformers.PreTrainedTokenizerFast(
            tokenizer_object=tok, cls_token="[CLS]", sep_token="[SEP]", pad_token="[PAD]", unk_token="[UNK]",
            model_max_length=POSITIONS - 2)
        fast.save_pretrained(hf_dir)
        # the sentence-transformers folder: Transformer (the model above) + mean Pooling
        word = st_models.Transformer(hf_dir, max_seq_length=POSITIONS - 2,
                                     model_args={"attn_implementation": "eager"})
        pool = st_models.Pooling(word.get_word_embedding_dimension(), pooling_mode="mean")
        st = SentenceTransformer(modules=[word, pool], device="cpu")
        st.eval()
        with torch.no_grad():
            features = {"input_ids": input_ids, "attention_mask": mask}
            if arch == "bert":
                features["token_type_ids"] = torch.zeros_like(input_ids)
            pooled = st(features)["sentence_embedding"]
            st_hidden = st(features)["token_embeddings"]
        assert torch.allclose(st_hidden, hidden, atol=1e-5), "sentence-transformers ran another model"
        st.save(out, safe_serialization=True)
        import shutil
        shutil.rmtree(hf_dir)
        ref = {
            "architecture": arch,
            "seed": seed,
            "torch": torch.__version__,
            "transformers": transformers.__version__,
            "sentence_transformers": __import__("sentence_transformers").__version__,
            "attn_implementation": "eager",
            "input_ids": input_ids.tolist(),
            "attention_mask": mask.tolist(),
            "last_hidden_state": hidden.tolist(),
            "sentence_embedding": pooled.tolist(),
        }
        with open(os.path.join(out, "reference.json"), "w") as f:
            json.dump(ref, f)
        print("%s: %s, token states %s, pooled %s" % (arch, out, tuple(hidden.shape), tuple(pooled.shape)))


if __name__ == "__main__":
    main()
