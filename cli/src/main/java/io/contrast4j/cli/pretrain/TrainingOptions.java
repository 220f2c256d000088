package io.contrast4j.cli.pretrain;

import io.contrast4j.sentence.train.TrainingArguments;
import picocli.CommandLine.Option;

/** The trainer's options of {@code pretrain} (a picocli mixin), turned into {@link TrainingArguments}. */
public final class TrainingOptions {

    @Option(names = "--steps", defaultValue = "1000", description = "Optimizer steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch-size", defaultValue = "32", description = "Anchors per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--accumulation", defaultValue = "1", description = "Micro-batches per optimizer step (default: ${DEFAULT-VALUE}).")
    int accumulation;

    @Option(names = "--lr", description = "Peak learning rate (default: 3e-5 pretrained, 5e-4 scratch).")
    Float lr;

    @Option(names = "--warmup", description = "Warmup steps (default: 10% of --steps).")
    Integer warmup;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).")
    float weightDecay;

    @Option(names = "--max-grad-norm", defaultValue = "1.0", description = "Global-norm clipping, 0 = off (default: ${DEFAULT-VALUE}).")
    float maxGradNorm;

    @Option(names = "--gradcache-chunk", defaultValue = "0",
            description = "GradCache mini-batch size: batches larger than memory, same gradients; 0 = off (default: ${DEFAULT-VALUE}).")
    int gradCacheChunk;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for data order, spans, dropout, init (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "100", description = "Checkpoint interval in steps (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--eval-every", defaultValue = "0", description = "Dev evaluation interval, 0 = at the end only (default: ${DEFAULT-VALUE}).")
    int evalEvery;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in --out.")
    boolean resume;

    @Option(names = "--stop-after", defaultValue = "-1", hidden = true, description = "Stop after N steps (simulated interruption).")
    int stopAfter;

    /** The arguments: lr 3e-5 (5e-4 from scratch) and 10% warmup unless given. Validation errors name fields. */
    TrainingArguments arguments(boolean scratch, boolean progress) {
        float peak = lr != null ? lr : scratch ? 5e-4f : 3e-5f;
        int warm = warmup != null ? warmup : steps / 10;
        return new TrainingArguments(steps, batchSize, accumulation, peak, Math.min(warm, steps), weightDecay, maxGradNorm,
                gradCacheChunk, seed, checkpointEvery, 2, evalEvery, stopAfter, progress);
    }
}
