package io.contrast4j.sentence.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.sentence.MiniLm;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads the real embedded ONNX file and recovers all of BERT's HF parameter names. */
class OnnxBertWeightsTest {

    @Test
    void recoversEveryHuggingFaceWeightOfMiniLm() {
        Map<String, Tensor> w = MiniLm.weights();
        // 5 embedding tensors + 16 per layer x 6 layers
        long hfNamed = w.keySet().stream().filter(n -> !n.startsWith("pooler.")).count();
        assertEquals(5 + 16 * 6, hfNamed, w.keySet().toString());
        assertArrayEquals(new long[] {30522, 384}, w.get("embeddings.word_embeddings.weight").shape());
        assertArrayEquals(new long[] {512, 384}, w.get("embeddings.position_embeddings.weight").shape());
        assertArrayEquals(new long[] {2, 384}, w.get("embeddings.token_type_embeddings.weight").shape());
        for (int l = 0; l < 6; l++) {
            String p = "encoder.layer." + l + ".";
            for (String m : new String[] {"attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense"}) {
                assertArrayEquals(new long[] {384, 384}, w.get(p + m + ".weight").shape(), p + m);
                assertArrayEquals(new long[] {384}, w.get(p + m + ".bias").shape(), p + m);
            }
            // Linear layout [out, in]: intermediate expands 384 -> 1536, output contracts back
            assertArrayEquals(new long[] {1536, 384}, w.get(p + "intermediate.dense.weight").shape());
            assertArrayEquals(new long[] {384, 1536}, w.get(p + "output.dense.weight").shape());
        }
    }

    @Test
    void mapsMatMulNodesToModuleNames() {
        assertEquals("encoder.layer.3.attention.self.query",
                OnnxBertWeights.moduleName("/encoder/layer.3/attention/self/query/MatMul"));
        assertEquals("encoder.layer.0.intermediate.dense",
                OnnxBertWeights.moduleName("/encoder/layer.0/intermediate/dense/MatMul"));
    }

    @Test
    void transposeSwapsRowsAndColumns() {
        Tensor t = new Tensor("x", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        Tensor tt = t.transpose2d("y");
        assertArrayEquals(new long[] {3, 2}, tt.shape());
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, tt.data());
        assertTrue(tt.name().equals("y"));
    }
}
