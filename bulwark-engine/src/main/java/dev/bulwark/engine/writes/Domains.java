package dev.bulwark.engine.writes;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The domain an e-mail address or URL points at, in ASCII (IDNA) lower case, or empty when the value is not one
 * plain address: several {@code @}, display names, lists, comments, quoted local parts, user info in URLs, IP
 * literals, percent-escapes and control characters are refused rather than guessed at, because a mail or HTTP library
 * downstream may read them differently than we would.
 */
final class Domains {
    static final int MAX_LENGTH = 2048;
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9!#$&'*+=?^_`{|}~.-]{1,64}");
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}$");

    private Domains() {}

    static Optional<String> of(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)
                    || "\"<>,;()\\".indexOf(c) >= 0 || Character.getType(c) == Character.FORMAT) {
                return Optional.empty();
            }
        }
        return value.contains("://") ? ofUrl(value) : ofAddress(value);
    }

    private static Optional<String> ofAddress(String value) {
        int at = value.indexOf('@');
        if (at <= 0 || at != value.lastIndexOf('@') || !LOCAL_PART.matcher(value.substring(0, at)).matches()) {
            return Optional.empty();
        }
        return host(value.substring(at + 1));
    }

    private static Optional<String> ofUrl(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        if (!(scheme.equals("https") || scheme.equals("http")) || authority == null || authority.contains("@")
                || authority.contains("%") || authority.contains("[")) {
            return Optional.empty();
        }
        return host(PORT.matcher(authority).replaceFirst(""));
    }

    /** IDNA to ASCII with the standard host rules, lower case, without one trailing dot; empty when not a domain. */
    static Optional<String> host(String text) {
        String host = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (host.isEmpty() || host.contains(":")) {
            return Optional.empty();
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.isEmpty() || ascii.length() > 253 || !ascii.contains(".") || ascii.startsWith(".")
                || ascii.contains("..") || ascii.matches("[0-9.]+")) {
            return Optional.empty();
        }
        return Optional.of(ascii);
    }

    /** Whether {@code domain} is {@code allowed} or, when {@code subdomains}, below it. */
    static boolean within(String domain, String allowed, boolean subdomains) {
        return domain.equals(allowed) || (subdomains && domain.endsWith("." + allowed));
    }
}
