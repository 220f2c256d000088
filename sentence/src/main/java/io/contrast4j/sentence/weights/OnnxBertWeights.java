package io.contrast4j.sentence.weights;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recovers HuggingFace BERT parameter names from an ONNX export made by {@code torch.onnx.export}
 * of a {@code BertModel}. Embeddings, biases and LayerNorms keep their HF names as initializers;
 * every Linear weight was folded into a MatMul whose right operand is an anonymous initializer
 * ({@code onnx::MatMul_NNN}) stored as {@code [in, out]}. The consuming node's name (e.g.
 * {@code /encoder/layer.3/attention/self/query/MatMul}) gives the module path, and transposing gives
 * HF's Linear layout {@code [out, in]}.
 */
public final class OnnxBertWeights {
    private OnnxBertWeights() {}

    /** HF-named float32 tensors from the graph; other initializers (shape constants) are ignored. */
    public static Map<String, Tensor> toHuggingFace(OnnxGraph graph) {
        Map<String, Tensor> inits = graph.initializers();
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Tensor t : inits.values()) {
            if (isHfName(t.name())) {
                out.put(t.name(), t);
            }
        }
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.opType().equals("MatMul") || node.inputs().size() != 2) {
                continue;
            }
            Tensor w = inits.get(node.inputs().get(1));
            if (w == null || isHfName(w.name())) {
                continue;
            }
            String hfName = moduleName(node.name()) + ".weight";
            if (!isHfName(hfName)) {
                continue;
            }
            if (out.containsKey(hfName)) {
                throw new IllegalStateException("two MatMul weights map to " + hfName);
            }
            out.put(hfName, w.transpose2d(hfName));
        }
        return out;
    }

    /** {@code /encoder/layer.3/attention/self/query/MatMul} -> {@code encoder.layer.3.attention.self.query}. */
    static String moduleName(String nodeName) {
        String s = nodeName.startsWith("/") ? nodeName.substring(1) : nodeName;
        int last = s.lastIndexOf('/');
        if (last >= 0) {
            s = s.substring(0, last);
        }
        return s.replace('/', '.');
    }

    private static boolean isHfName(String name) {
        return name.startsWith("embeddings.") || name.startsWith("encoder.") || name.startsWith("pooler.");
    }
}
