package io.contrast4j.search;

import java.util.function.Supplier;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;

/**
 * Lucene's default codec with our HNSW settings (M, beam width, quantization) on the vector field.
 * The per-field format is written into each segment's field info, so readers need no custom codec:
 * any Lucene 10 reader opens the index with the default codec.
 */
final class SearchCodec {
    private SearchCodec() {}

    /**
     * A codec asking {@code vectors} for the vector format each time it writes a segment, so a
     * writer can switch formats between flushes and merges (see {@code SearchIndexWriter#deferGraphs}).
     */
    static Codec create(Supplier<KnnVectorsFormat> vectors) {
        return new Lucene104Codec() {
            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return vectors.get();
            }
        };
    }
}
