package io.contrast4j.cli.pretrain;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The momentum-contrast options of {@code pretrain --objective cert|infoxlm} and CERT's translation cache (a picocli mixin of {@link PretrainCommand}). */
public final class CertOptions {

    @Option(names = "--momentum", defaultValue = "0.999",
            description = "CERT/MoCo: key encoder momentum m in theta_k <- m theta_k + (1-m) theta_q (default: ${DEFAULT-VALUE}).")
    float momentum;

    @Option(names = "--queue-size", defaultValue = "4096",
            description = "CERT/MoCo: negatives kept in the queue of earlier keys (default: ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--moco-temperature", defaultValue = "0.07",
            description = "CERT/MoCo: temperature of the momentum-contrast loss (default: ${DEFAULT-VALUE}, MoCo's).")
    float mocoTemperature;

    @Option(names = "--no-in-batch-keys",
            description = "CERT/MoCo: score against the queue only (MoCo v1); by default the batch's other keys count too.")
    boolean noInBatchKeys;

    /** Where CERT's key view comes from. */
    enum Augmentation { backtranslation, identity }

    @Option(names = "--augmentation", defaultValue = "backtranslation", paramLabel = "KIND",
            description = "CERT: the key view: backtranslation (Apertium eng-spa-eng), or identity (the sentence itself: "
                    + "the control, MoCo without back-translation) (default: ${DEFAULT-VALUE}).")
    Augmentation augmentation;

    @Option(names = "--translation-cache", paramLabel = "DIR",
            description = "CERT: back-translation cache folder (default: ~/.cache/contrast4j/translations).")
    Path translationCache;

    @Option(names = "--translation-workers", paramLabel = "N", description = "CERT: Apertium pipelines at once (default: one per two cores).")
    Integer translationWorkers;
}
