package io.contrast4j.search;

import io.contrast4j.core.Embedder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A lexical embedder with no training: the bag of stemmed words of a text, feature-hashed into a
 * fixed number of dimensions with a sign hash (Weinberger et al. 2009, "Feature Hashing for Large
 * Scale Multitask Learning", section 2), weighted by sublinear term frequency 1 + ln(tf), then L2
 * normalised. Two texts score high when they share (stemmed) words.
 *
 * <p>It is a real, usable component: a cheap vector baseline, a way to run the vector path of the
 * search index where no neural model is wanted (or in a child process where loading one would be
 * slow), and what the search module's own tests index. Deterministic and thread-safe.
 */
public final class HashingEmbedder implements Embedder {
    private final int dimension;
    private final Analyzer analyzer = new EnglishAnalyzer();

    public HashingEmbedder(int dimension) {
        if (dimension < 2) {
            throw new IllegalArgumentException("dimension must be >= 2, got " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String name() {
        return "hashing-bow-english-" + dimension;
    }

    @Override
    public float[][] embed(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = embedOne(texts.get(i));
        }
        return out;
    }

    private float[] embedOne(String text) {
        Map<String, Integer> counts = new HashMap<>();
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                counts.merge(term.toString(), 1, Integer::sum);
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        float[] v = new float[dimension];
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            long h = hash(e.getKey());
            int slot = (int) Long.remainderUnsigned(h, dimension);
            float sign = (h >>> 63) == 0 ? 1f : -1f; // top bit: independent of the slot for dimension << 2^63
            v[slot] += sign * (float) (1 + Math.log(e.getValue()));
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < dimension; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** 64-bit FNV-1a over UTF-8 bytes, finished with the SplitMix64 mixer so every bit is spread. */
    static long hash(String token) {
        long h = 0xcbf29ce484222325L;
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h;
    }

    @Override
    public void close() {
        analyzer.close();
    }
}
