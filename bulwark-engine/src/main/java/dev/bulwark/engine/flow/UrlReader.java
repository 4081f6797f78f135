package dev.bulwark.engine.flow;

import java.net.IDN;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** URLs in a token, read the way a browser's URL parser reads them (see {@link #url}). */
final class UrlReader {
    /** What separates the pieces of a URL's path and query; compiled once, not per URL token. */
    private static final java.util.regex.Pattern URL_PIECES = java.util.regex.Pattern.compile("[/?&=#;,]");
    /** Schemes whose URLs a browser's parser reads with any slashes or backslashes before the host. */
    private static final Set<String> SPECIAL_SCHEMES = Set.of("http", "https", "ws", "wss", "ftp", "file");

    private UrlReader() {}

    /**
     * A URL, read as a browser's URL parser (WHATWG) reads it, so that a form a browser or HTTP client accepts cannot
     * carry a host past the index under another spelling: for the special schemes (http, https, ws, wss, ftp, file)
     * any run of {@code /} and {@code \\} after the colon (none included) starts the host and {@code \\} separates
     * the path like {@code /}; a protocol-relative {@code //host} is a URL; the host is percent-decoded, loses its
     * trailing dots and, when not ASCII, is written in its IDNA (punycode) form. A token with a scheme whose host
     * cannot be read is still an identifier, keyed by its raw host and path: it matches itself where it was seen and
     * is an unseen identifier elsewhere, never nothing.
     */
    static boolean url(String lower, Found out) {
        String rest = null;
        boolean special = false;
        int colon = lower.indexOf(':');
        if (colon > 0 && colon <= 8 && lower.substring(0, colon).chars().allMatch(Character::isLetter)) {
            String scheme = lower.substring(0, colon);
            special = SPECIAL_SCHEMES.contains(scheme);
            if (special) {
                int from = colon + 1;
                while (from < lower.length() && (lower.charAt(from) == '/' || lower.charAt(from) == '\\')) {
                    from++;
                }
                rest = lower.substring(from);
            } else if (lower.startsWith("://", colon)) {
                rest = lower.substring(colon + 3);
            }
        }
        if (rest == null && (lower.startsWith("//") || lower.startsWith("\\\\"))) {
            special = true;
            rest = lower.substring(2);
        }
        if (rest == null && lower.startsWith("www.")) {
            rest = lower;
        }
        if (rest == null) {
            int slash = lower.indexOf('/');
            if (slash < 4 || !Shapes.domain(lower.substring(0, slash), true)) {
                return false;
            }
            rest = lower;
        }
        if (special) {
            rest = rest.replace('\\', '/');
        }
        int end = 0;
        while (end < rest.length() && "/?#".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String authority = rest.substring(0, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        int port = host.lastIndexOf(':');
        if (port > 0) {
            host = host.substring(0, port);
        }
        host = TokenClassifier.stripWww(readHost(host));
        String tail = rest.substring(end);
        while (tail.endsWith("/")) {
            tail = tail.substring(0, tail.length() - 1);
        }
        if (!(Shapes.domain(host, false) || Shapes.ipv4(host) || host.equals("localhost"))) {
            if (authority.isEmpty() || (colon < 0 && !lower.startsWith("//"))) {
                return false;
            }
            out.add(ValueKind.URL, Shapes.key("url", authority + tail)); // unreadable host: fail closed
            return true;
        }
        out.add(ValueKind.URL, Shapes.key("url", host + tail));
        out.add(ValueKind.DOMAIN, Shapes.key("dom", host));
        if (!tail.isEmpty()) {
            String decoded;
            try {
                decoded = URLDecoder.decode(tail.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                decoded = tail;
            }
            for (String piece : URL_PIECES.split(decoded)) {
                TokenClassifier.classify(piece, out, false, true);
            }
        }
        return true;
    }

    /** A host as a URL parser resolves it: percent-decoded, without trailing dots, IDNA (punycode) when not ASCII. */
    static String readHost(String host) {
        String h = host;
        if (h.indexOf('%') >= 0) {
            try {
                h = URLDecoder.decode(h.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return host;
            }
            h = FlowText.normal(h).toLowerCase(Locale.ROOT);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!h.chars().allMatch(c -> c < 0x80)) {
            try {
                h = IDN.toASCII(h, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException notAHost) {
                return host;
            }
        }
        return h;
    }
}
