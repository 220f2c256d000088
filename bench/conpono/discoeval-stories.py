#!/usr/bin/env python3
"""Training stories for CONPONO from DiscoEval's ROCStories Sentence Position training split.

Usage: discoeval-stories.py DISCOEVAL_DATA OUT.txt [--shuffle SEED]

Each line of SP/rocstory/train.txt is `label TAB s1 ... TAB s5`: a five-sentence story with one
sentence moved to the front, the label being that sentence's 0-based original position. The story
is put back in its natural order (the text as written; the order is what CONPONO learns from, so a
corpus in any other order would not do). Stories sharing an adjacent sentence pair with any SP or
BSO rocstory valid or test line are dropped, so the probes' validation and test stories are never
trained on. One story per line, sentences joined by spaces (DiscoEval's tokenization).

--shuffle SEED writes the same stories with their sentences in a random order: a control that keeps
the text and drops the order.
"""
import random
import sys


def sp_stories(path):
    stories = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 6 or not fields[0].isdigit() or int(fields[0]) > 4:
                raise SystemExit(f"{path}:{number}: expected `label TAB` and 5 sentences")
            moved, rest = fields[1], fields[2:]
            rest.insert(int(fields[0]), moved)
            stories.append(rest)
    return stories


def held_out_pairs(data):
    pairs = set()
    for split in ("valid", "test"):
        for story in sp_stories(f"{data}/SP/rocstory/{split}.txt"):
            pairs.update(zip(story, story[1:]))
        with open(f"{data}/BSO/rocstory/{split}.txt", encoding="utf-8") as f:
            for line in f:
                first, second = line.rstrip("\n").split("\t")
                pairs.add((first, second))
    return pairs


def main(argv):
    if len(argv) not in (3, 5) or (len(argv) == 5 and argv[3] != "--shuffle"):
        raise SystemExit(__doc__)
    data, out = argv[1], argv[2]
    rng = random.Random(int(argv[4])) if len(argv) == 5 else None
    held = held_out_pairs(data)
    stories = sp_stories(f"{data}/SP/rocstory/train.txt")
    kept = [s for s in stories if not any(p in held for p in zip(s, s[1:]))]
    with open(out, "w", encoding="utf-8") as w:
        for story in kept:
            if rng:
                story = story[:]
                rng.shuffle(story)
            w.write(" ".join(story) + "\n")
    print(f"{len(kept)} stories written, {len(stories) - len(kept)} dropped (share a pair with a valid/test line)",
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
