package io.contrast4j.search.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which sites may talk to the server, against DNS rebinding and cross-site requests.
 *
 * <p>DNS rebinding: a page from {@code evil.example} whose name is re-pointed at 127.0.0.1 talks
 * to a loopback server as "same origin", but its requests still say {@code Host: evil.example}.
 * So only Host names the operator meant are answered: the bound address, the loopback names when
 * bound to loopback or to every interface, and the configured allowed hosts.
 *
 * <p>Cross-site requests: browsers send {@code Origin} on cross-origin fetches and
 * {@code Sec-Fetch-Site} on all requests; a request that says it comes from another site is
 * refused, so a page elsewhere cannot make a visitor's browser query the index.
 */
final class HostGuard {
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    /** Names accepted with no port or the bound port. */
    private final Set<String> boundNames = new HashSet<>();
    /** Allowed-host entries: a bare name (any port) or name:port (that port only). */
    private final Set<String> allowed = new HashSet<>();
    private final int port;

    HostGuard(String bindHost, List<String> allowedHosts, int port) {
        this.port = port;
        String bind = bracketed(bindHost.strip().toLowerCase(Locale.ROOT));
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("[::]") || bind.equals("[0:0:0:0:0:0:0:0]");
        if (wildcard || isLoopback(bindHost)) {
            boundNames.addAll(LOOPBACK_NAMES);
        }
        if (!wildcard) {
            boundNames.add(bind);
        }
        allowedHosts.forEach(h -> allowed.add(bracketedAuthority(h)));
    }

    /** Whether a request with this Host header is answered. A missing or malformed Host never is. */
    boolean acceptsHost(String hostHeader) {
        Authority a = Authority.parse(hostHeader);
        if (a == null) {
            return false;
        }
        if (boundNames.contains(a.name) && (a.port < 0 || a.port == port)) {
            return true;
        }
        return allowed.contains(a.name) || (a.port >= 0 && allowed.contains(a.name + ":" + a.port));
    }

    /**
     * Whether a request with these Origin and Sec-Fetch-Site headers (either may be null) comes from
     * the page itself, a non-browser client, or the user typing the URL. An Origin must name the
     * same authority as the Host header (http or https, for a TLS proxy in front).
     */
    static boolean acceptsOrigin(String origin, String secFetchSite, String hostHeader) {
        if (secFetchSite != null) {
            String site = secFetchSite.strip().toLowerCase(Locale.ROOT);
            if (site.equals("cross-site") || site.equals("same-site")) {
                return false;
            }
        }
        if (origin == null) {
            return true;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        String scheme;
        if (o.startsWith("http://")) {
            scheme = "http";
        } else if (o.startsWith("https://")) {
            scheme = "https";
        } else {
            return false; // "null" (sandboxed frames, files) and other schemes
        }
        String authority = o.substring(scheme.length() + 3);
        if (authority.isEmpty() || authority.contains("/") || hostHeader == null) {
            return false;
        }
        return withoutDefaultPort(authority, scheme).equals(withoutDefaultPort(hostHeader.strip().toLowerCase(Locale.ROOT), scheme));
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String suffix = scheme.equals("http") ? ":80" : ":443";
        return authority.endsWith(suffix) ? authority.substring(0, authority.length() - suffix.length()) : authority;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** An IPv6 literal in brackets, as it appears in a Host header; other names as they are. */
    private static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String bracketedAuthority(String entry) {
        Authority a = Authority.parse(entry);
        if (a == null) {
            return bracketed(entry); // a bare IPv6 literal without brackets
        }
        return a.port < 0 ? a.name : a.name + ":" + a.port;
    }

    /** A Host header split into a lower-case name (IPv6 in brackets) and a port (-1 when absent). */
    private record Authority(String name, int port) {
        static Authority parse(String value) {
            if (value == null) {
                return null;
            }
            String v = value.strip().toLowerCase(Locale.ROOT);
            String name;
            String rest;
            if (v.startsWith("[")) {
                int close = v.indexOf(']');
                if (close < 0) {
                    return null;
                }
                name = v.substring(0, close + 1);
                rest = v.substring(close + 1);
            } else {
                int colon = v.indexOf(':');
                if (colon >= 0 && v.indexOf(':', colon + 1) >= 0) {
                    return null;
                }
                name = colon < 0 ? v : v.substring(0, colon);
                rest = colon < 0 ? "" : v.substring(colon);
            }
            if (name.isEmpty() || name.equals("[]")) {
                return null;
            }
            if (rest.isEmpty()) {
                return new Authority(name, -1);
            }
            if (!rest.startsWith(":") || rest.length() < 2 || rest.length() > 6 || !rest.substring(1).chars().allMatch(Character::isDigit)) {
                return null;
            }
            return new Authority(name, Integer.parseInt(rest.substring(1)));
        }
    }
}
