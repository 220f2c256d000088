package io.contrast4j.search.server;

import io.contrast4j.core.UserInputException;

/**
 * Limits and binding of the search service.
 *
 * @param host            interface to bind; 127.0.0.1 unless the operator says otherwise
 * @param port            TCP port; 0 picks a free one
 * @param apiKey          when non-null, {@code /search} requires it in {@code X-API-Key} or
 *                        {@code Authorization: Bearer}
 * @param threads         queries answered at once (the bounded pool)
 * @param queue           requests waiting for a thread; beyond that the accepting thread answers
 *                        itself, which slows accepting (back-pressure) instead of queuing without bound
 * @param maxQueryChars   longest query accepted
 * @param maxK            largest k accepted
 * @param maxRequestBytes longest request target (path + query string) and largest body accepted
 */
public record ServerSettings(String host, int port, String apiKey, int threads, int queue,
                             int maxQueryChars, int maxK, int maxRequestBytes) {

    public ServerSettings {
        if (host == null || host.isBlank()) {
            throw new UserInputException("--host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be in 0..65535, got " + port);
        }
        if (apiKey != null && apiKey.isBlank()) {
            throw new UserInputException("the API key is empty");
        }
        if (threads < 1 || queue < 0 || maxQueryChars < 1 || maxK < 1 || maxRequestBytes < 256) {
            throw new UserInputException("invalid server limits: threads=" + threads + " queue=" + queue
                    + " maxQueryChars=" + maxQueryChars + " maxK=" + maxK + " maxRequestBytes=" + maxRequestBytes);
        }
    }

    public static ServerSettings defaults() {
        return new ServerSettings("127.0.0.1", 8080, null,
                Math.max(2, Runtime.getRuntime().availableProcessors()), 256, 1000, 100, 8192);
    }

    public ServerSettings withHost(String h) {
        return new ServerSettings(h, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes);
    }

    public ServerSettings withPort(int p) {
        return new ServerSettings(host, p, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes);
    }

    public ServerSettings withApiKey(String key) {
        return new ServerSettings(host, port, key, threads, queue, maxQueryChars, maxK, maxRequestBytes);
    }

    public ServerSettings withThreads(int t) {
        return new ServerSettings(host, port, apiKey, t, queue, maxQueryChars, maxK, maxRequestBytes);
    }

    public ServerSettings withLimits(int maxQueryChars, int maxK, int maxRequestBytes) {
        return new ServerSettings(host, port, apiKey, threads, queue, maxQueryChars, maxK, maxRequestBytes);
    }
}
