package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Applies per-destination actions to what a {@link Detector} finds: redact to a numbered placeholder, mask, hash
 * with a keyed HMAC, tokenize into a {@link TokenVault}, or block. Thread-safe.
 */
public final class PiiRedactor {
    private final Detector detector;
    private final PiiRules.ByDestination rules;
    private final TokenVault vault;
    private final SecretKeySpec hashKey;
    private final PlaceholderNumbers numbers;
    /** One initialised HMAC per thread: looking up and keying a Mac cost more than hashing a value with it. */
    private final ThreadLocal<javax.crypto.Mac> hashMac;

    /**
     * @param detector finds PII and secrets
     * @param rules    actions per destination and type
     * @param hashKey  32 bytes for {@link PiiAction#HASH} and placeholder numbering (copied)
     * @param vault    where {@link PiiAction#TOKENIZE} keeps originals; {@code null} makes TOKENIZE fail closed
     */
    public PiiRedactor(Detector detector, PiiRules.ByDestination rules, byte[] hashKey, TokenVault vault) {
        this.detector = Objects.requireNonNull(detector, "detector");
        this.rules = Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(hashKey, "hashKey");
        if (hashKey.length != 32) {
            throw new IllegalArgumentException("hash key must be 32 bytes, got " + hashKey.length);
        }
        this.hashKey = new SecretKeySpec(VaultCipher.derive(hashKey, "bulwark-pii-hash-v1"), "HmacSHA256");
        this.vault = vault;
        this.numbers = new PlaceholderNumbers(10_000, 10_000);
        SecretKeySpec key = this.hashKey;
        this.hashMac = ThreadLocal.withInitial(() -> VaultCipher.mac(key));
    }

    /** Detects and applies the rules of {@code destination}; placeholders are numbered within {@code sessionId}. */
    public Redaction redact(String text, Destination destination, String sessionId) {
        return redact(text, destination, sessionId, List.of());
    }

    /**
     * Like {@link #redact(String, Destination, String)}, leaving personal data that lies wholly inside one of
     * {@code decided} as it is: a data policy already decided what those ranges show. Secrets are acted on
     * everywhere.
     *
     * @param decided sorted, disjoint ranges of {@code text}
     */
    public Redaction redact(String text, Destination destination, String sessionId,
                            List<dev.bulwark.spi.tool.Content.Span> decided) {
        Objects.requireNonNull(decided, "decided");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(destination, "destination");
        Checks.nonBlank(sessionId, "sessionId");
        PiiRules r = rules.at(destination);
        List<Finding> findings = detector.detect(text);
        StringBuilder out = new StringBuilder(text.length());
        List<Redaction.Applied> applied = new ArrayList<>();
        Set<String> blocked = new LinkedHashSet<>();
        int at = 0;
        for (Finding f : findings) {
            if (f.score() < r.minScore() || f.start() < at || f.end() > text.length()
                    || !PiiTypes.SECRETS.contains(f.type()) && inside(decided, f.start(), f.end())) {
                continue;
            }
            PiiAction action = r.actionFor(f.type());
            String value = text.substring(f.start(), f.end());
            String replacement = switch (action) {
                case ALLOW -> value;
                case REDACT, BLOCK -> numbers.placeholder(sessionId, f.type(), digest(f.type(), value));
                case MASK -> mask(value);
                case HASH -> "<" + PiiTypes.placeholderName(f.type()) + "#" + digest(f.type(), value) + ">";
                case TOKENIZE -> tokenize(sessionId, f.type(), value);
            };
            if (action == PiiAction.BLOCK) {
                blocked.add(f.type());
            }
            out.append(text, at, f.start()).append(replacement);
            at = f.end();
            applied.add(new Redaction.Applied(f.type(), action, f.start(), f.end()));
        }
        out.append(text, at, text.length());
        return new Redaction(out.toString(), applied, blocked);
    }

    private static boolean inside(List<dev.bulwark.spi.tool.Content.Span> spans, int start, int end) {
        for (dev.bulwark.spi.tool.Content.Span span : spans) {
            if (span.start() > start) {
                return false;
            }
            if (end <= span.end()) {
                return true;
            }
        }
        return false;
    }

    /** The action the rules give {@code type} at {@code destination}. */
    public PiiAction actionFor(Destination destination, String type) {
        return rules.at(destination).actionFor(type);
    }

    private String tokenize(String sessionId, String type, String value) {
        if (vault == null) {
            throw new IllegalStateException("TOKENIZE is configured but no token vault was given");
        }
        return vault.tokenize(sessionId, type, value);
    }

    /** {@code ****} and the last four letters or digits when at least eight are there; otherwise all hidden. */
    static String mask(String value) {
        StringBuilder tail = new StringBuilder();
        int alnum = 0;
        for (int i = value.length() - 1; i >= 0; i--) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                alnum++;
                if (tail.length() < 4) {
                    tail.insert(0, c);
                }
            }
        }
        return alnum >= 8 ? "****" + tail : "****";
    }

    /** Keyed HMAC-SHA256 of (type, value), 12 hex digits: equal values link, values cannot be recovered. */
    private String digest(String type, String value) {
        return HexFormat.of().formatHex(hashMac.get().doFinal(VaultCipher.join(type, value)), 0, 6);
    }

}
