package dev.bulwark.server.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Browser origins allowed to call {@code /mcp}: the gateway's own and the configured ones. Guards against DNS
 * rebinding; clients that send no Origin (non-browser) are not affected.
 */
public final class OriginPolicy {
    private final Set<String> allowed;

    public OriginPolicy(String publicUrl, List<String> configured) {
        this.allowed = java.util.stream.Stream.concat(java.util.stream.Stream.of(publicUrl), configured.stream())
                .map(OriginPolicy::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean allows(String origin) {
        return allowed.contains(normalize(origin));
    }

    private static String normalize(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "invalid:" + url;
            }
            int port = u.getPort() != -1 ? u.getPort() : ("https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
            return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
        } catch (IllegalArgumentException e) {
            return "invalid:" + url;
        }
    }
}
