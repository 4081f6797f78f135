package dev.bulwark.guards.detect;

import dev.bulwark.spi.guard.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Secrets hidden by an encoding, and random-looking tokens, found on a whole text (an encoded key is longer than a
 * chunk's overlap). Three kinds of span are decoded and the result scanned again for every kind of secret:
 * <ul>
 *   <li>runs of 24 or more base64 / base64url characters, and of 32 or more hex digits;</li>
 *   <li>words with three or more {@code %XX} escapes (URL encoding);</li>
 *   <li>16 or more single characters separated by one repeated separator ({@code A K I A …}, {@code s-k-_-l…}).</li>
 * </ul>
 * A secret found inside makes the whole encoded span a finding of its type, so redaction replaces the encoded form.
 * Decoded bytes that are binary are a private key when {@link DecodedBytes#privateKey} says so, and their printable
 * stretches are scanned as text. Decoding nests {@link DecodeBudget#MAX_DEPTH} levels and spends a
 * {@link DecodeBudget}; what is left undecoded for lack of budget or depth and is 64 characters or longer is reported
 * as {@code SECRET} (fail closed). Runs of 20 or more characters that decode to nothing telling are reported as
 * {@code SECRET} when {@link SecretShapes#random} holds, with a higher score when a credential word or key id is
 * close before them. Runs inside public-key and certificate PEM blocks, and digests labelled {@code sha256-} and the
 * like, are left alone.
 */
final class EncodedSecrets {
    static final int MIN_RANDOM = 20;
    static final int MIN_BASE64 = 24;
    static final int MIN_HEX = 32;
    static final int MIN_SPACED = 16;
    /** Undecoded blobs this long are reported when the budget or depth does not allow decoding them. */
    static final int MIN_UNDECODED_BLOB = 64;
    private static final int MIN_PRINTABLE = 20;

    private static final SecretRecognizer SECRETS = new SecretRecognizer();

    private EncodedSecrets() {}

    static void recognize(String text, List<Finding> out, DecodeBudget budget, int depth) {
        List<int[]> armoured = PublicPem.blocks(text);
        runs(text, out, budget, depth, armoured);
        if (text.indexOf('%') >= 0) {
            urlEncoded(text, out, budget, depth);
        }
    }

    /** Everything secret in a decoded text, at nesting {@code depth}. */
    static List<Finding> scan(String text, DecodeBudget budget, int depth) {
        List<Finding> out = new ArrayList<>();
        PemRecognizer.recognize(text, out);
        Candidates candidates = new Candidates(dev.bulwark.guards.text.ScanText.of(text), 100_000);
        SECRETS.recognize(candidates.scanText(), candidates);
        out.addAll(candidates.all());
        recognize(text, out, budget, depth);
        return out;
    }

    /** Per ASCII character: whether it can be part of a base64, base64url or hex run. */
    private static final boolean[] RUN = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=~".toCharArray()) {
            RUN[c] = true;
        }
    }

    private static boolean runChar(char c) {
        return c < 128 && RUN[c];
    }

    /**
     * Runs of base64/hex characters of {@link #MIN_RANDOM} or more, and spaced-out characters (spaced-out characters
     * joined by {@code -} or {@code _} are themselves a run and are checked there). Only every
     * {@link #MIN_RANDOM}th character is probed: a run that long, or a spaced-out sequence (at least 31 characters),
     * covers a probe, from which its ends are found.
     */
    private static void runs(String text, List<Finding> out, DecodeBudget budget, int depth, List<int[]> armoured) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            int j = Math.min(n - 1, i + MIN_RANDOM - 1);
            char c = text.charAt(j);
            if (!runChar(c) || assignment(text, j)) {
                int k = spacedAround(text, i, j, out, budget, depth);
                i = Math.max(k, j + 1);
                continue;
            }
            int start = j;
            while (start > i && runChar(text.charAt(start - 1)) && !assignment(text, start - 1)) {
                start--;
            }
            while (start < j && text.charAt(start) == '=') {
                start++;
            }
            int end = j;
            while (end < n && runChar(text.charAt(end)) && !assignment(text, end)) {
                end++;
            }
            // A run of base64 may wrap over lines (MIME, PEM bodies): join lines of 60 or more characters.
            while (end - start >= MIN_RANDOM && lineWrapped(text, start, end)) {
                int next = end + (text.charAt(end) == '\r' ? 2 : 1);
                int k = next;
                while (k < n && runChar(text.charAt(k)) && !assignment(text, k)) {
                    k++;
                }
                if (k == next) {
                    break;
                }
                end = k;
            }
            i = Math.max(end, j + 1);
            if (end - start < MIN_RANDOM) {
                int k = spacedAround(text, start, end < n ? end : n - 1, out, budget, depth);
                i = Math.max(i, k);
                continue;
            }
            char sep = text.charAt(start + 1);
            if ((sep == '-' || sep == '_') && text.charAt(start + 3) == sep
                    && spaced(text, start, sep, out, budget, depth) > start + 2 * MIN_SPACED - 2) {
                continue;
            }
            if (!PublicPem.inside(armoured, start)) {
                judge(text, start, end, out, budget, depth);
            }
        }
    }

    /**
     * A spaced-out sequence covering the probe {@code j} (a separator with the same separator two characters on
     * either side, or a single character between two), scanned from its first character; returns where it ends,
     * or {@code from} when there is none.
     */
    private static int spacedAround(String text, int from, int j, List<Finding> out, DecodeBudget budget, int depth) {
        int n = text.length();
        char c = text.charAt(j);
        char sep;
        if (spacer(c) && ((j + 2 < n && text.charAt(j + 2) == c) || (j >= 2 && text.charAt(j - 2) == c))) {
            sep = c;
        } else if (j >= 1 && j + 1 < n && text.charAt(j - 1) == text.charAt(j + 1) && spacer(text.charAt(j - 1))) {
            sep = text.charAt(j - 1);
        } else {
            return from;
        }
        // back to the first character of the sequence
        int s = text.charAt(j) == sep ? j - 1 : j;
        while (s >= 2 && text.charAt(s - 1) == sep && text.charAt(s - 2) != sep && text.charAt(s - 2) > ' '
                && (s < 3 || text.charAt(s - 3) == sep || text.charAt(s - 3) <= ' ')) {
            s -= 2;
        }
        if (s < 0) {
            return from;
        }
        int k = spaced(text, s, sep, out, budget, depth);
        return k > s ? k : from;
    }

    private static boolean spacer(char c) {
        return c == ' ' || c == '.' || c == ',' || c == '|' || c == ':' || c == '-' || c == '_';
    }

    /** An '=' followed by more than padding: {@code name=value}, which is two runs. */
    private static boolean assignment(String text, int i) {
        return text.charAt(i) == '=' && i + 1 < text.length() && text.charAt(i + 1) != '='
                && runChar(text.charAt(i + 1));
    }

    /** The run ends a line of 60 or more run characters and the next line continues it. */
    private static boolean lineWrapped(String text, int start, int end) {
        if (end >= text.length()) {
            return false;
        }
        char c = text.charAt(end);
        if (!(c == '\n' || c == '\r' && end + 1 < text.length() && text.charAt(end + 1) == '\n')) {
            return false;
        }
        int lineStart = end;
        while (lineStart > start && text.charAt(lineStart - 1) != '\n') {
            lineStart--;
        }
        return end - lineStart >= 60;
    }

    private static void judge(String text, int start, int end, List<Finding> out, DecodeBudget budget, int depth) {
        String run = stripLineBreaks(text, start, end);
        if (labelledDigest(text, start) || DIGEST_LABEL.matcher(run).lookingAt() || SecretShapes.compound(run)) {
            return;
        }
        Decoding decoding = Decoding.of(run);
        if (decoding != Decoding.NONE) {
            if (depth >= DecodeBudget.MAX_DEPTH || !budget.spend(decoding.decodedSize(run))) {
                if (run.length() >= MIN_UNDECODED_BLOB) {
                    out.add(new Finding("SECRET", start, end, 0.6, "encoded-undecoded"));
                    return;
                }
            } else {
                byte[] bytes = decoding.decode(run);
                Verdict v = inspect(bytes, budget, depth);
                if (v.finding != null) {
                    out.add(new Finding(v.finding.type(), start, end, v.finding.score(), "encoded-secret"));
                    return;
                }
                if (v.decided) {
                    return;
                }
            }
        }
        // A run right before '@' is the user part of an e-mail address or of user@host.
        boolean user = end < text.length() && text.charAt(end) == '@';
        if (!user && SecretShapes.random(run)) {
            out.add(new Finding("SECRET", start, end, credentialBefore(text, start) ? 0.8 : 0.6, "high-entropy"));
        }
    }

    /** A finding inside decoded bytes, or whether they settled that the run holds none. */
    private record Verdict(Finding finding, boolean decided) {
        static final Verdict OPEN = new Verdict(null, false);
        static final Verdict NONE = new Verdict(null, true);
    }

    /** The strongest secret in decoded or binary content, or {@code null}. */
    static Finding secretIn(byte[] bytes, DecodeBudget budget, int depth) {
        return inspect(bytes, budget, depth).finding;
    }

    private static Verdict inspect(byte[] bytes, DecodeBudget budget, int depth) {
        if (bytes == null || bytes.length == 0) {
            return Verdict.OPEN;
        }
        String decoded = DecodedBytes.text(bytes, bytes.length);
        if (decoded != null) {
            Finding f = strongest(scan(decoded, budget, depth + 1));
            if (f != null) {
                return new Verdict(f, true);
            }
            // Encoded prose or data is settled by its content; a decoded single token may still be a key.
            return tokenOnly(decoded) ? Verdict.OPEN : Verdict.NONE;
        }
        if (DecodedBytes.privateKey(bytes, bytes.length)) {
            return new Verdict(new Finding("PRIVATE_KEY", 0, 1, 0.95, "encoded-secret"), true);
        }
        Finding f = strongest(printableStretches(bytes, budget, depth));
        if (f != null) {
            return new Verdict(f, true);
        }
        return DecodedBytes.structured(bytes, bytes.length) ? Verdict.NONE : Verdict.OPEN;
    }

    /** Stretches of 20 or more printable ASCII bytes in binary data, scanned as text (a key behind a file header). */
    private static List<Finding> printableStretches(byte[] b, DecodeBudget budget, int depth) {
        List<Finding> all = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int s = i;
            while (i < b.length && (b[i] >= ' ' && b[i] <= '~' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
                i++;
            }
            if (i - s >= MIN_PRINTABLE) {
                all.addAll(scan(new String(b, s, i - s, StandardCharsets.US_ASCII), budget, depth + 1));
            }
            i++;
        }
        return all;
    }

    private static Finding strongest(List<Finding> findings) {
        Finding best = null;
        for (Finding f : findings) {
            if (best == null || f.score() > best.score()) {
                best = f;
            }
        }
        return best;
    }

    /** A run that starts with its digest's label ({@code sha512-…}, subresource integrity). */
    private static final java.util.regex.Pattern DIGEST_LABEL = java.util.regex.Pattern.compile(
            "(?i)(?:sha(?:1|224|256|384|512)?|md5)[-_:=]");

    /** The eight characters before a run, lower case, ending in a digest's label (compiled once: runs are many). */
    private static final java.util.regex.Pattern LABEL_BEFORE = java.util.regex.Pattern.compile(
            "(?s).*(?:sha(?:1|224|256|384|512)|md5|sha)[-:=]$");

    /** {@code sha256-…}, {@code sha512:…}, {@code md5=…}: a digest says what it is. */
    private static boolean labelledDigest(String text, int start) {
        int from = Math.max(0, start - 8);
        String before = text.substring(from, start).toLowerCase(java.util.Locale.ROOT);
        return LABEL_BEFORE.matcher(before).matches();
    }

    /** A credential word or an access-key id in the 48 characters before {@code start}, on the same line. */
    static boolean credentialBefore(String text, int start) {
        int from = start;
        while (from > 0 && start - from < 48 && text.charAt(from - 1) != '\n') {
            from--;
        }
        String before = text.substring(from, start).toLowerCase(java.util.Locale.ROOT);
        return before.contains("key") || before.contains("secret") || before.contains("token")
                || before.contains("pass") || before.contains("auth") || before.contains("credential")
                || before.contains("pwd") || before.contains("sig") || before.contains("akia")
                || before.contains("asia");
    }

    /** Only characters that keys are made of: no blanks, quotes, braces or other text structure. */
    private static boolean tokenOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!runChar(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static String stripLineBreaks(String text, int start, int end) {
        String s = text.substring(start, end);
        return s.indexOf('\n') < 0 ? s : s.replace("\r", "").replace("\n", "");
    }

    /** Words (no whitespace) holding three or more {@code %XX} escapes. */
    private static void urlEncoded(String text, List<Finding> out, DecodeBudget budget, int depth) {
        int n = text.length();
        int resume = 0;
        for (int p = text.indexOf('%'); p >= 0; p = text.indexOf('%', p + 1)) {
            if (p < resume) {
                continue;
            }
            int s = p;
            while (s > 0 && text.charAt(s - 1) > ' ' && p - s < 4096) {
                s--;
            }
            int e = p;
            int escapes = 0;
            while (e < n && text.charAt(e) > ' ' && e - s < 65_536) {
                if (text.charAt(e) == '%' && e + 2 < n && Character.digit(text.charAt(e + 1), 16) >= 0
                        && Character.digit(text.charAt(e + 2), 16) >= 0) {
                    escapes++;
                }
                e++;
            }
            resume = e;
            if (escapes < 3) {
                continue;
            }
            if (depth >= DecodeBudget.MAX_DEPTH || !budget.spend(e - s)) {
                if (e - s >= MIN_UNDECODED_BLOB) {
                    out.add(new Finding("SECRET", s, e, 0.6, "encoded-undecoded"));
                }
                continue;
            }
            Finding f = strongest(scan(percentDecode(text, s, e), budget, depth + 1));
            if (f != null) {
                out.add(new Finding(f.type(), s, e, f.score(), "encoded-secret"));
            }
        }
    }

    static String percentDecode(String text, int start, int end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < end + 0 && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                bytes.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /**
     * Single characters separated by one repeated separator, from {@code i} ({@code A K I A …}): rescans the
     * collapsed characters when there are 16 or more and reports the whole span; returns where the sequence ends
     * ({@code i} when none starts there).
     */
    private static int spaced(String text, int i, char sep, List<Finding> out, DecodeBudget budget, int depth) {
        int n = text.length();
        char first = text.charAt(i);
        if (first <= ' ' || first == sep || (i > 0 && text.charAt(i - 1) > ' ' && text.charAt(i - 1) != sep)) {
            return i;
        }
        int k = i;
        int last = i;
        StringBuilder collapsed = new StringBuilder();
        while (k < n && text.charAt(k) > ' ' && text.charAt(k) != sep
                && (k + 1 >= n || text.charAt(k + 1) == sep || text.charAt(k + 1) <= ' ')) {
            collapsed.append(text.charAt(k));
            last = k;
            if (k + 1 >= n || text.charAt(k + 1) != sep || k + 2 >= n || text.charAt(k + 2) <= ' '
                    || text.charAt(k + 2) == sep) {
                break;
            }
            k += 2;
        }
        k = last + 1;
        if (collapsed.length() < 2) {
            return i;
        }
        if (collapsed.length() >= MIN_SPACED && depth < DecodeBudget.MAX_DEPTH && budget.spend(collapsed.length())) {
            Finding f = strongest(scan(collapsed.toString(), budget, depth + 1));
            if (f != null) {
                out.add(new Finding(f.type(), i, k, f.score(), "encoded-secret"));
            }
        }
        return k;
    }
}
