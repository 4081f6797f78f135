package dev.bulwark.guards.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials: tokens with a vendor's documented prefix, JWTs, passwords inside URLs, and values assigned to a
 * credential's name ({@link KeyedSecrets}). Random-looking tokens without a name and encoded secrets are found on the
 * whole text by {@link EncodedSecrets}.
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
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])pypi-AgE[A-Za-z0-9_-]{50,512}+"), 0.95, "pypi-"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])"), 0.8, "SK"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,40}(?![A-Za-z0-9])"), 0.9, "hf_"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9])"),
                    0.95, "shp"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])dapi[a-f0-9]{32}(?:-\\d)?(?![A-Za-z0-9])"), 0.9,
                    "dapi"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])"), 0.95,
                    "doo_", "dop_", "dor_"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])key-[0-9a-zA-Z]{32}(?![A-Za-z0-9])"), 0.8, "key-"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-])"), 0.95,
                    "GOCSPX-"),
            new Known("API_KEY", Pattern.compile("(?<![A-Za-z0-9])ya29\\.[0-9A-Za-z_-]{20,2048}+"), 0.9, "ya29."),
            new Known("PRIVATE_KEY", Pattern.compile("(?<![A-Za-z0-9])AGE-SECRET-KEY-1[0-9A-Z]{58}"), 0.95,
                    "AGE-SECRET-KEY-"),
            new Known("API_KEY", Pattern.compile(
                    "https://hooks\\.slack\\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}"), 0.95,
                    "https://hooks.slack.com/"),
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
            "(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,20}+://[^\\s:/@?#]{1,128}+:([^\\s/]{1,256})@[\\w.-]{1,253}+"
                    + "(?=[:/?#\\s\"'`,;)>\\]}]|$)");
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
        KEYED.recognize(text, out);
    }

    private static final KeyedSecrets KEYED = new KeyedSecrets();

    /** One pass over the word starts: bit p set when some word starts as {@code KNOWN.get(p)} requires. */
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

    private static boolean asciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
