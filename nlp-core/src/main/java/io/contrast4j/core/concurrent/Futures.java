package io.contrast4j.core.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for background work so that its failure surfaces on the waiting thread as it was thrown. */
public final class Futures {
    private Futures() {}

    /**
     * The result of {@code future}. A runtime exception or error of the task is rethrown as it was
     * (not wrapped), so callers see the same exception as if the work had run in line; a checked
     * one is wrapped in an {@link IllegalStateException}. {@code doing} names the work for the
     * messages ("writing to index /x", "tokenizing").
     */
    public static <T> T join(Future<T> future, String doing) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("failed while " + doing + ": " + e.getCause(), e.getCause());
        }
    }
}
