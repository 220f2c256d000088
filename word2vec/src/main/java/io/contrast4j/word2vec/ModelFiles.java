package io.contrast4j.word2vec;

import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.vector.WordVectorFormat;
import io.contrast4j.core.vector.WordVectorWriter;
import java.nio.file.Path;

/**
 * Writes a trained model in the C tool's text or binary format (nlp-core's writer; gensim's
 * {@code load_word2vec_format} reads both) with {@code provenance.json} beside it.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** Writes the vectors, then the provenance record (config, corpus hash, throughput, loss). */
    public static void write(TrainingResult result, Path vectorsFile, WordVectorFormat format,
            Word2VecConfig config, Provenance provenance) {
        Vocabulary vocab = result.vocabulary();
        int dim = result.dimension();
        try (WordVectorWriter writer = WordVectorWriter.open(vectorsFile, format, vocab.size(), dim)) {
            float[] v = result.vectors();
            for (int i = 0; i < vocab.size(); i++) writer.write(vocab.word(i), v, i * dim);
        }
        provenance.config(config.asMap())
                .config("format", format.name().toLowerCase(java.util.Locale.ROOT))
                .config("kernels", io.contrast4j.core.vector.VectorMath.implementation())
                .seed(config.seed())
                .note("vocabulary_size", vocab.size())
                .note("corpus_tokens_per_epoch", vocab.totalCount())
                .note("words_trained", result.wordsTrained())
                .note("train_seconds", result.trainSeconds())
                .note("words_per_second", result.wordsPerSecond())
                .note("final_loss", result.finalLoss())
                .output(vectorsFile);
        Path dir = vectorsFile.toAbsolutePath().getParent();
        provenance.writeTo(dir);
    }
}
