package io.contrast4j.sentence.pretrain;

import io.contrast4j.core.Document;
import io.contrast4j.data.corpus.Corpora;
import io.contrast4j.sentence.objective.DeclutrSpanSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reading a training corpus the same way for every objective (one word count: whitespace words). */
final class CorpusText {

    private CorpusText() {}

    static void requireFile(Path corpus) {
        if (corpus == null) throw new IllegalArgumentException("corpus: required");
        if (!Files.exists(corpus)) throw new IllegalArgumentException("corpus: file not found: " + corpus);
    }

    /** Whitespace words, as DeCLUTR's span sampler counts them. */
    static int words(String text) {
        return DeclutrSpanSampler.tokenize(text).length;
    }

    /** Documents as sentences (one a line for sentence corpora): stripped, >= minWords words, at most max. */
    static List<String> sentences(Path corpus, int minWords, int max) {
        List<String> out = new ArrayList<>();
        try (Stream<Document> docs = Corpora.open(corpus).documents()) {
            docs.map(d -> d.text().strip()).filter(t -> words(t) >= minWords).limit(max).forEach(out::add);
        }
        return out;
    }

    static List<String> documents(Path corpus) {
        try (Stream<Document> docs = Corpora.open(corpus).documents()) {
            return docs.map(Document::text).toList();
        }
    }
}
