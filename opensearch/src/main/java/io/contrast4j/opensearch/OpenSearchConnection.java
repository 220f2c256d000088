package io.contrast4j.opensearch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicHeader;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Opens an {@link OpenSearchClient} on a cluster URL, optionally with an API key. */
public final class OpenSearchConnection implements AutoCloseable {
    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final String url;

    private OpenSearchConnection(String url, OpenSearchTransport transport) {
        this.url = url;
        this.transport = transport;
        this.client = new OpenSearchClient(transport);
    }

    /**
     * @param url    e.g. {@code http://127.0.0.1:9200} or {@code https://search.example:443/prefix}
     * @param apiKey sent as {@code Authorization: ApiKey <key>}; null for none
     */
    public static OpenSearchConnection open(String url, String apiKey) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a URL: " + url);
        }
        if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("url must be http(s)://host[:port], got " + url);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        ApacheHttpClient5TransportBuilder b = ApacheHttpClient5TransportBuilder
                .builder(new HttpHost(uri.getScheme(), uri.getHost(), port))
                .setMapper(new JacksonJsonpMapper());
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            b.setPathPrefix(uri.getPath());
        }
        if (apiKey != null && !apiKey.isBlank()) {
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey.strip())});
        }
        return new OpenSearchConnection(url, b.build());
    }

    /** Reads an API key from a file (first line, trimmed), as {@code serve --api-key-file} does. */
    public static String readApiKey(Path file) {
        return io.contrast4j.core.io.ApiKeyFile.read(file, "apiKeyFile");
    }

    public OpenSearchClient client() {
        return client;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
