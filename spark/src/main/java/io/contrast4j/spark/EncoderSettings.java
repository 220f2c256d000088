package io.contrast4j.spark;

import java.io.Serializable;

/**
 * What every executor needs to build its encoder: the model (as {@code Models.load} takes it), the
 * batch size, and the PyTorch intra-op threads each task may use.
 *
 * @param modelSpec    {@code "minilm"} or a HuggingFace model folder readable on every executor
 * @param batchSize    sentences per forward pass
 * @param torchThreads PyTorch intra-op threads per task; set it to {@code spark.task.cpus} so that
 *                     an executor running {@code cores / task.cpus} tasks at once uses its cores
 *                     and no more (oversubscribed OpenMP threads spin in barriers and slow
 *                     everything down; see docs/sentence.md)
 */
public record EncoderSettings(String modelSpec, int batchSize, int torchThreads) implements Serializable {
    public EncoderSettings {
        if (modelSpec == null || modelSpec.isBlank()) {
            throw new IllegalArgumentException("modelSpec is empty: give \"minilm\" or a model folder");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (torchThreads < 1) {
            throw new IllegalArgumentException("torchThreads must be >= 1, got " + torchThreads);
        }
    }

    public static EncoderSettings of(String modelSpec) {
        return new EncoderSettings(modelSpec, 32, 1);
    }
}
