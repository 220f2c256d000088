package io.contrast4j.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void quietShowsNothingButCounts() {
        String before = System.getProperty(Progress.QUIET_PROPERTY);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty(Progress.QUIET_PROPERTY, "true");
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Progress p = Progress.start("quiet task", 100, "items")) {
            for (int i = 0; i < 10; i++) {
                p.stepBy(10);
            }
            assertEquals(100, p.current());
        } finally {
            System.setErr(err);
            if (before == null) {
                System.clearProperty(Progress.QUIET_PROPERTY);
            } else {
                System.setProperty(Progress.QUIET_PROPERTY, before);
            }
        }
        assertEquals("", captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void logModePrintsLinesWithCountRateAndTaskName() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.start("tokenizing", 1000, "words", out, false)) {
            p.stepBy(400).message("loss 0.12");
            p.stepTo(1000);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("tokenizing"), text);
        assertTrue(last.contains("1000/1000"), text);
        assertTrue(last.contains("words/s"), "rate shown: " + text);
        assertTrue(last.contains("loss 0.12"), text);
        assertTrue(!text.contains("\r"), "no carriage returns in log mode");
    }

    @Test
    void terminalModeRedrawsInPlace() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.start("encoding", 50, "sentences", out, true)) {
            p.stepBy(50);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\r"), "a terminal bar redraws with carriage returns");
        assertTrue(text.contains("encoding") && text.contains("50/50"), text);
    }
}
