package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Remembers what the audit redactor made of the parts of a decision input that repeat from call to call (the
 * principal, the flow facts): the same agent calling the same tool yields the same trees, and redacting them runs the
 * secret and PII detectors over every key and string each time. A tree is looked up by equality, so a changed
 * principal or fact is redacted afresh. Entries live at most {@code maxAgeNanos} (so a redactor whose output may change
 * over time, such as placeholder numbering or a token vault's expiry, is asked again soon) and at most
 * {@code maxEntries} are kept, least recently used first out. Thread-safe.
 */
final class RedactionMemo {
    /** What the redactor returned, and whether it differed from its input. */
    record Redacted(Map<String, Object> tree, boolean changed) {
    }

    private record Remembered(Redacted redacted, long bornNanos) {
    }

    private final Redactor redactor;
    private final int maxEntries;
    private final long maxAgeNanos;
    private final LongSupplier nanos;
    private final Map<Map<String, Object>, Remembered> entries;

    RedactionMemo(Redactor redactor, int maxEntries, long maxAgeNanos, LongSupplier nanos) {
        this.redactor = Checks.present(redactor, "redactor");
        if (maxEntries < 0 || maxAgeNanos < 0) {
            throw new IllegalArgumentException("maxEntries and maxAgeNanos must not be negative");
        }
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAgeNanos;
        this.nanos = Checks.present(nanos, "nanos");
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Map<String, Object>, Remembered> eldest) {
                return size() > RedactionMemo.this.maxEntries;
            }
        };
    }

    /** One minute, 1,024 trees. */
    RedactionMemo(Redactor redactor) {
        this(redactor, 1_024, 60_000_000_000L, System::nanoTime);
    }

    /**
     * {@code tree} redacted, from memory when an equal tree was redacted recently. The tree must not change afterwards
     * (decision inputs are built from immutable parts or fresh copies).
     */
    Redacted redact(Map<String, Object> tree) {
        long now = nanos.getAsLong();
        synchronized (entries) {
            Remembered known = entries.get(tree);
            if (known != null && now - known.bornNanos() <= maxAgeNanos) {
                return known.redacted();
            }
        }
        Map<String, Object> result = redactor.redact(tree);
        // kept in the form records hold it, so every record that takes it takes it as it is
        Redacted redacted = new Redacted(AuditEvents.canonical(result), !result.equals(tree));
        if (maxEntries > 0) {
            synchronized (entries) {
                entries.put(tree, new Remembered(redacted, now));
            }
        }
        return redacted;
    }
}
