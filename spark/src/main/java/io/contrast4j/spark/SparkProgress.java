package io.contrast4j.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress of a job on the driver, from Spark's listener bus: finished tasks and the rows they
 * wrote, with the rate, printed at most every {@code intervalMillis}. Executors need no reporting
 * channel of their own.
 */
public final class SparkProgress extends SparkListener {
    private final String task;
    private final PrintWriter err;
    private final long intervalMillis;
    private final long start = System.nanoTime();
    private final AtomicInteger tasks = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private volatile long lastPrint;

    public SparkProgress(String task, PrintWriter err, long intervalMillis) {
        this.task = task;
        this.err = err;
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.taskMetrics() == null) {
            return;
        }
        tasks.incrementAndGet();
        rows.addAndGet(end.taskMetrics().outputMetrics().recordsWritten());
        long now = System.currentTimeMillis();
        if (now - lastPrint >= intervalMillis) {
            lastPrint = now;
            print();
        }
    }

    public long rowsWritten() {
        return rows.get();
    }

    public synchronized void print() {
        double secs = (System.nanoTime() - start) / 1e9;
        err.printf(Locale.ROOT, "%s: %d tasks done, %,d rows written, %.1f s, %,.1f rows/s%n",
                task, tasks.get(), rows.get(), secs, rows.get() / Math.max(secs, 1e-9));
        err.flush();
    }
}
