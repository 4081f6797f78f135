package dev.bulwark.egress;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Bounds of one egress call.
 *
 * @param maxResponseBytes body bytes kept; the download is cut off beyond, and the result says so
 * @param maxRequestBytes  largest {@code http.post} body
 * @param timeout          total time for the call, redirects included (connect, headers and a slow body alike)
 * @param maxRedirects     same-origin redirects followed
 * @param contentTypes     media types returned (lower case; {@code type/*} and {@code application/*+json} style
 *                         wildcards allowed); others are refused after the headers, before the body is read
 */
public record EgressLimits(int maxResponseBytes, int maxRequestBytes, Duration timeout, int maxRedirects,
                           List<String> contentTypes) {
    public static final List<String> DEFAULT_CONTENT_TYPES = List.of("text/*", "application/json",
            "application/*+json", "application/xml", "application/*+xml");

    public EgressLimits {
        if (maxResponseBytes < 1 || maxResponseBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxResponseBytes must be 1 to 67108864");
        }
        if (maxRequestBytes < 0 || maxRequestBytes > 64 * 1024 * 1024) {
            throw new IllegalArgumentException("maxRequestBytes must be 0 to 67108864");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("timeout must be positive and at most 5 minutes");
        }
        if (maxRedirects < 0 || maxRedirects > 20) {
            throw new IllegalArgumentException("maxRedirects must be 0 to 20");
        }
        contentTypes = List.copyOf(contentTypes == null ? DEFAULT_CONTENT_TYPES : contentTypes).stream()
                .map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
        if (contentTypes.isEmpty()) {
            throw new IllegalArgumentException("contentTypes must name at least one media type");
        }
    }

    public static EgressLimits defaults() {
        return new EgressLimits(1024 * 1024, 256 * 1024, Duration.ofSeconds(10), 5, DEFAULT_CONTENT_TYPES);
    }

    /** Whether a response's media type (parameters ignored) is one of {@link #contentTypes}. */
    public boolean allows(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        int slash = type.indexOf('/');
        if (slash <= 0) {
            return false;
        }
        for (String allowed : contentTypes) {
            if (allowed.equals(type)
                    || allowed.endsWith("/*") && type.startsWith(allowed.substring(0, allowed.length() - 1))
                    || allowed.contains("/*+") && type.startsWith(allowed.substring(0, allowed.indexOf('*')))
                            && type.endsWith(allowed.substring(allowed.indexOf('*') + 1))) {
                return true;
            }
        }
        return false;
    }
}
