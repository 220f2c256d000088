package io.contrast4j.sentence.hub;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where and how to reach the Hub, read from the same environment variables as Python's
 * huggingface_hub ({@code constants.py}), so both share one cache and one login:
 * <ul>
 *   <li>{@code HF_ENDPOINT} (default {@code https://huggingface.co});
 *   <li>cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}, with
 *       {@code HF_HOME} defaulting to {@code $XDG_CACHE_HOME/huggingface} or {@code ~/.cache/huggingface};
 *   <li>token: {@code HF_TOKEN} (or the older {@code HUGGING_FACE_HUB_TOKEN}), else the file
 *       {@code HF_TOKEN_PATH} or {@code $HF_HOME/token} that {@code huggingface-cli login} writes;
 *   <li>offline: {@code HF_HUB_OFFLINE} set to 1/ON/YES/TRUE: the cache only, no request.
 * </ul>
 * Each variable may also be given as a Java system property of the same name, which wins (for JVMs
 * whose environment cannot be set). {@link #toString()} never shows the token.
 */
public record HubSettings(URI endpoint, Path cacheDir, String token, boolean offline) {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    public HubSettings {
        String e = endpoint.toString();
        if (e.endsWith("/")) {
            endpoint = URI.create(e.substring(0, e.length() - 1));
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
    }

    /** From the process environment and system properties. */
    public static HubSettings fromEnvironment() {
        return from(name -> {
            String p = System.getProperty(name);
            return p != null ? p : System.getenv(name);
        }, Path.of(System.getProperty("user.home")));
    }

    /** From {@code env} (a variable lookup; null = unset) with {@code home} as the user's home folder. */
    public static HubSettings from(Map<String, String> env, Path home) {
        return from(env::get, home);
    }

    static HubSettings from(UnaryOperator<String> env, Path home) {
        String endpoint = nonBlank(env.apply("HF_ENDPOINT"));
        String xdg = nonBlank(env.apply("XDG_CACHE_HOME"));
        Path hfHome = nonBlank(env.apply("HF_HOME")) != null ? Path.of(env.apply("HF_HOME"))
                : (xdg != null ? Path.of(xdg) : home.resolve(".cache")).resolve("huggingface");
        String cache = nonBlank(env.apply("HF_HUB_CACHE"));
        if (cache == null) {
            cache = nonBlank(env.apply("HUGGINGFACE_HUB_CACHE"));
        }
        Path cacheDir = cache != null ? Path.of(cache) : hfHome.resolve("hub");
        String token = nonBlank(env.apply("HF_TOKEN"));
        if (token == null) {
            token = nonBlank(env.apply("HUGGING_FACE_HUB_TOKEN"));
        }
        if (token == null) {
            String tokenPath = nonBlank(env.apply("HF_TOKEN_PATH"));
            Path file = tokenPath != null ? Path.of(tokenPath) : hfHome.resolve("token");
            if (Files.isRegularFile(file)) {
                try {
                    token = nonBlank(Files.readString(file, StandardCharsets.UTF_8).strip());
                } catch (IOException e) {
                    token = null; // an unreadable token file is the same as none; the 401 message says what to do
                }
            }
        }
        String offline = nonBlank(env.apply("HF_HUB_OFFLINE"));
        return new HubSettings(URI.create(endpoint != null ? endpoint : DEFAULT_ENDPOINT), cacheDir, token,
                offline != null && TRUE.contains(offline.toUpperCase(Locale.ROOT)));
    }

    public HubSettings withOffline(boolean offline) {
        return new HubSettings(endpoint, cacheDir, token, offline);
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cacheDir=" + cacheDir + ", token=" + (token == null ? "none" : "set")
                + ", offline=" + offline + "]";
    }
}
