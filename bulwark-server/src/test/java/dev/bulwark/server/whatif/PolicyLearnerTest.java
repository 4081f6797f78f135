package dev.bulwark.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.audit.AuditLogOptions;
import dev.bulwark.audit.AuditQuery;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.engine.pipeline.DecisionInputs;
import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learned policies from recorded calls: hostile argument values cannot inject policy text, conflicting argument types
 * constrain nothing, delegated calls permit the users seen, and what was learned loads under the strict schema.
 */
class PolicyLearnerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    @TempDir
    Path dir;

    private static Map<String, Object> input(String agent, String user, String tool, String kind,
                                             Map<String, Object> arguments) {
        Map<String, Object> principal = new LinkedHashMap<>();
        principal.put("agent", Map.of("id", agent, "owner", "o", "roles", List.of(), "attributes", Map.of()));
        if (user != null) {
            principal.put("user", Map.of("id", user, "roles", List.of(), "attributes", Map.of()));
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("version", DecisionInputs.VERSION);
        in.put("time", T0.toString());
        in.put("principal", principal);
        in.put("tool", Map.of("name", tool, "connector", tool.substring(0, tool.indexOf('.')), "kind", kind,
                "labels", List.of()));
        in.put("arguments", arguments);
        in.put("session", Map.of("id", "s", "startedAt", T0.toString(), "callCount", 0L, "labels", List.of(),
                "recentTools", List.of(), "risk", 0.0));
        in.put("redacted", List.of());
        return in;
    }

    private static AuditEvent call(int i, String user, String tool, String kind, String decision,
                                   Map<String, Object> arguments) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("arguments", arguments);
        details.put("decision", decision);
        details.put("policyIds", List.of("p"));
        details.put("obligations", List.of());
        details.put("decisionInput", input("bot", user, tool, kind, arguments));
        return new AuditEvent(T0.plusSeconds(i), AuditEventType.TOOL_CALL, tool, decision.equals("allow")
                ? Outcome.SUCCEEDED : Outcome.DENIED, "bot", user, "s", "", details);
    }

    private LearnedPolicies learn(AuditEvent... events) {
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(dir.resolve("data"), AuditLogOptions.defaults()
                .withCheckpointPeriod(Duration.ZERO))) {
            for (AuditEvent e : events) {
                log.append(e);
            }
        }
        return new PolicyLearner(AuditRecords.ofEmbedded(dir.resolve("data"))).learn(
                AuditQuery.parse(Map.of("agent", "bot"), T0), 5, 1000);
    }

    private CedarPolicyEngine load(LearnedPolicies learned) throws Exception {
        Path out = dir.resolve("learned");
        Files.createDirectories(out);
        Files.writeString(out.resolve("learned.cedar"), learned.policies());
        if (!learned.schema().isEmpty()) {
            Files.writeString(out.resolve("learned.cedarschema"), learned.schema());
        }
        return CedarPolicyEngine.load(out);
    }

    private static DecisionRequest request(String user, String tool, String kind, Map<String, Object> arguments) {
        Map<String, Object> details = Map.of("decisionInput", input("bot", user, tool, kind, arguments));
        return DecisionInputs.read(details).orElseThrow();
    }

    @Test
    void aHostileValueStaysAValue() throws Exception {
        String hostile = "x\"); permit (principal, action, resource); //\n\\";
        LearnedPolicies learned = learn(call(1, null, "crm.find", "read", "allow", Map.of("region", hostile)));

        CedarPolicyEngine engine = load(learned);

        assertThat(engine.policyCount()).isEqualTo(1);
        assertThat(engine.decide(request(null, "crm.find", "read", Map.of("region", hostile))))
                .isInstanceOf(Decision.Allow.class);
        assertThat(engine.decide(request(null, "crm.find", "read", Map.of("region", "x"))))
                .isInstanceOf(Decision.Deny.class);
        assertThat(engine.decide(request(null, "crm.other", "read", Map.of()))).isInstanceOf(Decision.Deny.class);
    }

    @Test
    void aHostileArgumentNameCannotBreakOutOfItsCommentIntoPolicyText() throws Exception {
        // An upstream tool whose schema leaves extra properties open lets an agent choose argument names; the
        // learner writes a name that is not an identifier into a comment, so a line break in it must not end it.
        for (String breaker : List.of("\n", "\r", "\u2028", "\u0085")) {
            String hostile = "x" + breaker + "@id(\"injected\") permit (principal, action, resource);" + breaker
                    + "//";
            LearnedPolicies learned = learn(call(1, null, "crm.find", "read", "allow", Map.of(hostile, "v")));

            CedarPolicyEngine engine = load(learned);

            assertThat(engine.policyCount()).as("line break %s", (int) breaker.charAt(0)).isEqualTo(1);
            assertThat(engine.decide(request(null, "crm.delete", "write", Map.of())))
                    .as("line break %s", (int) breaker.charAt(0)).isInstanceOf(Decision.Deny.class);
            assertThat(learned.policies().lines().filter(l -> !l.isBlank() && !l.startsWith("//")
                    && !l.startsWith("@id(\"learned-")).filter(l -> l.contains("injected"))).isEmpty();
        }
    }

    @Test
    void anArgumentNamedLikeACedarKeywordIsLeftUnconstrainedAndTheProposalStillLoads() throws Exception {
        LearnedPolicies learned = learn(call(1, null, "crm.find", "read", "allow",
                Map.of("if", "a", "in", "b", "like", "c", "has", "d", "true", 1L, "region", "EMEA")));

        CedarPolicyEngine engine = load(learned);

        assertThat(engine.decide(request(null, "crm.find", "read",
                Map.of("if", "z", "in", "b", "like", "c", "has", "d", "true", 1L, "region", "EMEA"))))
                .isInstanceOf(Decision.Allow.class);
        assertThat(engine.decide(request(null, "crm.find", "read", Map.of("region", "NA"))))
                .isInstanceOf(Decision.Deny.class);
    }

    @Test
    void anArgumentTwoToolsPassAsDifferentTypesIsNotConstrained() throws Exception {
        LearnedPolicies learned = learn(call(1, null, "crm.find", "read", "allow", Map.of("id", "c-1")),
                call(2, null, "crm.get", "read", "allow", Map.of("id", 7L)));

        assertThat(learned.policies()).contains("id: not constrained (other tools pass it as another type)");
        assertThat(learned.schema()).doesNotContain("id?");
        CedarPolicyEngine engine = load(learned);
        assertThat(engine.decide(request(null, "crm.get", "read", Map.of("id", 99L)))).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void delegatedCallsPermitTheUsersSeenThroughThisAgentOnly() throws Exception {
        LearnedPolicies learned = learn(call(1, "alice", "crm.find", "read", "allow", Map.of("limit", 3L)));

        CedarPolicyEngine engine = load(learned);

        assertThat(engine.decide(request("alice", "crm.find", "read", Map.of("limit", 3L))))
                .isInstanceOf(Decision.Allow.class);
        assertThat(engine.decide(request("mallory", "crm.find", "read", Map.of("limit", 3L))))
                .isInstanceOf(Decision.Deny.class);
        assertThat(engine.decide(request("alice", "crm.find", "read", Map.of("limit", 4L))))
                .isInstanceOf(Decision.Deny.class);
        assertThat(engine.decide(request(null, "crm.find", "read", Map.of("limit", 3L))))
                .as("seen only acting for users, the agent may not call it on its own").isInstanceOf(Decision.Deny.class);
    }

    @Test
    void onlyAllowedCallsAreLearnedAndApprovalsAreLeftToTheirPolicy() {
        Map<String, Object> approvalDetails = new LinkedHashMap<>(call(3, null, "crm.update", "write", "allow",
                Map.of()).details());
        approvalDetails.put("obligations", List.of(Map.of("name", "approval", "value", "v", "policyId", "ask")));
        AuditEvent approval = new AuditEvent(T0.plusSeconds(3), AuditEventType.TOOL_CALL, "crm.update",
                Outcome.DENIED, "bot", null, "s", "", approvalDetails);

        LearnedPolicies learned = learn(call(1, null, "crm.find", "read", "allow", Map.of()),
                call(2, null, "crm.delete", "write", "deny", Map.of()), approval);

        assertThat(learned.tools()).isEqualTo(1);
        assertThat(learned.policies()).contains("crm.find").doesNotContain("crm.delete\"").doesNotContain("crm.update\"");
        assertThat(learned.notes()).anySatisfy(n -> assertThat(n).contains("1 calls needed human approval"));
    }
}
