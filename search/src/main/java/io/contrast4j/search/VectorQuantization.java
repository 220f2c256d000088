package io.contrast4j.search;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

/**
 * How the HNSW graph stores its vectors. {@code NONE} keeps float32; {@code INT8} and {@code INT4}
 * use Lucene's scalar-quantized HNSW (one byte or half a byte a dimension, about 4x / 8x less
 * vector memory; the float vectors stay on disk for rescoring and merges).
 */
public enum VectorQuantization {
    NONE,
    INT8,
    INT4;

    /**
     * The per-field vectors format for an HNSW graph with {@code maxConn} (M) and {@code beamWidth};
     * {@code mergeExec} (null for none) lets {@code mergeWorkers} threads build graphs during merges.
     * With {@code graphs} false the segments it writes keep their vectors but no HNSW graph,
     * whatever their size (Lucene's tiny-segment threshold set out of reach): searched exactly, and
     * given a graph when a later merge writes them again with graphs on. Both variants carry the
     * same format name, so readers cannot tell them apart.
     */
    KnnVectorsFormat format(int maxConn, int beamWidth, int mergeWorkers, ExecutorService mergeExec, boolean graphs) {
        int workers = mergeExec == null ? 1 : mergeWorkers;
        int threshold = graphs ? Lucene99HnswVectorsFormat.HNSW_GRAPH_THRESHOLD : Integer.MAX_VALUE;
        return switch (this) {
            case NONE -> new Lucene99HnswVectorsFormat(maxConn, beamWidth, workers, mergeExec, threshold);
            case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, maxConn, beamWidth, workers,
                    mergeExec, threshold);
            case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, maxConn, beamWidth, workers,
                    mergeExec, threshold);
        };
    }

    /** Parses {@code none|int8|int4} (case-insensitive); the message names the accepted values. */
    public static VectorQuantization parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.contrast4j.core.UserInputException("unknown quantization '" + value + "' (expected none, int8 or int4)");
        }
    }
}
