package io.contrast4j.core.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link DaemonThreads} names its daemon threads; {@link Futures#join} surfaces a task's failure as it was thrown. */
class BackgroundWorkTest {

    @Test
    void threadsAreDaemonsWithTheirNames() throws Exception {
        Thread named = DaemonThreads.named("write-behind").newThread(() -> {});
        assertTrue(named.isDaemon());
        assertEquals("write-behind", named.getName());
        var numbered = DaemonThreads.numbered("worker");
        assertEquals(List.of("worker-1", "worker-2"), List.of(numbered.newThread(() -> {}).getName(),
                numbered.newThread(() -> {}).getName()));
        assertTrue(numbered.newThread(() -> {}).isDaemon());
    }

    @Test
    void joinRethrowsRuntimeExceptionsAndErrorsUnwrappedAndWrapsCheckedOnes() {
        ExecutorService pool = Executors.newSingleThreadExecutor(DaemonThreads.named("test"));
        try {
            assertEquals(42, Futures.join(pool.submit(() -> 42), "answering"));
            UncheckedIOException io = new UncheckedIOException(new IOException("disk gone"));
            Future<Object> failing = pool.submit(() -> { throw io; });
            assertSame(io, assertThrows(UncheckedIOException.class, () -> Futures.join(failing, "reading")));
            AssertionError error = new AssertionError("bug");
            Future<Object> erring = pool.submit(() -> { throw error; });
            assertSame(error, assertThrows(AssertionError.class, () -> Futures.join(erring, "checking")));
            Future<Object> checked = pool.submit(() -> { throw new IOException("closed"); });
            IllegalStateException wrapped = assertThrows(IllegalStateException.class, () -> Futures.join(checked, "writing to x"));
            assertTrue(wrapped.getMessage().startsWith("failed while writing to x: java.io.IOException: closed"), wrapped.getMessage());
            assertTrue(wrapped.getCause() instanceof IOException);
        } finally {
            pool.shutdownNow();
        }
    }
}
