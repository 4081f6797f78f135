package dev.bulwark.guards.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: tokens with a vendor's known prefix, JWTs, passwords inside URLs, and high-entropy values assigned to
 * a key-like word ({@code api_key=...}, {@code "token": "..."}). UUIDs and plain hex digests are not keys on their own.
 */
final class SecretRecognizer implements Recognizer {
    /**
     * A vendor token shape; {@code starts} are literals one of which every match starts with (a cheap pre-check).
     * Every match begins at a letter not preceded by an ASCII letter or digit, so it is tried at word starts only.
     */
    private record Known(String type, Pattern pattern, double score, String... starts) {
        /** First characters of {@link #starts}, to reject most words before comparing any literal. */
        String initials() {
            StringBuilder b = new StringBuilder();
            for (String s : starts) {
                b.append(s.charAt(0));
            }
            return b.toString();
        }

        boolean possibleAt(String text, int i) {
            for (String s : starts) {
                if (text.startsWith(s, i)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Known> KNOWN = List.of(
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA)[A-Z0-9]{16}(?![A-Za-z0-9])"), 0.95, "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "ANPA"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,251}+(?![A-Za-z0-9_])"), 0.95, "ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,251}+"), 0.95, "github_pat_"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,250}+"), 0.95, "xox"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,247}+"), 0.95, "sk_", "rk_", "pk_"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9_-])sk-(?:proj-|svcacct-|admin-|ant-api\\d\\d-)?[A-Za-z0-9_-]{20,250}+"), 0.9, "sk-"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])"), 0.95, "AIza"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])glpat-[A-Za-z0-9_-]{20,64}+"), 0.95, "glpat-"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])"), 0.9, "npm_"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"), 0.95, "SG."),
            new Known("JWT", Pattern.compile(
                    "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,4096}+\\.eyJ[A-Za-z0-9_-]{2,16384}+\\.[A-Za-z0-9_-]{0,4096}+"), 0.95, "eyJ"));

    private static final String[] INITIALS = KNOWN.stream().map(Known::initials).toArray(String[]::new);
    /** Per ASCII character, the vendors (bit p for {@code KNOWN.get(p)}) whose tokens can start with it. */
    private static final long[] BY_INITIAL = new long[128];

    /** Per ASCII character, the vendors one of whose token starts has it second. */
    private static final long[] BY_SECOND = new long[128];

    static {
        for (int p = 0; p < INITIALS.length; p++) {
            for (char c : INITIALS[p].toCharArray()) {
                BY_INITIAL[c] |= 1L << p;
            }
            for (String start : KNOWN.get(p).starts()) {
                BY_SECOND[start.charAt(1)] |= 1L << p;
            }
        }
    }

    static final Pattern URL_PASSWORD = Pattern.compile(
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}+://[^\\s:/@?#]{1,128}+:([^\\s@/?#]{1,256}+)@[\\w.-]{1,253}+");
    static final Pattern ASSIGNED = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])((?:[a-z0-9]{1,20}+[_.-])?(?:api[_.-]?key|apikey|secret|secret[_.-]?key|token|"
                    + "access[_.-]?token|auth[_.-]?token|refresh[_.-]?token|bearer|client[_.-]?secret|access[_.-]?key|"
                    + "private[_.-]?key|credentials?|passw(?:or)?d|pwd|passphrase|pass))[\"']?+\\s{0,3}+"
                    + "(?:[:=]|=>|\\s)\\s{0,3}+[\"']?+([^\\s\"'`,;<>(){}\\[\\]]{4,512}+)");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)(?:x{4,}|\\*{3,}|<[^>]*>|\\$\\{[^}]*}|%\\w+%|\\{\\{.*}}|changeme|redacted|example|your[_-]?\\w*|"
                    + "none|null|true|false|undefined|required|optional|string|secret|password|token)");

    @Override
    public void recognize(String text, Candidates out) {
        TextShape shape = out.shape();
        long possible = wordStarts(shape);
        for (int p = 0; p < KNOWN.size(); p++) {
            if ((possible & 1L << p) == 0) {
                continue;
            }
            Known k = KNOWN.get(p);
            Anchored.scan(k.pattern(), shape, TextShape.WORD, i -> k.possibleAt(text, i), m -> {
                if (k.type().equals("API_KEY") && Checksums.entropy(m.group()) < 3.0) {
                    return;
                }
                out.add(k.type(), m.start(), m.end(), k.score(), "secret-prefix");
            });
        }
        urlPasswords(text, out);
        // A match begins at its prefix or its key word; both are WORD or DIGITS starts.
        if ((possible & SOME_STEM) != 0) {
            Anchored.scan(ASSIGNED, shape, TextShape.WORD | TextShape.DIGITS, i -> keyWordFrom(text, i),
                    m -> assigned(m, out));
        }
    }

    /** Set in {@link #wordStarts} when some word starts with a key-word stem (see {@link #stemAt}). */
    private static final long SOME_STEM = 1L << 63;

    /**
     * One pass over the word starts: bit p set when some word starts as {@code KNOWN.get(p)} requires, and
     * {@link #SOME_STEM} when some word starts with a key-word stem.
     */
    private static long wordStarts(TextShape shape) {
        String text = shape.text();
        long found = 0;
        for (int i : shape.startsOf(TextShape.WORD)) {
            char c = text.charAt(i);
            char second = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c >= 128 || second >= 128) {
                continue;
            }
            long vendors = BY_INITIAL[c] & BY_SECOND[second] & ~found;
            for (int p = 0; vendors != 0 && p < KNOWN.size(); p++) {
                if ((vendors & 1L << p) != 0 && KNOWN.get(p).possibleAt(text, i)) {
                    found |= 1L << p;
                }
            }
            if ((found & SOME_STEM) == 0 && STEM_PAIRS.indexOf(pair(c, second)) >= 0 && stemAt(text, i)) {
                found |= SOME_STEM;
            }
        }
        return found;
    }

    /**
     * A match of {@link #URL_PASSWORD} starts where the run of scheme characters before some "://" starts (no scheme
     * character may precede it, and none of them is ':' or '/'), and that run is 2 to 21 characters long; so the
     * pattern runs only there, in text order, skipping starts inside the previous match as {@code find()} would.
     */
    private static void urlPasswords(String text, Candidates out) {
        Matcher m = null;
        int resume = 0;
        for (int q = text.indexOf("://"); q >= 0; q = text.indexOf("://", q + 1)) {
            int p = q;
            while (p > 0 && schemeChar(text.charAt(p - 1))) {
                p--;
            }
            if (p < resume || q - p < 2 || q - p > 21 || !asciiLetter(text.charAt(p))) {
                continue;
            }
            if (m == null) {
                m = URL_PASSWORD.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            if (m.region(p, text.length()).lookingAt()) {
                out.add("PASSWORD", m.start(1), m.end(1), 0.95, "url-password");
                resume = m.end();
            }
        }
    }

    private static boolean schemeChar(char c) {
        return asciiLetterOrDigit(c) || c == '+' || c == '.' || c == '-';
    }

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /**
     * Whether a key word of {@link #ASSIGNED} can begin at word start {@code i}: right there, or after a prefix of 1 to
     * 20 ASCII letters or digits and one of {@code _ . -} (the pattern's optional prefix, taken possessively). Every key
     * word begins with one of the stems below, and a letter after {@code _ . -} or a non-alphanumeric character is a
     * {@link TextShape#WORD} start, so starts failing this cannot match.
     */
    private static boolean keyWordFrom(String text, int i) {
        if (stemAt(text, i)) {
            return true;
        }
        int run = 0;
        while (run <= 20 && i + run < text.length() && asciiLetterOrDigit(text.charAt(i + run))) {
            run++;
        }
        if (run == 0 || run > 20 || i + run + 1 >= text.length()) {
            return false;
        }
        char separator = text.charAt(i + run);
        return (separator == '_' || separator == '.' || separator == '-') && stemAt(text, i + run + 1);
    }

    /** A stem of a key word at {@code i}, compared case-insensitively (looser than the pattern's ASCII-only case). */
    private static boolean stemAt(String text, int i) {
        return switch ((char) (text.charAt(i) | 0x20)) {
            case 'a' -> starts(text, i, "api") || starts(text, i, "access") || starts(text, i, "auth");
            case 's' -> starts(text, i, "secret");
            case 't' -> starts(text, i, "token");
            case 'r' -> starts(text, i, "refresh");
            case 'b' -> starts(text, i, "bearer");
            case 'c' -> starts(text, i, "client") || starts(text, i, "credential");
            case 'p' -> starts(text, i, "pass") || starts(text, i, "pwd") || starts(text, i, "private");
            default -> false;
        };
    }

    /** The first two letters of each stem of {@link #stemAt}, lower case, as {@link #pair} codes. */
    private static final String STEM_PAIRS = pairsOf("api", "access", "auth", "secret", "token", "refresh", "bearer",
            "client", "credential", "pass", "pwd", "private");

    private static String pairsOf(String... stems) {
        StringBuilder b = new StringBuilder();
        for (String stem : stems) {
            b.append(pair(stem.charAt(0), stem.charAt(1)));
        }
        return b.toString();
    }

    /**
     * Two ASCII characters in one code, each in ASCII lower case; stems compare case-insensitively, and no other
     * character has an ASCII letter as its case pair for the comparison {@code regionMatches} makes on ASCII input.
     */
    private static char pair(char first, char second) {
        return (char) ((first | 0x20) << 8 | (second | 0x20));
    }

    private static boolean starts(String text, int i, String stem) {
        return text.regionMatches(true, i, stem, 0, stem.length());
    }

    private static boolean asciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static void assigned(Matcher m, Candidates out) {
        String key = m.group(1).toLowerCase(java.util.Locale.ROOT);
        String value = m.group(2);
        if (PLACEHOLDER.matcher(value).matches() || UUID.matcher(value).matches()) {
            return;
        }
        boolean password = key.contains("pass") || key.contains("pwd");
        if (password) {
            // A password needs no entropy, but an English word after "password" in prose is not one.
            boolean separator = m.group().substring(m.group(1).length()).matches("(?s)[\"']?\\s*(?:[:=]|=>).*");
            if (!separator && value.chars().allMatch(Character::isLetter)) {
                return;
            }
            out.add("PASSWORD", m.start(2), m.end(2), 0.8, "assigned-secret");
            return;
        }
        if (value.length() < 16 || Checksums.entropy(value) < 3.3 || !mixed(value)) {
            return;
        }
        out.add("API_KEY", m.start(2), m.end(2), 0.75, "assigned-secret");
    }

    /** Letters and digits both present: keys are random, words and numbers alone are not. */
    private static boolean mixed(String s) {
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }
}
