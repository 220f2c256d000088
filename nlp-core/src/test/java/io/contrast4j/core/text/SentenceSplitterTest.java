package io.contrast4j.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = SentenceSplitter.english();

    @Test
    void abbreviationsAndTimesDoNotEndSentences() {
        assertEquals(List.of("Mr. Smith went to Washington.", "He arrived at 5 p.m. on Monday."),
                splitter.split("Mr. Smith went to Washington. He arrived at 5 p.m. on Monday."));
    }

    @Test
    void boundariesAfterAbbreviationsAreUndoneOnlyWhereTheyAreWrong() {
        assertEquals(List.of("We met at 10 a.m.", "The talk began at 11 a.m. and ended at noon."),
                splitter.split("We met at 10 a.m. The talk began at 11 a.m. and ended at noon."));
        assertEquals(List.of("Prof. Kim et al. found effects.", "They were large."),
                splitter.split("Prof. Kim et al. found effects. They were large."));
        assertEquals(List.of("She was born in Jan. 1990 in St. Louis."),
                splitter.split("She was born in Jan. 1990 in St. Louis."));
        assertEquals(List.of("It costs approx. 5 dollars.", "Dr. Who is here."),
                splitter.split("It costs approx. 5 dollars. Dr. Who is here."));
        // lower-case text keeps its real boundaries: "home." is not an abbreviation
        assertEquals(List.of("i went home.", "then i slept."), splitter.split("i went home. then i slept."));
        assertEquals(List.of("The U.S. economy grew.", "The U.S. Senate voted on Tuesday."),
                splitter.split("The U.S. economy grew. The U.S. Senate voted on Tuesday."));
    }

    @Test
    void questionsExclamationsAndQuotes() {
        List<String> s = splitter.split("Where is it? I don't know! \"Look over there,\" she said. It was gone.");
        assertEquals(4, s.size(), s.toString());
        assertEquals("Where is it?", s.get(0));
        assertEquals("It was gone.", s.get(3));
    }

    @Test
    void decimalsAndEmailsStayWhole() {
        List<String> s = splitter.split("The price rose 3.5 percent to $12.75 a share. Write to j.doe@example.com for details.");
        assertEquals(List.of("The price rose 3.5 percent to $12.75 a share.", "Write to j.doe@example.com for details."), s);
    }

    @Test
    void blankLinesAreParagraphBoundariesAndSpansPointIntoTheText() {
        String text = "  First paragraph without a full stop\n\nSecond one. It has two sentences.\n";
        List<TextSpan> spans = splitter.spans(text);
        assertEquals(3, spans.size(), spans.toString());
        assertEquals("First paragraph without a full stop", spans.get(0).text());
        for (TextSpan span : spans) {
            assertEquals(span.text(), text.substring(span.start(), span.end()));
        }
        assertEquals(List.of(), splitter.split("   \n\n  "));
        assertEquals(List.of(), splitter.split(""));
    }

    @Test
    void safeToShareBetweenThreads() throws Exception {
        String text = "Dr. Jones arrived. The meeting began at 9 a.m. sharp. Nobody was late.";
        List<String> expected = splitter.split(text);
        assertEquals(3, expected.size(), expected.toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        if (!splitter.split(text).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
