package io.contrast4j.search.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections that take too long to send a request head (slowloris). Jetty's idle timeout
 * alone does not: a client sending one header byte a second is never idle. Each connection gets a
 * deadline when it opens and again when its previous response is done; the deadline is lifted
 * while a request it sent is being answered. {@link #sweep} (run by a timer) closes connections
 * past their deadline.
 */
final class HeaderDeadlines implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadlines.class);
    private static final long ANSWERING = Long.MAX_VALUE;

    private final long timeoutNanos;
    private final Map<Connection, Long> deadlines = new ConcurrentHashMap<>();
    private final AtomicLong closed = new AtomicLong();

    HeaderDeadlines(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        deadlines.put(connection, System.nanoTime() + timeoutNanos);
    }

    @Override
    public void onClosed(Connection connection) {
        deadlines.remove(connection);
    }

    /** The connection's request head is in: no deadline until its response is done. */
    void answering(Connection connection) {
        deadlines.replace(connection, ANSWERING);
    }

    /** The response is done: the next request head must arrive within the timeout. */
    void answered(Connection connection) {
        deadlines.replace(connection, System.nanoTime() + timeoutNanos);
    }

    /** Closes every connection past its deadline. */
    void sweep() {
        long now = System.nanoTime();
        for (Map.Entry<Connection, Long> e : deadlines.entrySet()) {
            long deadline = e.getValue();
            if (deadline != ANSWERING && now - deadline > 0) {
                Connection c = e.getKey();
                if (deadlines.remove(c, deadline)) {
                    closed.incrementAndGet();
                    LOG.debug("closing {}: no complete request head within {} ms", c.getEndPoint().getRemoteSocketAddress(),
                            timeoutNanos / 1_000_000);
                    c.getEndPoint().close();
                }
            }
        }
    }

    /** Connections closed so far for sending their request head too slowly. */
    long closedCount() {
        return closed.get();
    }
}
