package io.contrast4j.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTokenizerTest {
    private final WordTokenizer tokenizer = WordTokenizer.english();

    @Test
    void splitsPunctuationKeepsAbbreviationsAndContractions() {
        // the UD-EWT model keeps contractions and possessives whole, splits currency and punctuation
        assertEquals(List.of("I", "don't", "think", "Mr.", "Smith's", "car", "costs", "$", "5,000", ".", "We", "can't",
                        "go", ",", "they", "won't", "."),
                tokenizer.tokenize("I don't think Mr. Smith's car costs $5,000. We can't go, they won't."));
    }

    @Test
    void spansPointIntoTheText() {
        String text = "Hello, world! (It works.)";
        List<TextSpan> spans = tokenizer.spans(text);
        assertEquals(List.of("Hello", ",", "world", "!", "(", "It", "works", ".", ")"),
                spans.stream().map(TextSpan::text).toList());
        for (TextSpan s : spans) {
            assertEquals(s.text(), text.substring(s.start(), s.end()));
        }
    }
}
