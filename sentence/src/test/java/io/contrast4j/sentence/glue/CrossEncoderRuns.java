package io.contrast4j.sentence.glue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.contrast4j.data.glue.GlueExample;
import io.contrast4j.sentence.train.TensorArchive;
import io.contrast4j.sentence.train.TestEncoders;
import io.contrast4j.sentence.train.TrainableEncoder;
import io.contrast4j.sentence.train.Trainer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tiny cross-encoder runs for the fine-tuner tests: a toy BERT saved as a model folder, real sentences, their tensors. */
final class CrossEncoderRuns {
    private CrossEncoderRuns() {}

    /** The toy BERT of the trainer tests (2 layers, hidden 32), initialized from {@code seed}, as a model folder. */
    static Path tinyModel(Path dir, long seed) throws IOException {
        Path model = dir.resolve("tiny-" + seed);
        try (TrainableEncoder e = TestEncoders.tiny(seed)) {
            e.save(model);
        }
        return model;
    }

    /** {@code n} sentence pairs from the State of the Union sample with labels 0/1, or scores in [0, 5]. */
    static List<GlueExample> pairs(int from, int n, boolean regression) {
        List<String> s = TestEncoders.sentences(from, 2 * n);
        List<GlueExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String label = regression ? Float.toString((i * 7 % 11) / 2f) : Integer.toString(i * 5 % 3 == 0 ? 1 : 0);
            out.add(new GlueExample("e" + i, s.get(2 * i), s.get(2 * i + 1), label));
        }
        return out;
    }

    /** The newest checkpoint's {@code file} (model.bin: encoder and head; optimizer.bin: AdamW's moments) as float arrays. */
    static Map<String, float[]> checkpointTensors(Path runDir, String file) throws IOException {
        Path dir = Trainer.latestCheckpoint(runDir).orElseThrow(() -> new AssertionError("no checkpoint in " + runDir));
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            for (Map.Entry<String, NDArray> e : TensorArchive.read(dir.resolve(file), m).entrySet()) {
                out.put(e.getKey(), e.getValue().toFloatArray());
            }
        }
        return out;
    }

    /** SHA-256 over the names and little-endian float32 bits of the tensors, in order. */
    static String sha256(Map<String, float[]> tensors) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, float[]> e : tensors.entrySet()) {
                md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                ByteBuffer b = ByteBuffer.allocate(4 * e.getValue().length).order(ByteOrder.LITTLE_ENDIAN);
                for (float x : e.getValue()) b.putFloat(x);
                md.update(b.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
