package io.contrast4j.spark;

import ai.djl.pytorch.jni.JniUtils;
import io.contrast4j.sentence.djl.DjlBootstrap;
import io.contrast4j.sentence.Models;
import io.contrast4j.sentence.SentenceEncoder;
import java.util.HashMap;
import java.util.Map;

/**
 * One encoder per model per JVM, created on first use and kept for the life of the JVM: every
 * task of an executor shares it ({@link SentenceEncoder#embed} is thread-safe), so the weights are
 * loaded once per executor, not once per task or partition. In {@code local[*]} mode the driver
 * is the executor and shares it too.
 */
public final class ExecutorEncoders {
    /** DJL reads this at engine start-up; after start-up {@link JniUtils#setNumThreads} applies. */
    static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
    static final String INTEROP_PROPERTY = "ai.djl.pytorch.num_interop_threads";

    private static final Map<String, SentenceEncoder> ENCODERS = new HashMap<>();
    private static int threadsSet;

    private ExecutorEncoders() {}

    /** The JVM's encoder for {@code settings}, loaded on first call. */
    public static synchronized SentenceEncoder get(EncoderSettings settings) {
        useTorchThreads(settings.torchThreads());
        return ENCODERS.computeIfAbsent(settings.modelSpec() + "\u0000" + settings.batchSize(),
                k -> new SentenceEncoder(Models.load(settings.modelSpec()), settings.batchSize()));
    }

    /**
     * Sets PyTorch's intra-op thread count for this JVM (a process-wide setting in PyTorch, which
     * every thread picks up at its next parallel region). Inter-op threads stay at 1: tasks are
     * the parallelism between operations.
     */
    static synchronized void useTorchThreads(int threads) {
        if (threadsSet == threads) {
            return;
        }
        DjlBootstrap.ensureOffline();
        System.setProperty(THREADS_PROPERTY, Integer.toString(threads));
        if (System.getProperty(INTEROP_PROPERTY) == null) {
            System.setProperty(INTEROP_PROPERTY, "1");
        }
        // Starts the engine (which reads the properties) or returns the running one, whose thread
        // count may have been set by someone else: set it explicitly either way.
        ai.djl.engine.Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        threadsSet = threads;
    }

    /** Current PyTorch intra-op threads of this JVM (starts the engine). */
    public static int torchThreads() {
        ai.djl.engine.Engine.getEngine("PyTorch");
        return JniUtils.getNumThreads();
    }
}
