package io.contrast4j.search;

import io.contrast4j.core.UserInputException;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzer of the BM25 text field. It is recorded in the index so that queries are analyzed
 * the way the documents were.
 */
public enum TextAnalyzer {
    /** Standard tokenization, lower-casing, English stop words, possessives and Porter stemming. */
    ENGLISH,
    /** Unicode word tokenization and lower-casing only: safe for any language. */
    STANDARD;

    public Analyzer create() {
        return switch (this) {
            case ENGLISH -> new EnglishAnalyzer();
            case STANDARD -> new StandardAnalyzer();
        };
    }

    public static TextAnalyzer parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("unknown analyzer '" + value + "' (expected english or standard)");
        }
    }
}
