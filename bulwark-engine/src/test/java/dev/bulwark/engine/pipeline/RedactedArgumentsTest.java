package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.JsonTrees;
import dev.bulwark.spi.guard.Redactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Later records of a call reuse the arguments the audit step redacted, only when they are the same arguments. */
class RedactedArgumentsTest {
    private final AtomicInteger asked = new AtomicInteger();
    private final Redactor redactor = tree -> {
        asked.incrementAndGet();
        Map<String, Object> out = new LinkedHashMap<>(tree);
        out.computeIfPresent("password", (k, v) -> "[REDACTED]");
        return out;
    };
    private final Map<String, Object> received = Map.of("user", "ann", "password", "hunter2");
    private final CallContext call = CallContext.start(
            new CallRequest(null, "s1", "crm.update", received, null, null), Instant.EPOCH, 0);

    @Test
    void theSameArgumentsAreRedactedOnce() {
        Map<String, Object> redacted = redactor.redact(received);
        CallContext recorded = call.with(AuditStep.REDACTED_ARGUMENTS,
                new AuditStep.RedactedArguments(redactor, call.request().arguments(), redacted,
                        AuditEvents.canonical(redacted)));
        assertThat(asked).hasValue(1);

        Map<String, Object> validated = new LinkedHashMap<>(received);
        assertThat(AuditStep.redactedArguments(recorded, validated, redactor)).isSameAs(redacted)
                .containsEntry("password", "[REDACTED]");
        assertThat(asked).hasValue(1);
    }

    @Test
    void otherArgumentsAnotherRedactorOrNoRecordAreRedactedAfresh() {
        CallContext recorded = call.with(AuditStep.REDACTED_ARGUMENTS,
                new AuditStep.RedactedArguments(redactor, call.request().arguments(), redactor.redact(received),
                        AuditEvents.canonical(redactor.redact(received))));
        asked.set(0);

        Map<String, Object> changed = Map.of("user", "ann", "password", "other");
        assertThat(AuditStep.redactedArguments(recorded, changed, redactor)).containsEntry("password", "[REDACTED]");
        assertThat(asked).hasValue(1);

        Redactor keepsAll = tree -> tree;
        assertThat(AuditStep.redactedArguments(recorded, received, keepsAll)).containsEntry("password", "hunter2");

        assertThat(AuditStep.redactedArguments(call, received, redactor)).containsEntry("password", "[REDACTED]");
        assertThat(asked).hasValue(2);
    }

    @Test
    void laterRecordsTakeTheArgumentsInTheirRecordedFormAsTheyAre() {
        Map<String, Object> redacted = redactor.redact(received);
        Map<String, Object> recorded = AuditEvents.canonical(redacted);
        CallContext known = call.with(AuditStep.REDACTED_ARGUMENTS,
                new AuditStep.RedactedArguments(redactor, call.request().arguments(), redacted, recorded));
        asked.set(0);

        assertThat(AuditStep.recordedArguments(known, new LinkedHashMap<>(received), redactor)).isSameAs(recorded);
        assertThat(asked).hasValue(0);
        assertThat(JsonTrees.isCanonical(recorded)).isTrue();
        assertThat(recorded).isEqualTo(redacted);
        assertThat(recorded.keySet()).containsExactly("password", "user");

        Map<String, Object> other = AuditStep.recordedArguments(known, Map.of("password", "x", "n", 7), redactor);
        assertThat(JsonTrees.isCanonical(other)).isTrue();
        assertThat(other).containsEntry("password", "[REDACTED]").containsEntry("n", 7L);
    }

    @Test
    void aTreeWithoutACanonicalFormIsLeftForTheLogToRefuse() {
        Map<String, Object> odd = new LinkedHashMap<>();
        odd.put("ratio", Double.NaN);
        assertThat(AuditEvents.canonical(odd)).isSameAs(odd);
    }
}
