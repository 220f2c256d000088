package io.contrast4j.search;

import java.util.List;

/** Sentence splitting for tests of the search module alone (the CLI uses nlp-core's OpenNLP splitter). */
final class TestSentences {
    private TestSentences() {}

    static List<String> split(String text) {
        return List.of(text.split("(?<=[.!?])\\s+"));
    }
}
