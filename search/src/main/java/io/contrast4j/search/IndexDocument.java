package io.contrast4j.search;

import io.contrast4j.core.Document;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A document to index: a corpus {@link Document} plus optional keyword fields (e.g. {@code
 * genre=news}) that queries can filter on and results return.
 */
public record IndexDocument(String id, String text, String language, Map<String, String> fields) {
    /** Field names are plain identifiers so that they can travel as URL parameters. */
    public static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public IndexDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        language = language == null ? "" : language;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        for (String name : fields.keySet()) {
            if (!FIELD_NAME.matcher(name).matches() || SearchFields.LANGUAGE.equals(name)) {
                throw new IllegalArgumentException("invalid field name '" + name + "' in document " + id
                        + " (letters, digits, _ . -, at most 64; 'language' is reserved)");
            }
        }
    }

    public static IndexDocument of(Document document) {
        return new IndexDocument(document.id(), document.text(), document.language(), Map.of());
    }
}
