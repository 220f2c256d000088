package io.contrast4j.sentence.pretrain;

/**
 * A typed, validated description of a pretraining objective and its data: what the command line's
 * {@code pretrain --objective X} options say, constructible from Java. {@link #prepare} reads the
 * data and builds the seeded {@link io.contrast4j.sentence.objective.PretrainingObjective} (plus
 * MoCo settings for CERT and InfoXLM) for a {@link io.contrast4j.sentence.train.Trainer}.
 *
 * <p>Invalid settings or data throw {@link IllegalArgumentException} whose message names the
 * record component at fault (e.g. {@code "maxSpan: ..."}), never a command-line flag.
 */
public sealed interface ObjectiveSpec permits SimCseSpec, DeclutrSpec, ConponoSpec, PairsSpec, CertSpec, InfoXlmSpec {

    /** simcse, declutr, conpono, pairs, cert or infoxlm. */
    String name();

    /** Reads the data and builds the objective for batches of {@code batchSize}, seeded by {@code seed}. */
    PreparedObjective prepare(long seed, int batchSize);
}
