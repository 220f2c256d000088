package io.contrast4j.sentence.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an ONNX {@code ModelProto} (one graph, default domain) and serializes it, without generated
 * protobuf classes. Field numbers follow onnx/onnx.proto: ModelProto ir_version = 1, producer_name =
 * 2, producer_version = 3, doc_string = 6, graph = 7, opset_import = 8, metadata_props = 14;
 * OperatorSetIdProto domain = 1, version = 2; GraphProto node = 1, name = 2, initializer = 5, input =
 * 11, output = 12; NodeProto input = 1, output = 2, name = 3, op_type = 4, attribute = 5;
 * AttributeProto name = 1, f = 2, i = 3, ints = 8, type = 20; TensorProto dims = 1, data_type = 2,
 * name = 8, raw_data = 9; ValueInfoProto name = 1, type = 2; TypeProto tensor_type = 1;
 * TypeProto.Tensor elem_type = 1, shape = 2; TensorShapeProto dim = 1; Dimension dim_value = 1,
 * dim_param = 2.
 *
 * <p>Each node has one output, named by the caller; names must be unique. The graph is written as a
 * stream: initializers are encoded once each and not copied into one large buffer, but a single
 * protobuf message cannot exceed 2 GB, so neither can the model (ONNX's external-data layout is not
 * written).
 */
public final class OnnxModelWriter {
    /** TensorProto.DataType values. */
    public static final int FLOAT = 1;
    public static final int INT64 = 7;
    public static final int BOOL = 9;

    /** IR version 8 goes with opset 17 (onnx/docs/Versioning.md). */
    public static final int IR_VERSION = 8;

    /** A node attribute: an int, a float or a list of ints. */
    public record Attribute(String name, int type, long i, float f, long[] ints) {
        public static Attribute of(String name, long value) {
            return new Attribute(name, 2, value, 0f, null);
        }

        public static Attribute of(String name, float value) {
            return new Attribute(name, 1, 0, value, null);
        }

        public static Attribute ints(String name, long... values) {
            return new Attribute(name, 7, 0, 0f, values);
        }
    }

    private final String graphName;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private int constants;

    public OnnxModelWriter(String graphName) {
        this.graphName = graphName;
    }

    /** A float initializer (a weight) named {@code name}. */
    public String initializer(String name, long[] dims, float[] data) {
        claim(name);
        initializers.add(tensor(name, dims, FLOAT, ProtobufWriter.littleEndian(data)));
        return name;
    }

    /** An int64 initializer named {@code name}. */
    public String initializer(String name, long[] dims, long[] data) {
        claim(name);
        initializers.add(tensor(name, dims, INT64, ProtobufWriter.littleEndian(data)));
        return name;
    }

    /** A float scalar constant (a 0-d initializer). */
    public String scalar(float value) {
        return initializer("const_" + constants++, new long[0], new float[] {value});
    }

    /** An int64 scalar constant. */
    public String scalar(long value) {
        return initializer("const_" + constants++, new long[0], new long[] {value});
    }

    /** A 1-d int64 constant (shapes, axes). */
    public String vector(long... values) {
        return initializer("const_" + constants++, new long[] {values.length}, values);
    }

    /** Adds a node {@code opType(inputs) -> output} and returns {@code output}. */
    public String node(String output, String opType, List<String> nodeInputs, Attribute... attributes) {
        claim(output);
        ProtobufWriter n = new ProtobufWriter();
        for (String in : nodeInputs) {
            n.string(1, in);
        }
        n.string(2, output);
        n.string(3, output);
        n.string(4, opType);
        for (Attribute a : attributes) {
            ProtobufWriter w = new ProtobufWriter().string(1, a.name()).varint(20, a.type());
            switch (a.type()) {
                case 1 -> w.fixed32Float(2, a.f());
                case 2 -> w.varint(3, a.i());
                case 7 -> {
                    for (long v : a.ints()) {
                        w.varint(8, v);
                    }
                }
                default -> throw new IllegalArgumentException("attribute type " + a.type());
            }
            n.message(5, w);
        }
        nodes.add(new ProtobufWriter().message(1, n).toByteArray());
        return output;
    }

    /**
     * Declares a graph input; each dim is a {@code Long} (fixed) or a {@code String} (a named dynamic
     * axis, e.g. "batch").
     */
    public String input(String name, int elemType, Object... dims) {
        claim(name);
        inputs.add(new ProtobufWriter().message(11, valueInfo(name, elemType, dims)).toByteArray());
        return name;
    }

    /** Declares a graph output (the value a node produced). */
    public void output(String name, int elemType, Object... dims) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("output " + name + " is produced by no node");
        }
        outputs.add(new ProtobufWriter().message(12, valueInfo(name, elemType, dims)).toByteArray());
    }

    /** A {@code metadata_props} entry (shown by Netron, read by ORT's model metadata). */
    public void metadata(String key, String value) {
        metadata.put(key, value);
    }

    /** Writes the ModelProto: IR version 8, default-domain opset {@code opset}. */
    public void write(OutputStream out, int opset, String producer, String producerVersion, String docString)
            throws IOException {
        ProtobufWriter head = new ProtobufWriter()
                .varint(1, IR_VERSION)
                .string(2, producer)
                .string(3, producerVersion)
                .string(6, docString)
                .message(8, new ProtobufWriter().string(1, "").varint(2, opset));
        metadata.forEach((k, v) -> head.message(14, new ProtobufWriter().string(1, k).string(2, v)));
        byte[] name = new ProtobufWriter().string(2, graphName).toByteArray();
        long graphLength = name.length;
        for (List<byte[]> part : List.of(nodes, initializers, inputs, outputs)) {
            for (byte[] b : part) {
                graphLength += b.length;
            }
        }
        if (graphLength > Integer.MAX_VALUE) {
            throw new IllegalStateException("the model is " + graphLength + " bytes; ONNX protobuf files are limited to 2 GB");
        }
        out.write(head.toByteArray());
        // graph = 7, length-delimited: key, length, then the parts in field order
        out.write(new ProtobufWriter().lengthPrefix(7, graphLength).toByteArray());
        for (byte[] b : nodes) {
            out.write(b);
        }
        out.write(name);
        for (List<byte[]> part : List.of(initializers, inputs, outputs)) {
            for (byte[] b : part) {
                out.write(b);
            }
        }
    }

    private static byte[] tensor(String name, long[] dims, int dataType, byte[] raw) {
        ProtobufWriter t = new ProtobufWriter();
        for (long d : dims) {
            t.varint(1, d);
        }
        t.varint(2, dataType).string(8, name).bytes(9, raw);
        return new ProtobufWriter().message(5, t).toByteArray();
    }

    private static ProtobufWriter valueInfo(String name, int elemType, Object... dims) {
        ProtobufWriter shape = new ProtobufWriter();
        for (Object d : dims) {
            ProtobufWriter dim = new ProtobufWriter();
            if (d instanceof String s) {
                dim.string(2, s);
            } else {
                dim.varint(1, ((Number) d).longValue());
            }
            shape.message(1, dim);
        }
        ProtobufWriter tensorType = new ProtobufWriter().varint(1, elemType).message(2, shape);
        ProtobufWriter type = new ProtobufWriter().message(1, tensorType);
        return new ProtobufWriter().string(1, name).message(2, type);
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate value name " + name);
        }
    }
}
