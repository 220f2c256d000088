#!/usr/bin/env python3
"""Writes MPNet's relative-position buckets as torch computes them, for RelativePositionBucketsTest.

The bucketing is transformers' MPNetEncoder.relative_position_bucket (models/mpnet/modeling_mpnet.py),
restated here because transformers is not installed on this machine; it needs only torch
(Debian python3-torch 1.13 works). Output: one line per relative position d = j - i in
[-1023, 1023]: "d bucket".

    /usr/bin/python3 bench/models/mpnet-buckets.py > sentence/src/test/resources/reference/mpnet-relative-buckets.txt
"""
import math
import sys

import torch


def relative_position_bucket(relative_position, num_buckets=32, max_distance=128):
    ret = 0
    n = -relative_position
    num_buckets //= 2
    ret += (n < 0).to(torch.long) * num_buckets
    n = torch.abs(n)
    max_exact = num_buckets // 2
    is_small = n < max_exact
    val_if_large = max_exact + (
        torch.log(n.float() / max_exact) / math.log(max_distance / max_exact) * (num_buckets - max_exact)
    ).to(torch.long)
    val_if_large = torch.min(val_if_large, torch.full_like(val_if_large, num_buckets - 1))
    ret += torch.where(is_small, n, val_if_large)
    return ret


d = torch.arange(-1023, 1024, dtype=torch.long)
b = relative_position_bucket(d)
sys.stdout.write("# torch %s, transformers MPNetEncoder.relative_position_bucket(num_buckets=32, max_distance=128)\n"
                 % torch.__version__)
for rel, bucket in zip(d.tolist(), b.tolist()):
    sys.stdout.write("%d %d\n" % (rel, bucket))
