package io.contrast4j.sentence.weights;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX model this project needs: float initializers (the weights) and the nodes
 * that consume them. Field numbers follow onnx/onnx.proto: ModelProto.graph = 7; GraphProto.node
 * = 1, initializer = 5; NodeProto.input = 1, output = 2, name = 3, op_type = 4; TensorProto.dims =
 * 1, data_type = 2, float_data = 4, name = 8, raw_data = 9, data_location = 14.
 */
public final class OnnxGraph {

    /** A graph node: its name (e.g. {@code /encoder/layer.0/attention/self/query/MatMul}), op and edges. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {}

    private static final int TENSOR_FLOAT = 1;

    private final Map<String, Tensor> initializers;
    private final List<Node> nodes;

    private OnnxGraph(Map<String, Tensor> initializers, List<Node> nodes) {
        this.initializers = initializers;
        this.nodes = nodes;
    }

    /** Float initializers by name, in file order. */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /**
     * Parses a serialized ModelProto.
     *
     * @throws IllegalStateException when the bytes are not a well-formed ONNX model
     */
    public static OnnxGraph parse(byte[] modelBytes) {
        ProtobufReader model = new ProtobufReader(ByteBuffer.wrap(modelBytes));
        ProtobufReader graph = null;
        while (model.next()) {
            if (model.fieldNumber() == 7 && model.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                graph = model.readMessage();
            } else {
                model.skip();
            }
        }
        if (graph == null) {
            throw new IllegalStateException("no graph in the ONNX model");
        }
        Map<String, Tensor> inits = new LinkedHashMap<>();
        List<Node> nodes = new ArrayList<>();
        while (graph.next()) {
            if (graph.fieldNumber() == 1 && graph.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                nodes.add(readNode(graph.readMessage()));
            } else if (graph.fieldNumber() == 5 && graph.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                Tensor t = readTensor(graph.readMessage());
                if (t != null) {
                    inits.put(t.name(), t);
                }
            } else {
                graph.skip();
            }
        }
        return new OnnxGraph(inits, nodes);
    }

    private static Node readNode(ProtobufReader r) {
        String name = "";
        String op = "";
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        while (r.next()) {
            switch (r.fieldNumber()) {
                case 1 -> in.add(r.readString());
                case 2 -> out.add(r.readString());
                case 3 -> name = r.readString();
                case 4 -> op = r.readString();
                default -> r.skip();
            }
        }
        return new Node(name, op, List.copyOf(in), List.copyOf(out));
    }

    /** Returns the tensor when it is float32 with its data inline, else null (int constants etc.). */
    private static Tensor readTensor(ProtobufReader r) {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteBuffer raw = null;
        List<Float> floats = new ArrayList<>();
        boolean external = false;
        while (r.next()) {
            switch (r.fieldNumber()) {
                case 1 -> {
                    if (r.wireType() == ProtobufReader.LENGTH_DELIMITED) { // packed
                        ProtobufReader packed = new ProtobufReader(r.readBytes());
                        while (packed.hasRemaining()) {
                            dims.add(packed.readVarint());
                        }
                    } else {
                        dims.add(r.readVarint());
                    }
                }
                case 2 -> dataType = (int) r.readVarint();
                case 4 -> {
                    if (r.wireType() == ProtobufReader.LENGTH_DELIMITED) {
                        ByteBuffer b = r.readBytes();
                        while (b.remaining() >= 4) {
                            floats.add(b.getFloat());
                        }
                    } else {
                        floats.add(r.readFixed32Float());
                    }
                }
                case 8 -> name = r.readString();
                case 9 -> raw = r.readBytes();
                case 14 -> external = r.readVarint() == 1;
                default -> r.skip();
            }
        }
        if (dataType != TENSOR_FLOAT) {
            return null;
        }
        if (external) {
            throw new IllegalStateException("initializer " + name + " keeps its data in an external file (not supported)");
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        float[] data;
        if (raw != null) {
            data = new float[raw.remaining() / 4];
            raw.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            data = new float[floats.size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = floats.get(i);
            }
        }
        return new Tensor(name, shape, data);
    }
}
