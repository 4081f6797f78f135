package dev.bulwark.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.policy.DecisionRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tool-call record carries what policy was asked, redacted, and reads back as the same question. */
class DecisionInputTest {
    private final Harness h = new Harness();

    @Test
    void aDecidedCallRecordsTheQuestionPolicyWasAsked() {
        h.pipeline().handle(Harness.request("t-alice", "docs.search", Map.of("q", "quarterly report", "limit", 5)));

        DecisionRequest asked = h.policies.requests.getFirst();
        AuditEvent event = h.audit.only();
        assertThat(event.details()).containsEntry("decision", "allow");
        DecisionRequest read = DecisionInputs.read(event.details()).orElseThrow();

        assertThat(read.principal().agent().id()).isEqualTo("alice");
        assertThat(read.principal().agent().roles()).isEqualTo(asked.principal().agent().roles());
        assertThat(read.principal().agent().owner()).isEqualTo(asked.principal().agent().owner());
        assertThat(read.principal().user()).isEmpty();
        assertThat(read.tool().name()).isEqualTo("docs.search");
        assertThat(read.tool().kind()).isEqualTo(asked.tool().kind());
        assertThat(read.tool().connector()).isEqualTo("docs");
        assertThat(read.tool().outputLabels()).isEqualTo(asked.tool().outputLabels());
        // as recorded: in canonical form (integers as Long), as a record read back from the log holds them
        assertThat(read.arguments()).isEqualTo(dev.bulwark.spi.JsonTrees.canonicalObject(asked.arguments()))
                .containsEntry("q", "quarterly report");
        assertThat(read.session()).isEqualTo(asked.session());
        assertThat(read.time()).isEqualTo(asked.time());
        assertThat(read.flow()).isEqualTo(asked.flow());
        assertThat(read.subject()).isNull();
        assertThat(DecisionInputs.redactedParts(event.details())).isEmpty();
    }

    @Test
    void aDecisionAboutAResourceRecordsItsSubject() {
        dev.bulwark.spi.policy.Subject subject = dev.bulwark.spi.policy.Subject.resource("note://orders/{id}");
        CallStep about = (call, next) -> next.proceed(call.with(DecideStep.SUBJECT, subject));
        h.standard().steps().insertBefore(DecideStep.class, about).build()
                .handle(Harness.request("t-alice", "docs.search", Map.of("q", "x")));

        assertThat(h.policies.requests.getFirst().subject()).isEqualTo(subject);
        assertThat(DecisionInputs.read(h.audit.only().details()).orElseThrow().subject()).isEqualTo(subject);
    }

    @Test
    void aSecretArgumentIsRecordedRedactedAndTheRecordSaysSo() {
        String secret = "AKIAIOSFODNN7EXAMPLE";
        h.pipeline().handle(Harness.request("t-alice", "docs.search", Map.of("q", "key " + secret)));

        AuditEvent event = h.audit.only();
        assertThat(event.details().toString()).doesNotContain(secret);
        assertThat(DecisionInputs.redactedParts(event.details())).contains("arguments");
        assertThat(DecisionInputs.read(event.details()).orElseThrow().arguments().get("q").toString())
                .doesNotContain(secret).contains("REDACTED");
    }

    @Test
    void aDelegatedCallRecordsTheUser() {
        h.authenticator.accept("t-carol", Fakes.principal("carol", "dave", dev.bulwark.spi.identity.AgentStatus.ACTIVE));
        h.pipeline().handle(Harness.searchAs("t-carol"));

        DecisionRequest read = DecisionInputs.read(h.audit.only().details()).orElseThrow();
        assertThat(read.principal().user()).hasValueSatisfying(u -> assertThat(u.id()).isEqualTo("dave"));
    }

    @Test
    void aDeniedCallRecordsTheDenyAndItsInput() {
        h.policies.rule = r -> new dev.bulwark.spi.policy.Decision.Deny(List.of("no"), "no", List.of());
        h.pipeline().handle(Harness.searchAs("t-alice"));

        AuditEvent event = h.audit.only();
        assertThat(event.details()).containsEntry("decision", "deny");
        assertThat(DecisionInputs.read(event.details())).isPresent();
    }

    @Test
    void aCallRefusedBeforePolicyRecordsNoInput() {
        h.pipeline().handle(Harness.searchAs("t-wrong"));

        AuditEvent event = h.audit.only();
        assertThat(event.details()).doesNotContainKeys("decision", "decisionInput");
        assertThat(DecisionInputs.read(event.details())).isEmpty();
    }

    @Test
    void aMalformedOrForeignInputIsRefused() {
        h.pipeline().handle(Harness.searchAs("t-alice"));
        Map<String, Object> details = new HashMap<>(h.audit.only().details());
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>((Map<String, Object>) details.get("decisionInput"));

        input.put("version", 99L);
        details.put("decisionInput", input);
        assertThatThrownBy(() -> DecisionInputs.read(details)).hasMessageContaining("version");

        input.put("version", DecisionInputs.VERSION);
        input.put("principal", Map.of("agent", Map.of("id", "x")));
        assertThatThrownBy(() -> DecisionInputs.read(details)).isInstanceOf(IllegalArgumentException.class);
    }
}
