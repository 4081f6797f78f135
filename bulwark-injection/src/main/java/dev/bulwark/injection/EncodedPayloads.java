package dev.bulwark.injection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds encoded runs (base64, base64url, hex, {@code \x} escapes, URL percent-encoding) and decodes them when they
 * turn out to be readable text. Binary payloads such as images decode to non-text and are ignored. Candidates are
 * bounded in length; the caller bounds how many are decoded.
 */
final class EncodedPayloads {
    private EncodedPayloads() {}

    /** Longest candidate decoded; a longer run is decoded from its first characters only. */
    static final int MAX_CANDIDATE_CHARS = 8192;

    interface Sink {
        /** Returns false once the caller's decode budget is spent. */
        boolean candidate(int start, int end, String decoded, String kind);
    }

    private static final Pattern TOKEN = Pattern.compile("[^\\s\"'<>()\\[\\]{}`,;]{16,}+");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{20,}+={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){12,}+");
    private static final Pattern ESCAPED_HEX = Pattern.compile("(?:\\\\x[0-9a-fA-F]{2}){6,}+");
    // a decoded value that is itself one encoded token: another layer to peel
    private static final Pattern LAYER = Pattern.compile("[A-Za-z0-9+/=_%\\\\-]{16,}+");

    /** Returns false when the sink ran out of budget before all candidates were seen. */
    static boolean scan(String text, int from, int to, Sink sink) {
        Matcher token = TOKEN.matcher(text).region(from, to);
        while (token.find()) {
            int ts = token.start();
            int te = token.end();
            Shape shape = Shape.of(text, ts, te);
            if (shape.percentEscapes >= 3) {
                String decoded = percentDecode(text, ts, Math.min(te, ts + MAX_CANDIDATE_CHARS));
                if (decoded != null && readable(decoded) && !sink.candidate(ts, te, decoded, "url-encoding")) {
                    return false;
                }
                continue;
            }
            if (shape.hexEscapes >= 6) {
                Matcher escaped = ESCAPED_HEX.matcher(text).region(ts, te);
                while (escaped.find()) {
                    String decoded = utf8(hexBytes(text.substring(escaped.start(), limit(escaped)).replace("\\x", "")));
                    if (decoded != null && readable(decoded)
                            && !sink.candidate(escaped.start(), escaped.end(), decoded, "hex")) {
                        return false;
                    }
                }
            }
            if (shape.longestHexRun >= 24) {
                Matcher hex = HEX.matcher(text).region(ts, te);
                while (hex.find()) {
                    String decoded = utf8(hexBytes(text.substring(hex.start(), limit(hex))));
                    if (decoded != null && readable(decoded)
                            && !sink.candidate(hex.start(), hex.end(), decoded, "hex")) {
                        return false;
                    }
                }
            }
            if (shape.upper && shape.lower && shape.longestBase64Run >= 20) {
                Matcher b64 = BASE64.matcher(text).region(ts, te);
                while (b64.find()) {
                    if (!mixedCase(text, b64.start(), b64.end())) {
                        continue;
                    }
                    String decoded = base64(text.substring(b64.start(), limit(b64)));
                    if (decoded != null && readable(decoded)
                            && !sink.candidate(b64.start(), b64.end(), decoded, "base64")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** One pass over a token tells which decoders could apply, so most tokens cost no further matching. */
    private record Shape(int percentEscapes, int hexEscapes, int longestHexRun, int longestBase64Run, boolean upper,
                         boolean lower) {
        static Shape of(String text, int from, int to) {
            int percent = 0;
            int escapes = 0;
            int hexRun = 0;
            int longestHex = 0;
            int b64Run = 0;
            int longestB64 = 0;
            boolean upper = false;
            boolean lower = false;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                boolean hex = hexDigit(c);
                hexRun = hex ? hexRun + 1 : 0;
                longestHex = Math.max(longestHex, hexRun);
                boolean b64 = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                        || c == '/' || c == '_' || c == '-';
                b64Run = b64 ? b64Run + 1 : 0;
                longestB64 = Math.max(longestB64, b64Run);
                upper |= c >= 'A' && c <= 'Z';
                lower |= c >= 'a' && c <= 'z';
                if (c == '%' && i + 2 < to && hexDigit(text.charAt(i + 1)) && hexDigit(text.charAt(i + 2))) {
                    percent++;
                } else if (c == '\\' && i + 1 < to && text.charAt(i + 1) == 'x') {
                    escapes++;
                }
            }
            return new Shape(percent, escapes, longestHex, longestB64, upper, lower);
        }
    }

    private static int limit(Matcher m) {
        return Math.min(m.end(), m.start() + MAX_CANDIDATE_CHARS);
    }

    private static boolean mixedCase(String text, int from, int to) {
        boolean upper = false;
        boolean lower = false;
        for (int i = from; i < to && !(upper && lower); i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    static String base64(String candidate) {
        String s = candidate;
        int eq = s.indexOf('=');
        if (eq >= 0) {
            s = s.substring(0, eq);
        }
        if (s.length() % 4 == 1) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            byte[] bytes = s.indexOf('-') >= 0 || s.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(s)
                    : Base64.getDecoder().decode(pad(s));
            return utf8(bytes);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static String pad(String s) {
        return switch (s.length() % 4) {
            case 2 -> s + "==";
            case 3 -> s + "=";
            default -> s;
        };
    }

    private static byte[] hexBytes(String hex) {
        int n = hex.length() / 2;
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
        }
        return out;
    }

    private static String percentDecode(String text, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < to && hexDigit(text.charAt(i + 1)) && hexDigit(text.charAt(i + 2))) {
                out[n++] = (byte) Integer.parseInt(text, i + 1, i + 3, 16);
                i += 2;
            } else if (c == '+') {
                out[n++] = ' ';
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                return null;
            }
        }
        return utf8(java.util.Arrays.copyOf(out, n));
    }

    private static boolean hexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Strict UTF-8, or null: invalid sequences mean the bytes are not text. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notText) {
            return null;
        }
    }

    /** Text a model would read as words (mostly letters, spaces and punctuation), or a further encoded layer. */
    static boolean readable(String s) {
        if (LAYER.matcher(s).matches()) {
            return true;
        }
        if (s.length() < 6) {
            return false;
        }
        int good = 0;
        int spaces = 0;
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t') {
                spaces++;
                good++;
            } else if (Character.isLetterOrDigit(c)) {
                letters++;
                good++;
            } else if (!Character.isISOControl(c) && c != '\uFFFD') {
                good++;
            }
        }
        boolean cjk = letters > 0 && s.codePoints().anyMatch(cp -> Character.isIdeographic(cp));
        return good >= s.length() * 0.95 && letters >= s.length() * 0.5 && (spaces >= 1 || cjk);
    }
}
