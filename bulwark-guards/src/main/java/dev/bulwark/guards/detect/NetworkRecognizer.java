package dev.bulwark.guards.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** IPv4 and IPv6 addresses; version numbers ("version 1.2.3.4") are not addresses. */
final class NetworkRecognizer implements Recognizer {
    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?:/\\d{1,2})?(?![\\w]|\\.\\w)");
    static final Pattern IPV6 = Pattern.compile(
            "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}+:){2,7}+[0-9A-Fa-f]{0,4}+(?:%\\w{1,16}+)?(?![\\w:])");
    private static final Context.Words VERSION = Context.words("version", "ver", "v", "release", "build", "firmware",
            "release", "patch", "sdk", "api level", "revision", "rev");
    private static final Context.Words IP_CONTEXT = Context.words("ip", "ipv4", "ipv6", "address", "host", "server",
            "client", "from", "connect", "connected", "gateway", "dns", "subnet", "router", "login");

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        if (dottedDigits(text)) {
            Anchored.scan(IPV4, shape, TextShape.DIGITS, i -> shape.digitRun(i) <= 3, m -> {
                if (VERSION.before(text, m.start(), 20)) {
                    return;
                }
                double score = IP_CONTEXT.before(text, m.start(), 40) ? 0.9 : 0.7;
                out.add("IP_ADDRESS", m.start(), m.end(), score, "ip-address");
            });
        }
        if (shape.has(TextShape.COLON) && twoCloseColons(shape)) {
            Anchored.scan(IPV6, shape, TextShape.DIGITS | TextShape.WORD | TextShape.COLON,
                    i -> twoColonsAhead(text, i), m -> {
                        String s = m.group();
                        int pct = s.indexOf('%');
                        if (validIpv6(pct < 0 ? s : s.substring(0, pct))) {
                            out.add("IP_ADDRESS", m.start(), m.end(), 0.85, "ip-address");
                        }
                    });
        }
    }

    /** Whether the run of hex digits and colons at {@code i} has two colons: the least an IPv6 address needs. */
    private static boolean twoColonsAhead(String text, int i) {
        int colons = 0;
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == ':') {
                if (++colons == 2) {
                    return true;
                }
            } else if (Character.digit(c, 16) < 0 || c >= 0x80) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether some colon is followed, after at most four hex digits, by another: the first two groups of
     * {@link #IPV6} need that much, so a text without it holds no address.
     */
    private static boolean twoCloseColons(TextShape shape) {
        String text = shape.text();
        for (int c : shape.startsOf(TextShape.COLON)) {
            for (int j = c + 1; j < text.length() && j <= c + 5; j++) {
                char h = text.charAt(j);
                if (h == ':') {
                    return true;
                }
                if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                    break;
                }
            }
        }
        return false;
    }

    /** A digit, a dot and a digit somewhere: the least an IPv4 address needs. */
    private static boolean dottedDigits(String text) {
        for (int i = text.indexOf('.'); i > 0 && i + 1 < text.length(); i = text.indexOf('.', i + 1)) {
            if (Character.isDigit(text.charAt(i - 1)) && Character.isDigit(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Eight groups of one to four hex digits, or fewer around exactly one "::"; not all-decimal short forms. */
    static boolean validIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        if (dc < 0) {
            return groups(s) == 8;
        }
        int left = dc == 0 ? 0 : groups(s.substring(0, dc));
        int right = dc + 2 == s.length() ? 0 : groups(s.substring(dc + 2));
        if (left < 0 || right < 0) {
            return false;
        }
        int groups = left + right;
        boolean letters = s.chars().anyMatch(Character::isLetter);
        // "::" with only decimal-looking groups reads like a time or a ratio, not an address.
        return groups <= 7 && (letters || groups >= 3 || s.equals("::1"));
    }

    /** Number of colon-separated groups of 1-4 hex digits, or -1 when one is malformed. */
    private static int groups(String s) {
        String[] parts = s.split(":", -1);
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 4) {
                return -1;
            }
        }
        return parts.length;
    }
}
