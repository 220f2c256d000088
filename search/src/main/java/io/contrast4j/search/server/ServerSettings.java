package io.contrast4j.search.server;

import io.contrast4j.core.UserInputException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Binding and limits of the search service. Every limit has a default in {@link #defaults()};
 * docs/search.md ("Security") lists them with the matching {@code serve} options.
 *
 * @param host            interface to bind; 127.0.0.1 unless the operator says otherwise
 * @param port            TCP port; 0 picks a free one
 * @param apiKey          when non-null, {@code /search} requires it in {@code X-API-Key} or
 *                        {@code Authorization: Bearer}
 * @param threads         queries answered at once (the search pool)
 * @param queue           queries waiting for a search thread; when it is full the request is answered
 *                        503 at once (0 = no waiting: 503 whenever every thread is busy)
 * @param maxQueryChars   longest query accepted
 * @param maxK            largest k accepted
 * @param maxRequestBytes longest request target (path + query string) and largest body accepted
 * @param maxHeaderBytes  largest request line + headers; beyond it the parser answers 414 (request
 *                        line) or 431 (headers) and closes the connection
 * @param maxConnections  open connections at once; beyond it new connections wait in the kernel's
 *                        accept queue until one closes
 * @param headerTimeout   time a connection has to deliver a complete request head, counted from
 *                        its opening or from the end of its previous response (so it is also the
 *                        keep-alive limit); then the connection is closed
 * @param idleTimeout     longest stall of any read or write on a connection
 * @param allowedHosts    Host header names (optionally {@code name:port}) answered besides the bound
 *                        address and, for loopback or wildcard binds, the loopback names
 * @param refreshInterval how often the searcher looks for new commits (deletes, updates by another
 *                        process); {@link Duration#ZERO} = never
 */
public record ServerSettings(String host, int port, String apiKey, int threads, int queue,
                             int maxQueryChars, int maxK, int maxRequestBytes, int maxHeaderBytes,
                             int maxConnections, Duration headerTimeout, Duration idleTimeout,
                             List<String> allowedHosts, Duration refreshInterval) {

    public static final int DEFAULT_QUEUE = 256;
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 512;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(1);

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new UserInputException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException("port must be in 0..65535, got " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new UserInputException("the API key is empty");
        }
        if (threads < 1 || queue < 0 || maxQueryChars < 1 || maxK < 1 || maxRequestBytes < 256) {
            throw new UserInputException("invalid server limits: threads=" + threads + " queue=" + queue
                    + " maxQueryChars=" + maxQueryChars + " maxK=" + maxK + " maxRequestBytes=" + maxRequestBytes);
        }
        if (maxHeaderBytes < 1024 || maxConnections < 1) {
            throw new UserInputException("invalid server limits: maxHeaderBytes=" + maxHeaderBytes + " (at least 1024)"
                    + " maxConnections=" + maxConnections + " (at least 1)");
        }
        requirePositive("headerTimeout", headerTimeout);
        requirePositive("idleTimeout", idleTimeout);
        if (refreshInterval == null || refreshInterval.isNegative()) {
            throw new UserInputException("refreshInterval must be zero (never) or positive, got " + refreshInterval);
        }
        allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream().map(ServerSettings::normalizeHost).toList();
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new UserInputException(name + " must be positive, got " + d);
        }
    }

    private static String normalizeHost(String h) {
        String s = h == null ? "" : h.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.contains("/") || s.contains("@") || s.contains(" ") || s.contains("*")) {
            throw new UserInputException("allowedHosts: '" + h + "' is not a host name or host:port");
        }
        return s;
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8080, null,
                Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_QUEUE, 1000, 100, 8192,
                DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_CONNECTIONS, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                List.of(), DEFAULT_REFRESH_INTERVAL);
    }

    /**
     * Whether {@link #host} names only this machine (a loopback address or a name resolving to
     * one); an unresolvable name counts as not loopback.
     */
    public boolean bindsLoopbackOnly() {
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A warning for binding beyond loopback without an API key, or null when there is nothing to warn about. */
    public String exposureWarning() {
        if (bindsLoopbackOnly() || apiKey != null) {
            return null;
        }
        return "WARNING: serving on " + host + ", which is reachable from other machines, WITHOUT an API key: "
                + "anyone who can reach this port can read every indexed document. Set an API key, bind 127.0.0.1, "
                + "or put the service behind an authenticating TLS proxy.";
    }

    public ServerSettings withHost(String h) {
        return new ServerSettings(h, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    public ServerSettings withPort(int p) {
        return new ServerSettings(host, p, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    public ServerSettings withApiKey(String key) {
        return new ServerSettings(host, port, key, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    public ServerSettings withThreads(int t) {
        return new ServerSettings(host, port, apiKey, t, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    public ServerSettings withQueue(int q) {
        return new ServerSettings(host, port, apiKey, threads, q, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    public ServerSettings withLimits(int maxQueryChars, int maxK, int maxRequestBytes) {
        return new ServerSettings(host, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    /** Connection limits: open connections, largest request head, time to send a request head, longest I/O stall. */
    public ServerSettings withConnectionLimits(int maxConnections, int maxHeaderBytes, Duration headerTimeout, Duration idleTimeout) {
        return new ServerSettings(host, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, refreshInterval);
    }

    public ServerSettings withAllowedHosts(List<String> hosts) {
        return new ServerSettings(host, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, hosts, refreshInterval);
    }

    public ServerSettings withRefreshInterval(Duration interval) {
        return new ServerSettings(host, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes, maxHeaderBytes,
                maxConnections, headerTimeout, idleTimeout, allowedHosts, interval);
    }
}
