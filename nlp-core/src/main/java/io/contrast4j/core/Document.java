package io.contrast4j.core;

import java.util.Objects;

/** One document of a corpus. {@code language} is an ISO 639-1 code such as {@code en}. */
public record Document(String id, String text, String language) {
    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(language, "language");
    }
}
