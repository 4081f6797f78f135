package dev.bulwark.server.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host names a request may be addressed to (its {@code Host} header), against DNS rebinding: a page on
 * {@code evil.example} whose name an attacker re-points at 127.0.0.1 reaches a loopback gateway with
 * {@code Host: evil.example}, which no legitimate client sends. Allowed: the public URL's host, the configured
 * hosts, and, when the gateway listens on loopback, the loopback names. A gateway bound to another interface
 * without a public URL or configured hosts cannot know its names, and checks nothing ({@link #checks()} false).
 */
public final class HostPolicy {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    private final Set<String> allowed;

    private HostPolicy(Set<String> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    /**
     * @param bindHost   the interface the server listens on
     * @param publicUrl  the configured public URL, if any
     * @param configured further allowed host names
     */
    public static HostPolicy of(String bindHost, Optional<String> publicUrl, List<String> configured) {
        Set<String> allowed = new HashSet<>();
        publicUrl.map(url -> URI.create(url).getHost()).map(HostPolicy::normalize).ifPresent(allowed::add);
        configured.stream().map(HostPolicy::normalize).forEach(allowed::add);
        if (isLoopback(bindHost)) {
            allowed.addAll(LOOPBACK_NAMES);
            allowed.add(normalize(bindHost));
        }
        return new HostPolicy(allowed);
    }

    /** Whether Host headers are checked at all. */
    public boolean checks() {
        return !allowed.isEmpty();
    }

    /** Whether a request addressed to this host name (port and brackets allowed) may be served. */
    public boolean allows(String host) {
        if (!checks()) {
            return true;
        }
        return host != null && allowed.contains(normalize(stripPort(host)));
    }

    static boolean isLoopback(String bindHost) {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private static String stripPort(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        // More than one colon: a bare IPv6 address, not host:port.
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }

    private static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
