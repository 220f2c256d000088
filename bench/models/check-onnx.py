#!/usr/bin/env python3
"""Validates an exported model.onnx with the onnx package's checker (Debian python3-onnx 1.12 works).

    /usr/bin/python3 bench/models/check-onnx.py EXPORT_DIR/model.onnx [...]

For each file: onnx.checker.check_model(full_check=True) (schema of every node, types, and ONNX's
shape inference with strict mode), then prints the opset, the graph inputs/outputs with their
symbolic axes, the operator types used and the initializer count. Exit 1 when a file fails.
"""
import collections
import sys

import onnx
from onnx import shape_inference


def dims(value_info):
    out = []
    for d in value_info.type.tensor_type.shape.dim:
        out.append(d.dim_param if d.dim_param else d.dim_value)
    return out


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    ops = collections.Counter(n.op_type for n in model.graph.node)
    domains = {n.domain for n in model.graph.node}
    print("%s: OK (onnx %s checker, full_check)" % (path, onnx.__version__))
    print("  ir_version %d, opset %s, producer %s %s" % (model.ir_version,
          [(o.domain or "ai.onnx", o.version) for o in model.opset_import], model.producer_name, model.producer_version))
    print("  node domains: %s" % sorted(d or "ai.onnx (default)" for d in domains))
    for i in model.graph.input:
        print("  input  %-18s %s" % (i.name, dims(i)))
    for o in model.graph.output:
        print("  output %-18s %s" % (o.name, dims(o)))
    print("  %d initializers, %d nodes, %d inferred value shapes" % (len(model.graph.initializer),
          len(model.graph.node), len(inferred.graph.value_info)))
    print("  ops: %s" % ", ".join("%s x%d" % kv for kv in sorted(ops.items())))


failed = 0
for p in sys.argv[1:]:
    try:
        check(p)
    except Exception as e:  # report every file, then fail
        print("%s: FAILED: %s" % (p, e))
        failed += 1
sys.exit(1 if failed or len(sys.argv) < 2 else 0)
