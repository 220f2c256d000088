package io.contrast4j.search;

import io.contrast4j.core.UserInputException;
import java.util.Locale;

/** How a query is matched: by embedding (kNN), by words (BM25), or both fused by rank. */
public enum SearchMode {
    VECTOR,
    TEXT,
    HYBRID;

    public static SearchMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("unknown mode '" + value + "' (expected vector, text or hybrid)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
