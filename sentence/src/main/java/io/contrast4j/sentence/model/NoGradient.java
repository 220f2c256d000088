package io.contrast4j.sentence.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns autograd recording off on the current thread for an inference pass and restores it after.
 * PyTorch's grad mode is per thread and on by default; DJL only switches it off on the thread that
 * started the engine, so a forward pass on any other thread would build a graph (and hold its
 * memory) for parameters that require gradients. Other engines: nothing to do.
 */
public final class NoGradient implements AutoCloseable {
    private final boolean pytorch;
    private final boolean previous;

    public NoGradient(Engine engine) {
        pytorch = "PyTorch".equals(engine.getEngineName());
        previous = pytorch && JniUtils.isGradMode();
        if (previous) {
            JniUtils.setGradMode(false);
        }
    }

    @Override
    public void close() {
        if (previous) {
            JniUtils.setGradMode(true);
        }
    }
}
