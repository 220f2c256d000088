package io.contrast4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contrast4j.core.UserInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The failure classes the table test cannot provoke cheaply, mapped one by one. */
class CommandFailuresMappingTest {
    @TempDir Path dir;

    private static CommandFailures.Outcome of(Throwable e) {
        return CommandFailures.classify(e);
    }

    @Test
    void userErrorsExitTwoWithoutALog() {
        assertEquals(new CommandFailures.Outcome(2, "f.txt:3: bad", false),
                of(new IllegalStateException("wrapped", new UserInputException("f.txt:3: bad\nsecond line"))));
        assertEquals(new CommandFailures.Outcome(2, "file not found: /x/y", false),
                of(new UncheckedIOException("cannot read", new NoSuchFileException("/x/y"))));
        assertEquals(new CommandFailures.Outcome(2, "/x/f/y: Not a directory", false),
                of(new FileSystemException("/x/f/y", null, "Not a directory")));
        assertEquals(2, of(new IllegalArgumentException("batchSize must be >= 1, got 0")).exitCode());
        assertEquals(new CommandFailures.Outcome(2, "a folder was given where a file is needed: cannot read /data: Is a directory", false),
                of(new UncheckedIOException("cannot read /data", new IOException("Is a directory"))));
    }

    @Test
    void environmentErrorsExitOneWithTheirTraceInALog() {
        CommandFailures.Outcome full = of(new UncheckedIOException("cannot write /out/model.safetensors",
                new IOException("No space left on device")));
        assertEquals(new CommandFailures.Outcome(1, "disk full: cannot write /out/model.safetensors: No space left on device", true), full);
        assertEquals(new CommandFailures.Outcome(1, "permission denied: /root/x", false), of(new AccessDeniedException("/root/x")));
        assertEquals(1, of(new OutOfMemoryError("Java heap space")).exitCode());
        assertTrue(of(new OutOfMemoryError("Java heap space")).message().startsWith("out of memory (Java heap space)"));
        assertEquals(new CommandFailures.Outcome(1, "training diverged: loss NaN at step 3", true),
                of(new IllegalStateException("training diverged: loss NaN at step 3")));
        assertEquals(new CommandFailures.Outcome(1, "internal error: NullPointerException: x is null", true),
                of(new NullPointerException("x is null")));
    }

    @Test
    void reportPrintsOneLineAndWritesTheTrace() throws IOException {
        String old = System.getProperty("contrast4j.logDir");
        System.setProperty("contrast4j.logDir", dir.toString());
        try {
            CommandLine cmd = new CommandLine(new Contrast4j());
            StringWriter err = new StringWriter();
            cmd.setErr(new PrintWriter(err));
            int code = CommandFailures.report(new NullPointerException("boom"), cmd);
            assertEquals(1, code);
            String line = err.toString().strip();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.startsWith("error: internal error: NullPointerException: boom (details in " + dir), line);
            Path log = Path.of(line.replaceAll(".*\\(details in (.*)\\)$", "$1"));
            String text = Files.readString(log);
            assertTrue(text.contains("java.lang.NullPointerException: boom") && text.contains("\tat io.contrast4j.cli."), text);
        } finally {
            if (old == null) System.clearProperty("contrast4j.logDir");
            else System.setProperty("contrast4j.logDir", old);
        }
    }
}
