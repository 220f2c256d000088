package io.contrast4j.eval;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A stderr progress bar (rate and ETA) for encoding and classifier fitting; silent when disabled. */
public final class EvalProgress implements AutoCloseable {
    private final ProgressBar bar;

    private EvalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    public static EvalProgress start(boolean enabled, String task, long total, String unit) {
        if (!enabled || total <= 0) return new EvalProgress(null);
        return new EvalProgress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err)).build());
    }

    public IntConsumer stepper() {
        return n -> {
            if (bar != null) bar.stepBy(n);
        };
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
