package io.contrast4j.core.progress;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress of a long-running command, shown on stderr (never stdout, which carries machine
 * output) with a rate and an ETA, through me.tongfei:progressbar. On a terminal the bar redraws in
 * place; when stderr is a file or pipe it prints one line every {@value #LOG_INTERVAL_SECONDS}
 * seconds and a final line, so logs stay readable. With {@code -Dcontrast4j.quiet=true} nothing
 * is shown, but the count is still kept.
 *
 * <pre>{@code
 * try (Progress p = Progress.start("word2vec epoch 1", totalWords, "words")) {
 *     ... p.stepBy(n); ...
 * }
 * }</pre>
 * Thread-safe: workers may call {@link #stepBy} concurrently.
 */
public final class Progress implements AutoCloseable {
    /** System property that silences every progress display (tests set it). */
    public static final String QUIET_PROPERTY = "contrast4j.quiet";
    static final int LOG_INTERVAL_SECONDS = 10;

    private final ProgressBar bar; // null when quiet
    private final AtomicLong current = new AtomicLong();

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /**
     * Starts showing progress. {@code total} is the expected count (or a value <= 0 when unknown:
     * then the bar shows count and rate without ETA); {@code unit} names what is counted
     * ("words", "sentences", "steps").
     */
    public static Progress start(String task, long total, String unit) {
        if (isQuiet()) {
            return new Progress(null);
        }
        return new Progress(build(task, total, unit, System.err, isTerminal()));
    }

    static Progress start(String task, long total, String unit, PrintStream out, boolean terminal) {
        return new Progress(build(task, total, unit, out, terminal));
    }

    private static ProgressBar build(String task, long total, String unit, PrintStream out, boolean terminal) {
        ProgressBarConsumer consumer = terminal
                ? new ConsoleProgressBarConsumer(out, terminalWidth())
                : new LineProgressConsumer(out, LOG_INTERVAL_SECONDS * 1000L);
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total > 0 ? total : -1)
                .setUnit(" " + unit, 1)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .setUpdateIntervalMillis(terminal ? 500 : 1000)
                .setConsumer(consumer)
                .continuousUpdate()
                .build();
    }

    /** True when {@code -Dcontrast4j.quiet=true}. */
    public static boolean isQuiet() {
        return Boolean.getBoolean(QUIET_PROPERTY);
    }

    public Progress step() {
        return stepBy(1);
    }

    public Progress stepBy(long n) {
        current.addAndGet(n);
        if (bar != null) {
            bar.stepBy(n);
        }
        return this;
    }

    public Progress stepTo(long n) {
        current.set(n);
        if (bar != null) {
            bar.stepTo(n);
        }
        return this;
    }

    /** Changes the expected total (e.g. once a corpus has been counted). */
    public Progress maxHint(long total) {
        if (bar != null) {
            bar.maxHint(total > 0 ? total : -1);
        }
        return this;
    }

    /** A short status shown after the bar, such as the current loss or learning rate. */
    public Progress message(String message) {
        if (bar != null) {
            bar.setExtraMessage(message);
        }
        return this;
    }

    /** The count so far. */
    public long current() {
        return current.get();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even when redirected; isTerminal() tells the difference
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }

    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
            return Math.max(40, columns - 1);
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    /** For logs: the rendered bar as a full line at most every interval, and always the last one. */
    static final class LineProgressConsumer implements ProgressBarConsumer {
        private final PrintStream out;
        private final long intervalMillis;
        private long lastPrinted;
        private String pending;

        LineProgressConsumer(PrintStream out, long intervalMillis) {
            this.out = out;
            this.intervalMillis = intervalMillis;
        }

        @Override
        public int getMaxRenderedLength() {
            return 120;
        }

        @Override
        public synchronized void accept(String rendered) {
            long now = System.currentTimeMillis();
            pending = rendered;
            if (lastPrinted == 0 || now - lastPrinted >= intervalMillis) {
                print();
                lastPrinted = now;
            }
        }

        private void print() {
            if (pending != null) {
                out.println(pending.strip());
                out.flush();
                pending = null;
            }
        }

        @Override
        public synchronized void close() {
            print();
        }
    }
}
