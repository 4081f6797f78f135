package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.Redactor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RedactionMemoTest {
    private final AtomicInteger asked = new AtomicInteger();
    /** Hides every value under the key "secret"; counts how often it is asked. */
    private final Redactor redactor = tree -> {
        asked.incrementAndGet();
        Map<String, Object> out = new LinkedHashMap<>(tree);
        out.computeIfPresent("secret", (k, v) -> "[REDACTED]");
        return out;
    };
    private final AtomicLong now = new AtomicLong();

    @Test
    void anEqualTreeIsRedactedOnceAndAChangedOneAfresh() {
        RedactionMemo memo = new RedactionMemo(redactor, 8, 1_000, now::get);
        RedactionMemo.Redacted first = memo.redact(Map.of("id", "a", "secret", "s1"));
        RedactionMemo.Redacted again = memo.redact(new LinkedHashMap<>(Map.of("secret", "s1", "id", "a")));
        assertThat(again).isEqualTo(first);
        assertThat(first.tree()).containsEntry("secret", "[REDACTED]");
        assertThat(first.changed()).isTrue();
        assertThat(asked).hasValue(1);

        RedactionMemo.Redacted other = memo.redact(Map.of("id", "b"));
        assertThat(other.tree()).isEqualTo(Map.of("id", "b"));
        assertThat(other.changed()).isFalse();
        assertThat(asked).hasValue(2);
    }

    @Test
    void entriesExpireAndTheLeastRecentlyUsedLeaveFirst() {
        RedactionMemo memo = new RedactionMemo(redactor, 2, 1_000, now::get);
        memo.redact(Map.of("id", "a"));
        now.addAndGet(1_001);
        memo.redact(Map.of("id", "a"));
        assertThat(asked).as("an entry older than the age limit is asked again").hasValue(2);

        memo.redact(Map.of("id", "b"));
        memo.redact(Map.of("id", "a"));
        memo.redact(Map.of("id", "c")); // evicts b, the least recently used
        assertThat(asked).hasValue(4);
        memo.redact(Map.of("id", "a"));
        assertThat(asked).hasValue(4);
        memo.redact(Map.of("id", "b"));
        assertThat(asked).hasValue(5);
    }

    @Test
    void aMemoOfNoEntriesAsksEveryTime() {
        RedactionMemo memo = new RedactionMemo(redactor, 0, 0, now::get);
        memo.redact(Map.of("id", "a"));
        memo.redact(Map.of("id", "a"));
        assertThat(asked).hasValue(2);
    }
}
