package dev.bulwark.egress;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A URL egress may fetch, in canonical form: {@code http} or {@code https}, an ASCII host (IDN converted to punycode,
 * lower case, no trailing dot) or a canonical IP literal, an explicit port, no userinfo, no fragment.
 *
 * <p>The host is the one policy sees ({@code context.arguments.host}) and the one connected to, so anything that
 * different URL parsers read differently is refused rather than guessed: userinfo ({@code user@host}), percent
 * signs and zone ids in the host, IPv4 in any form but dotted decimal ({@code 2130706433}, {@code 0x7f.1},
 * {@code 0177.0.0.1}, {@code 127.1}), IPv4 written as IPv6 ({@code [::ffff:127.0.0.1]}), single-label names
 * (resolved through search domains) and names reserved for local use ({@code localhost}, {@code *.internal},
 * cloud metadata names).
 *
 * @param scheme    {@code http} or {@code https}
 * @param host      canonical host: DNS name, dotted-decimal IPv4, or IPv6 in brackets
 * @param port      the port connected to
 * @param pathQuery the raw path and query, at least {@code /}
 * @param literal   the address when the host is an IP literal (no DNS lookup), else null
 */
public record HttpTarget(String scheme, String host, int port, String pathQuery, InetAddress literal) {
    public static final int MAX_URL_CHARS = 4096;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-fA-F:.]{2,45}");
    /** Names that reach cloud metadata services or local hosts whatever they resolve to. */
    private static final java.util.Set<String> RESERVED_NAMES = java.util.Set.of(
            "metadata.google.internal", "metadata.goog", "metadata.azure.com", "instance-data.ec2.internal",
            "metadata.tencentyun.com", "metadata.platformequinix.com", "kubernetes.default.svc");
    private static final java.util.List<String> RESERVED_SUFFIXES = java.util.List.of(
            "localhost", "local", "internal", "intranet", "lan", "home.arpa", "localdomain", "cluster.local",
            "in-addr.arpa", "ip6.arpa", "onion", "test", "invalid", "example");

    /** The URL to request: the host as given (the connection's address is pinned separately). */
    public URI uri() {
        String authority = host + (port == defaultPort(scheme) ? "" : ":" + port);
        return URI.create(scheme + "://" + authority + pathQuery);
    }

    /** Same scheme-independent origin: same host and, for the same scheme, the same port. */
    public boolean sameHost(HttpTarget other) {
        return host.equals(other.host);
    }

    /** Parses a URL strictly; refuses, with the reason, anything outside the canonical subset. */
    public static HttpTarget parse(String url) throws EgressRefusedException {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_CHARS) {
            throw new EgressRefusedException("the URL must be 1 to " + MAX_URL_CHARS + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7F || c == '\\' || (c >= 0x80 && c <= 0x9F)) {
                throw new EgressRefusedException("the URL holds a space, control character or backslash");
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new EgressRefusedException("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new EgressRefusedException("only http and https URLs are allowed");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            throw new EgressRefusedException("the URL has no host");
        }
        String authority = uri.getRawAuthority();
        if (authority.indexOf('@') >= 0) {
            throw new EgressRefusedException("URLs with user information (user@host) are not allowed");
        }
        String hostPart;
        String portPart = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new EgressRefusedException("unterminated IPv6 literal");
            }
            hostPart = authority.substring(0, close + 1);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new EgressRefusedException("invalid authority after the IPv6 literal");
                }
                portPart = rest.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            hostPart = colon < 0 ? authority : authority.substring(0, colon);
            portPart = colon < 0 ? null : authority.substring(colon + 1);
        }
        int port = portPart == null || portPart.isEmpty() ? defaultPort(scheme) : port(portPart);
        String pathQuery = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (!pathQuery.startsWith("/")) {
            throw new EgressRefusedException("the URL path must start with '/'");
        }
        if (hostPart.startsWith("[")) {
            InetAddress v6 = ipv6(hostPart.substring(1, hostPart.length() - 1));
            return new HttpTarget(scheme, "[" + v6.getHostAddress() + "]", port, pathQuery, v6);
        }
        String host = canonicalName(hostPart);
        if (DOTTED_QUAD.matcher(host).matches()) {
            return new HttpTarget(scheme, host, port, pathQuery, ipv4(host));
        }
        return new HttpTarget(scheme, host, port, pathQuery, null);
    }

    /** A host name as policy and DNS see it; IPv4 in dotted-decimal form passes through for the caller. */
    static String canonicalName(String raw) throws EgressRefusedException {
        if (raw.isEmpty() || raw.indexOf('%') >= 0) {
            throw new EgressRefusedException("the host is empty or percent-encoded");
        }
        String ascii;
        try {
            // IDNA: NFKC mapping (fullwidth letters, ideographic full stops), punycode for non-ASCII labels
            ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new EgressRefusedException("the host is not a valid internationalised domain name");
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new EgressRefusedException("the host name is empty or too long");
        }
        String[] labels = ascii.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            // ends in a number: an IPv4 address in some form (WHATWG URL); only dotted decimal is unambiguous
            if (!DOTTED_QUAD.matcher(ascii).matches() || ipv4Parts(ascii) == null) {
                throw new EgressRefusedException("IPv4 addresses must be written as four decimal numbers "
                        + "(no octal, hex, integer or shortened forms)");
            }
            return ascii;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new EgressRefusedException("the host name has an invalid label");
            }
        }
        if (labels.length < 2) {
            throw new EgressRefusedException("single-label host names are not allowed (they resolve through "
                    + "search domains)");
        }
        if (RESERVED_NAMES.contains(ascii)) {
            throw new EgressRefusedException("the host is a cloud metadata or cluster-internal name");
        }
        for (String suffix : RESERVED_SUFFIXES) {
            if (ascii.equals(suffix) || ascii.endsWith("." + suffix)) {
                throw new EgressRefusedException("the host is under a name reserved for local use (." + suffix + ")");
            }
        }
        return ascii;
    }

    private static int[] ipv4Parts(String quad) {
        String[] parts = quad.split("\\.");
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            out[i] = Integer.parseInt(parts[i]);
            if (out[i] > 255) {
                return null;
            }
        }
        return out;
    }

    private static InetAddress ipv4(String quad) throws EgressRefusedException {
        int[] parts = ipv4Parts(quad);
        byte[] raw = {(byte) parts[0], (byte) parts[1], (byte) parts[2], (byte) parts[3]};
        try {
            return Inet4Address.getByAddress(quad, raw);
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("invalid IPv4 address");
        }
    }

    private static InetAddress ipv6(String text) throws EgressRefusedException {
        if (!IPV6_TEXT.matcher(text).matches() || text.indexOf(':') < 0) {
            throw new EgressRefusedException("invalid IPv6 literal (zone ids are not allowed)");
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(text); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new EgressRefusedException("invalid IPv6 literal");
        }
        if (!(parsed instanceof Inet6Address)) {
            throw new EgressRefusedException("IPv4 written as IPv6 ([::ffff:a.b.c.d]); use the IPv4 form");
        }
        return parsed;
    }

    private static int port(String text) throws EgressRefusedException {
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.startsWith("0")) {
            throw new EgressRefusedException("invalid port");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new EgressRefusedException("invalid port");
        }
        return port;
    }

    static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    /** The address when the host is an IP literal. */
    public Optional<InetAddress> literalAddress() {
        return Optional.ofNullable(literal);
    }
}
