package dev.bulwark.guards.detect;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Secrets only, and whole texts at once: PEM private keys, vendor tokens, JWTs, passwords in URLs, values assigned to
 * credential names, random-looking tokens, and all of these inside base64, hex, URL encoding and spaced-out letters
 * (decoded {@link DecodeBudget#MAX_DEPTH} levels deep within a {@link DecodeBudget} of decoded bytes per text).
 * Overlapping findings keep the higher score, then the longer span. What the audit log's redactor uses; the PII
 * detector reports the same secrets among its findings. Thread-safe.
 */
public final class SecretDetector implements Detector {
    private static final Comparator<Finding> PRECEDENCE = Comparator.comparingDouble(Finding::score).reversed()
            .thenComparing(Comparator.comparingInt(Finding::length).reversed())
            .thenComparingInt(Finding::start);
    private final long budget;

    /** @param decodedBytes decoded bytes one text may cost; blobs beyond it are reported undecoded (fail closed) */
    public SecretDetector(long decodedBytes) {
        if (decodedBytes < 0) {
            throw new IllegalArgumentException("decodedBytes must not be negative: " + decodedBytes);
        }
        this.budget = decodedBytes;
    }

    public SecretDetector() {
        this(DecodeBudget.DEFAULT_BYTES);
    }

    /**
     * The type of the strongest secret in binary content (an image, audio, an octet stream): a private key in a
     * binary container, or any secret in the content when it is text, or in its stretches of 20 or more printable
     * characters (a key appended to an image); empty when none. Only secrets found by shape, name or encoding count
     * (random-looking ids in image metadata do not).
     */
    public java.util.Optional<String> secretInBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return java.util.Optional.ofNullable(EncodedSecrets.secretIn(bytes, new DecodeBudget(budget), 0))
                .filter(SecretShapes::confident).map(Finding::type);
    }

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public List<Finding> detect(String text) {
        Objects.requireNonNull(text, "text");
        List<Finding> all = EncodedSecrets.scan(text, new DecodeBudget(budget), 0);
        all.sort(PRECEDENCE);
        java.util.TreeMap<Integer, Finding> accepted = new java.util.TreeMap<>();
        for (Finding f : all) {
            var before = accepted.floorEntry(f.start());
            var after = accepted.ceilingEntry(f.start());
            if (f.length() > 0 && (before == null || before.getValue().end() <= f.start())
                    && (after == null || after.getKey() >= f.end())) {
                accepted.put(f.start(), f);
            }
        }
        return List.copyOf(accepted.values());
    }
}
