package io.contrast4j.data.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * A translator behind a {@link TranslationCache}: cached sentences are answered from disk, the
 * others (each distinct sentence once) go to the translator in chunks, and every chunk's results
 * are stored as soon as it is done, so an interrupted run keeps what it finished.
 */
public final class CachingTranslator implements Translator {

    private final Translator translator;
    private final TranslationCache cache;
    private final int chunk;
    private long hits;
    private long misses;

    public CachingTranslator(Translator translator, TranslationCache cache, int chunk) {
        this.translator = translator;
        this.cache = cache;
        this.chunk = chunk;
    }

    @Override
    public String name() {
        return translator.name();
    }

    /** Sentences answered from the cache so far. */
    public synchronized long hits() {
        return hits;
    }

    /** Sentences sent to the translator so far. */
    public synchronized long misses() {
        return misses;
    }

    @Override
    public List<Translation> translate(List<String> sources, IntConsumer progress) {
        Translation[] out = new Translation[sources.size()];
        Map<String, List<Integer>> todo = new LinkedHashMap<>();
        int cached = 0;
        List<String> fromCache = cache.getAll(sources);
        for (int i = 0; i < sources.size(); i++) {
            String s = sources.get(i);
            String hit = fromCache.get(i);
            if (hit != null) {
                out[i] = Translation.ok(s, hit);
                cached++;
            } else {
                todo.computeIfAbsent(s, x -> new ArrayList<>()).add(i);
            }
        }
        progress.accept(cached);
        List<String> distinct = new ArrayList<>(todo.keySet());
        synchronized (this) {
            hits += cached;
            misses += distinct.size();
        }
        for (int from = 0; from < distinct.size(); from += chunk) {
            List<String> part = distinct.subList(from, Math.min(distinct.size(), from + chunk));
            List<Translation> done = translator.translate(part, n -> {});
            cache.putAll(done);
            int finished = 0;
            for (Translation t : done) {
                for (int i : todo.get(t.source())) {
                    out[i] = t;
                    finished++;
                }
            }
            progress.accept(finished);
        }
        return Arrays.asList(out);
    }

    @Override
    public void close() {
        translator.close();
        cache.close();
    }
}
