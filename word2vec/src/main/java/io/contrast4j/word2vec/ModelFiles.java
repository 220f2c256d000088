package io.contrast4j.word2vec;

import io.contrast4j.core.provenance.Provenance;
import io.contrast4j.core.vector.WordVectorFormat;
import io.contrast4j.core.vector.WordVectorWriter;
import java.nio.file.Path;

/**
 * Writes a trained model in the C tool's text or binary format (nlp-core's writer; gensim's
 * {@code load_word2vec_format} reads both), the word counts and {@code provenance.json} beside it.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /**
     * The word counts beside a vectors file, {@code V.vocab.txt}: "word count" a line, as the C
     * tool's {@code -save-vocab} writes them; SIF weights come from it.
     */
    public static Path vocabularyFile(Path vectorsFile) {
        return vectorsFile.resolveSibling(vectorsFile.getFileName() + ".vocab.txt");
    }

    /** Writes the vectors, then the provenance record (config, corpus hash, throughput, loss). */
    public static void write(TrainingResult result, Path vectorsFile, WordVectorFormat format,
            Word2VecConfig config, Provenance provenance) {
        Vocabulary vocab = result.vocabulary();
        int dim = result.dimension();
        try (WordVectorWriter writer = WordVectorWriter.open(vectorsFile, format, vocab.size(), dim)) {
            float[] v = result.vectors();
            for (int i = 0; i < vocab.size(); i++) writer.write(vocab.word(i), v, i * dim);
        }
        Path vocabFile = vocabularyFile(vectorsFile);
        try {
            io.contrast4j.core.io.AtomicFiles.write(vocabFile, out -> {
                var w = new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8);
                for (int i = 0; i < vocab.size(); i++) w.append(vocab.word(i)).append(' ').append(Long.toString(vocab.count(i))).append('\n');
                w.flush();
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + vocabFile, e);
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
                .output(vectorsFile)
                .output(vocabFile);
        Path dir = vectorsFile.toAbsolutePath().getParent();
        provenance.writeTo(dir);
    }
}
