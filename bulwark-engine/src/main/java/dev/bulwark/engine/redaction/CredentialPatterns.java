package dev.bulwark.engine.redaction;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What credentials look like: key names that hold them, and string shapes that are them. All string shapes are one
 * alternation so a value is scanned once.
 */
final class CredentialPatterns {
    /** Fragments of normalised key names (lower case, letters and digits only) that hold credentials. */
    private static final List<String> KEY_FRAGMENTS = List.of("password", "passwd", "passphrase", "pwd", "secret",
            "token", "apikey", "accesskey", "authorization", "cookie", "privatekey", "credential", "session",
            "bearer");

    private record Shape(String group, String kind, String regex) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("pem", "private-key", "-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----"),
            new Shape("jwt", "jwt", "eyJ[A-Za-z0-9_-]{2,}\\.eyJ[A-Za-z0-9_-]{2,}\\."),
            new Shape("bearer", "bearer-token", "(?i:\\bbearer)\\s+[A-Za-z0-9._~+/=-]{16,}"),
            new Shape("sk", "secret-key", "\\bsk-[A-Za-z0-9_-]{16,}"),
            new Shape("stripe", "secret-key", "\\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}"),
            new Shape("github", "github-token", "\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})"),
            new Shape("aws", "aws-access-key", "\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"),
            new Shape("slack", "slack-token", "\\bxox[abprs]-[A-Za-z0-9-]{10,}"),
            new Shape("google", "google-api-key", "\\bAIza[A-Za-z0-9_-]{35}"),
            // Bulwark's own: agent API keys (bwk_<agent>_<secret>), approver keys (bwa_<user>_<secret>) and the
            // admin token (bwa_<secret>); OAuth client ids (bwc_) are public
            new Shape("bulwark", "bulwark-key", "\\bbw[ka]_[A-Za-z0-9._-]{20,}"),
            new Shape("url", "url-credentials", "\\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\\s/:@]{1,256}:[^\\s/@]{1,256}@"));

    static final Pattern ANY_SHAPE = Pattern.compile(String.join("|",
            SHAPES.stream().map(s -> "(?<" + s.group + ">" + s.regex + ")").toList()));

    /** Shorter strings cannot hold any of the shapes. */
    private static final int SHORTEST_SHAPE = 14;

    /**
     * Text every match of a shape contains (each shape's fixed part, or a piece of it): a string holding none cannot
     * match, so the alternation, which is tried at every index, runs only on strings that may hold a credential.
     * {@code bearer} is looked for in any case, as its shape does.
     */
    private static final List<String> NEEDED = List.of("-----BEGIN ", "eyJ", "sk-", "k_live_", "k_test_", "gh",
            "github_pat_", "AKIA", "ASIA", "xox", "AIza", "://", "bwk_", "bwa_");

    private CredentialPatterns() {}

    static boolean isSensitiveKey(String key) {
        StringBuilder normal = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                normal.append(c);
            }
        }
        String n = normal.toString().toLowerCase(Locale.ROOT);
        for (String fragment : KEY_FRAGMENTS) {
            if (n.contains(fragment)) {
                return true;
            }
        }
        return false;
    }

    static boolean mayHoldShape(String text) {
        for (String needed : NEEDED) {
            if (text.contains(needed)) {
                return true;
            }
        }
        for (int i = text.length() - 6; i >= 0; i--) {
            char c = text.charAt(i);
            if ((c == 'b' || c == 'B') && text.regionMatches(true, i, "bearer", 0, 6)) {
                return true;
            }
        }
        return false;
    }

    /** The kind of the first credential found in {@code text}, if any. */
    static Optional<String> credentialIn(String text) {
        if (text.length() < SHORTEST_SHAPE || !mayHoldShape(text)) {
            return Optional.empty();
        }
        Matcher m = ANY_SHAPE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        for (Shape shape : SHAPES) {
            if (m.group(shape.group) != null) {
                return Optional.of(shape.kind);
            }
        }
        return Optional.of("credential");
    }
}
