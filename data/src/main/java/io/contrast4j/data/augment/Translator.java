package io.contrast4j.data.augment;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Machine translation of single-line sentences, in batches. Implementations: {@link
 * ApertiumTranslator} (rule-based, local), {@link BackTranslator} (a round trip through a pivot
 * language), {@link CachingTranslator} (an on-disk cache in front of any translator); a user's MT
 * server would be one more.
 *
 * <p>Contract: {@code translate} returns one {@link Translation} per input, in input order; a
 * sentence that could not be translated is returned as failed with its reason, never left out; no
 * call blocks forever (implementations bound every external call by a timeout).
 */
public interface Translator extends AutoCloseable {

    /** Identifies the system and direction (e.g. {@code apertium:eng-spa}); part of cache keys. */
    String name();

    /** Translates {@code sources}; {@code progress} receives counts of finished sentences as they complete. */
    List<Translation> translate(List<String> sources, IntConsumer progress);

    default List<Translation> translate(List<String> sources) {
        return translate(sources, n -> {});
    }

    @Override
    default void close() {}
}
