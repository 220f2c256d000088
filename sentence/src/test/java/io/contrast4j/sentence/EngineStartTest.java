package io.contrast4j.sentence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The PyTorch engine starts offline on this JDK and computes. */
class EngineStartTest {
    @Test
    void pytorchEngineStartsOfflineAndComputes() {
        Engine engine = Engine.getEngine("PyTorch");
        assertEquals("PyTorch", engine.getEngineName());
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
            assertArrayEquals(new float[] {7, 10, 15, 22}, a.matMul(a).toFloatArray());
        }
        System.out.println("engine " + engine.getEngineName() + " " + engine.getVersion()
                + " default device " + engine.defaultDevice() + ", intra-op threads "
                + ai.djl.pytorch.jni.JniUtils.getNumThreads());
    }
}
