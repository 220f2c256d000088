package io.contrast4j.sentence;

import ai.djl.Device;
import io.contrast4j.sentence.model.SentenceModel;

/** One minilm per test JVM: loading it costs a second or two, and it is read-only. */
final class TestModels {
    private static SentenceModel minilm;

    private TestModels() {}

    static synchronized SentenceModel minilm() {
        if (minilm == null) {
            minilm = MiniLm.load(Device.cpu());
            Runtime.getRuntime().addShutdownHook(new Thread(minilm::close));
        }
        return minilm;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
