package dev.bulwark.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which redirect URIs a client may register, and when a requested one matches a registered one.
 *
 * <p>Registration accepts {@code https} URLs, and {@code http} only on a loopback host ({@code 127.0.0.1}, {@code [::1]},
 * {@code localhost}: native apps, RFC 8252 §7.3). Private-use schemes ({@code com.example.app:/cb}, RFC 8252 §7.1)
 * must contain a dot, so {@code javascript:}, {@code data:}, {@code file:} and the like are refused. No fragment,
 * no user info, only printable ASCII, at most 2048 characters.
 *
 * <p>Matching is exact string comparison, with one exception from RFC 8252 §7.3: for a loopback {@code http} URI the
 * port is ignored, because a native app gets an ephemeral port from the operating system at each login.
 */
public final class RedirectUris {
    static final int MAX_LENGTH = 2048;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");
    private static final Set<String> FORBIDDEN_SCHEMES = Set.of("javascript", "data", "file", "vbscript", "blob",
            "about", "ftp", "ws", "wss");

    private RedirectUris() {}

    /** Why {@code uri} cannot be registered, or empty when it can. */
    public static Optional<String> problem(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH) {
            return Optional.of("a redirect URI must have 1 to " + MAX_LENGTH + " characters");
        }
        // java.net.URI accepts other characters than ASCII (direction overrides, look-alike letters) in paths and
        // queries; RFC 3986 URIs are ASCII, and the consent page shows the URI to the user as it is.
        if (uri.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return Optional.of("a redirect URI must be printable ASCII (RFC 3986); percent-encode other characters");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            return Optional.of("not a URI: " + e.getReason());
        }
        if (!parsed.isAbsolute()) {
            return Optional.of("a redirect URI must be absolute");
        }
        if (parsed.getRawFragment() != null || uri.contains("#")) {
            return Optional.of("a redirect URI must not have a fragment");
        }
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        if (FORBIDDEN_SCHEMES.contains(scheme)) {
            return Optional.of("the scheme " + scheme + ": is not allowed");
        }
        if (scheme.equals("https") || scheme.equals("http")) {
            if (parsed.getRawUserInfo() != null || parsed.getHost() == null) {
                return Optional.of("a redirect URL needs a host and no user info");
            }
            if (scheme.equals("http") && !isLoopback(parsed)) {
                return Optional.of("http redirect URIs are allowed only on a loopback address (RFC 8252); use https");
            }
            return Optional.empty();
        }
        if (!scheme.contains(".")) {
            return Optional.of("a private-use scheme must be a reverse domain name such as com.example.app");
        }
        return Optional.empty();
    }

    /** Whether {@code requested} matches one of {@code registered}: exactly, or up to the port on loopback http. */
    public static boolean matches(String requested, List<String> registered) {
        if (requested == null || requested.length() > MAX_LENGTH) {
            return false;
        }
        for (String candidate : registered) {
            if (candidate.equals(requested) || sameLoopbackIgnoringPort(candidate, requested)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameLoopbackIgnoringPort(String registered, String requested) {
        try {
            URI a = new URI(registered);
            URI b = new URI(requested);
            if (!"http".equals(a.getScheme()) || !"http".equals(b.getScheme()) || !isLoopback(a) || !isLoopback(b)
                    || b.getRawUserInfo() != null || b.getRawFragment() != null) {
                return false;
            }
            URI aNoPort = new URI(a.getScheme(), null, a.getHost(), -1, a.getRawPath(), a.getRawQuery(), null);
            URI bNoPort = new URI(b.getScheme(), null, b.getHost(), -1, b.getRawPath(), b.getRawQuery(), null);
            return aNoPort.toString().equals(bNoPort.toString());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isLoopback(URI uri) {
        return uri.getHost() != null && LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }
}
