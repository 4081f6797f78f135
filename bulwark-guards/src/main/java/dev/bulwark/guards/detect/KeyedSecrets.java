package dev.bulwark.guards.detect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Values assigned to a credential's name, in any of the usual notations: {@code key=value} (env files, connection
 * strings, query strings, code), {@code key: value} (YAML, HTTP headers, prose), {@code "key": "value"} (JSON, also
 * with escaped quotes), {@code key := value}, {@code key => value}, and in prose {@code the password is value}.
 * A name is a credential's when, lower-cased with separators removed, it holds one of the credential words
 * ({@code password}, {@code secret}, {@code token}, {@code apikey}, {@code auth}, … or ends in {@code key}) and does
 * not end in a word naming something about the credential ({@code _file}, {@code _url}, {@code _length}, …).
 * Passwords are taken unless they are placeholders, references or bare words; other values must look generated
 * ({@link SecretShapes#keyedValue}). {@code Authorization: Bearer x} reports {@code x}.
 */
final class KeyedSecrets implements Recognizer {
    static final int MAX_NAME = 64;
    static final int MAX_VALUE = 512;

    private static final String[] PASSWORD_WORDS = {"password", "passwd", "passphrase", "pwd", "passcode"};
    private static final String[] SECRET_WORDS = {"secret", "token", "apikey", "accesskey", "privatekey", "credential",
        "auth", "bearer", "signature", "sessionkey", "cookie"};
    /** Name endings that describe a credential rather than hold it. */
    private static final String[] ABOUT = {"file", "path", "url", "uri", "hint", "length", "len", "policy", "expiry",
        "expires", "expiresin", "expiresat", "ttl", "type", "name", "count", "limit", "id", "ids", "ref", "version",
        "enabled", "required", "header", "field", "endpoint", "size", "format", "mode", "method", "prefix", "min",
        "max"};
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)(?:x{3,}|\\*{3,}|\\.{3,}|-+|<[^>]*>?|\\$\\{[^}]*}?|\\$[A-Za-z_][A-Za-z0-9_]*|%\\w+%|\\{\\{.*|changeme|"
                    + "redacted|hidden|masked|example|placeholder|dummy|your[_-]?\\w*|none|nil|null|true|false|undefined|"
                    + "required|optional|string|secret|password|passwd|token|value|empty|n/a|\\[redacted[^]]*]?|"
                    + "[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)+)");
    private static final Pattern SCHEME = Pattern.compile("(?i)bearer|basic|token|digest|bot|apikey|sso-key|key");

    private enum Kind { NONE, PASSWORD, SECRET }

    @Override
    public void recognize(String text, Candidates out) {
        int resume = 0;
        for (int p = text.indexOf(':'), q = text.indexOf('='); p >= 0 || q >= 0; ) {
            int at;
            if (q < 0 || (p >= 0 && p < q)) {
                at = p;
                p = text.indexOf(':', p + 1);
            } else {
                at = q;
                q = text.indexOf('=', q + 1);
            }
            if (at < resume) {
                continue;
            }
            int end = separator(text, at);
            if (end < 0) {
                continue;
            }
            int found = assigned(text, at, end, out);
            if (found > 0) {
                resume = found;
            }
        }
        prose(text, out);
    }

    /** The end of the separator starting at {@code at}, or -1 when the character there is not one. */
    private static int separator(String text, int at) {
        int n = text.length();
        char c = text.charAt(at);
        char next = at + 1 < n ? text.charAt(at + 1) : 0;
        char prev = at > 0 ? text.charAt(at - 1) : 0;
        if (c == ':') {
            if (next == '/' || next == ':' || prev == ':') {
                return -1;
            }
            return next == '=' ? at + 2 : at + 1;
        }
        if (prev == ':' || prev == '!' || prev == '<' || prev == '>' || prev == '=') {
            return -1;
        }
        return next == '>' || next == '=' ? at + 2 : at + 1;
    }

    /** Reports the value after a credential's name before {@code at}; the end of the value or 0. */
    private static int assigned(String text, int at, int valueFrom, Candidates out) {
        int j = at - 1;
        int spaces = 0;
        while (j >= 0 && (text.charAt(j) == ' ' || text.charAt(j) == '\t') && spaces < 3) {
            j--;
            spaces++;
        }
        if (j >= 0 && quote(text.charAt(j))) {
            j--;
            if (j >= 0 && text.charAt(j) == '\\') {
                j--;
            }
        }
        int nameEnd = j + 1;
        while (j >= 0 && nameEnd - j <= MAX_NAME && nameChar(text.charAt(j))) {
            j--;
        }
        int nameStart = j + 1;
        if (nameStart >= nameEnd) {
            return 0;
        }
        Kind kind = kindOf(text, nameStart, nameEnd);
        if (kind == Kind.NONE) {
            return 0;
        }
        boolean query = nameStart > 0 && (text.charAt(nameStart - 1) == '?' || text.charAt(nameStart - 1) == '&');
        return value(text, valueFrom, kind, query, 0.9, out);
    }

    /** Parses and judges the value starting at or after {@code from}; reports it; returns its end or 0. */
    private static int value(String text, int from, Kind kind, boolean query, double score, Candidates out) {
        int n = text.length();
        int i = from;
        int spaces = 0;
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t') && spaces < 3) {
            i++;
            spaces++;
        }
        if (i >= n) {
            return 0;
        }
        boolean quoted = false;
        int start;
        int end;
        char c = text.charAt(i);
        boolean escaped = c == '\\' && i + 1 < n && quote(text.charAt(i + 1));
        if (quote(c) || escaped) {
            char q = escaped ? text.charAt(i + 1) : c;
            start = escaped ? i + 2 : i + 1;
            end = start;
            while (end < n && end - start <= MAX_VALUE && text.charAt(end) != q && text.charAt(end) != '\n') {
                end++;
            }
            if (end >= n || text.charAt(end) != q) {
                return 0;
            }
            if (escaped && text.charAt(end - 1) == '\\') {
                end--;
            }
            quoted = true;
        } else {
            start = i;
            end = unquotedEnd(text, start, query);
        }
        // Authorization: Bearer <credential>
        int w = start;
        while (w < n && w - start < 8 && (Character.isLetter(text.charAt(w)) || text.charAt(w) == '-')) {
            w++;
        }
        if (kind == Kind.SECRET && w > start && w + 1 < n && text.charAt(w) == ' ' && text.charAt(w + 1) != ' '
                && SCHEME.matcher(text).region(start, w).matches()) {
            start = w + 1;
            if (!quoted) {
                end = unquotedEnd(text, start, query);
            }
        }
        if (quoted) {
            for (int b = start; b < end; b++) {
                if (text.charAt(b) == ' ') {
                    return 0;
                }
            }
        }
        while (end > start && ".:".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        if (end <= start || end - start > MAX_VALUE) {
            return 0;
        }
        String value = text.substring(start, end);
        if (!quoted && end < n && (text.charAt(end) == '(' || text.charAt(end) == '[')) {
            return 0;
        }
        if (PLACEHOLDER.matcher(value).matches() || value.contains("://")) {
            return 0;
        }
        if (kind == Kind.PASSWORD) {
            if (!password(value, quoted)) {
                return 0;
            }
            out.add("PASSWORD", start, end, score - 0.05, "keyed-secret");
        } else {
            if (!SecretShapes.keyedValue(value)) {
                return 0;
            }
            out.add("API_KEY", start, end, score, "keyed-secret");
        }
        return end;
    }

    private static int unquotedEnd(String text, int start, boolean query) {
        int end = start;
        int n = text.length();
        while (end < n && end - start <= MAX_VALUE) {
            char c = text.charAt(end);
            if (c <= ' ' || "\"'`,;<>(){}[]\\".indexOf(c) >= 0 || (query && c == '&')) {
                break;
            }
            end++;
        }
        return end;
    }

    /**
     * A password: 4 to 128 characters, not a path; bare words count only when quoted (a literal in code), since in
     * prose "password: required" is not one.
     */
    private static boolean password(String value, boolean quoted) {
        if (value.length() < 4 || value.length() > 128 || value.startsWith("/") || value.startsWith("~/")) {
            return false;
        }
        boolean letters = true;
        for (int i = 0; i < value.length(); i++) {
            letters &= Character.isLetter(value.charAt(i));
        }
        return !letters || quoted && value.length() >= 6;
    }

    /**
     * The kind of credential a name holds. Words are compared with case and separators removed, but a word may not
     * be spread over more than two parts of the name ({@code api_key} names a key, {@code p_w_d} names nothing).
     */
    private static Kind kindOf(String text, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        int[] part = new int[end - start];
        int parts = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                part[b.length()] = parts;
                b.append((char) (c + 32));
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                part[b.length()] = parts;
                b.append(c);
            } else {
                parts++;
            }
        }
        String name = b.toString();
        if (name.isEmpty()) {
            return Kind.NONE;
        }
        for (String about : ABOUT) {
            if (name.endsWith(about) && name.length() > about.length()) {
                return Kind.NONE;
            }
        }
        for (String w : PASSWORD_WORDS) {
            if (holds(name, part, w)) {
                return Kind.PASSWORD;
            }
        }
        if (name.endsWith("pass") || name.equals("pw")) {
            return Kind.PASSWORD;
        }
        for (String w : SECRET_WORDS) {
            if (holds(name, part, w)) {
                return Kind.SECRET;
            }
        }
        return name.endsWith("key") || name.endsWith("sig") ? Kind.SECRET : Kind.NONE;
    }

    private static boolean holds(String name, int[] part, String word) {
        for (int i = name.indexOf(word); i >= 0; i = name.indexOf(word, i + 1)) {
            if (part[i + word.length() - 1] - part[i] <= 1) {
                return true;
            }
        }
        return false;
    }

    /** {@code password is hunter2}, {@code the token abc…}: a credential word, maybe "is"/"was", then the value. */
    private static void prose(String text, Candidates out) {
        TextShape shape = out.shape();
        for (int i : shape.startsOf(TextShape.WORD)) {
            if (i + 2 >= text.length()) {
                continue;
            }
            // the first two letters of every prose word: pa, pw, to, se, ke
            char c = (char) (text.charAt(i) | 0x20);
            char d = (char) (text.charAt(i + 1) | 0x20);
            if (!(c == 'p' && (d == 'a' || d == 'w') || c == 't' && d == 'o' || c == 's' && d == 'e'
                    || c == 'k' && d == 'e')) {
                continue;
            }
            int w = i;
            while (w < text.length() && w - i < 11 && Character.isLetter(text.charAt(w))) {
                w++;
            }
            Kind kind = proseWord(text, i, w - i);
            if (kind == Kind.NONE || w >= text.length() || text.charAt(w) != ' ') {
                continue;
            }
            int v = w + 1;
            for (String link : new String[] {"is ", "was ", "of "}) {
                if (text.startsWith(link, v)) {
                    v += link.length();
                }
            }
            int end = unquotedEnd(text, v, false);
            while (end > v && ".:".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            if (end - v < 6) {
                continue;
            }
            String value = text.substring(v, end);
            if (PLACEHOLDER.matcher(value).matches() || value.contains("://")) {
                continue;
            }
            if (kind == Kind.PASSWORD ? hasDigitOrSymbol(value) && value.length() <= 64
                    : SecretShapes.keyedValue(value) && hasDigitOrSymbol(value)) {
                out.add(kind == Kind.PASSWORD ? "PASSWORD" : "API_KEY", v, end, 0.7, "keyed-secret");
            }
        }
    }

    private static final String[] PROSE_PASSWORD = {"password", "passwords", "passwd", "passphrase", "pwd", "passcode"};
    private static final String[] PROSE_SECRET = {"token", "secret", "key"};

    /** The credential a word of prose names, compared in place without copying the word. */
    private static Kind proseWord(String text, int i, int length) {
        if (length < 3 || length > 10) {
            return Kind.NONE;
        }
        for (String w : PROSE_PASSWORD) {
            if (w.length() == length && text.regionMatches(true, i, w, 0, length)) {
                return Kind.PASSWORD;
            }
        }
        for (String w : PROSE_SECRET) {
            if (w.length() == length && text.regionMatches(true, i, w, 0, length)) {
                return Kind.SECRET;
            }
        }
        return Kind.NONE;
    }

    private static boolean hasDigitOrSymbol(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean quote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean nameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '.' || c == '$';
    }
}
