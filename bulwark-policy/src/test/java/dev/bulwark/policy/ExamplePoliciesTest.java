package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped example policies for the demo CRM connector, validated strictly against Bulwark's schema. */
class ExamplePoliciesTest {
    static final Tool FIND = Requests.tool("crm.find_customers", ToolKind.READ, "pii");
    static final Tool GET = Requests.tool("crm.get_customer", ToolKind.READ, "pii");
    static final Tool NOTE = Requests.tool("crm.update_customer_note", ToolKind.WRITE);
    static final Tool DELETE = Requests.tool("crm.delete_customer", ToolKind.WRITE);
    static final Principal SUPPORT = Requests.principal(Requests.agent("helpdesk-bot", "support"));
    static final Principal ADMIN = Requests.principal(Requests.agent("ops-bot", "admin-agent"));
    static final Principal NOBODY = Requests.principal(Requests.agent("stranger"));

    static CedarPolicyEngine engine;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path examples = Path.of(ExamplePoliciesTest.class.getResource("/examples").toURI());
        assertThat(CedarPolicyEngine.validate(examples)).isEqualTo(new PolicyLoad.Loaded(10));
        engine = CedarPolicyEngine.load(examples);
    }

    @Test
    void supportReadsTheCrmAndUpdatesNotes() {
        assertThat(engine.decide(Requests.request(SUPPORT, FIND, Map.of())).policyIds())
                .containsExactly("crm-support-read");
        assertThat(engine.decide(Requests.request(SUPPORT, GET, Map.of("id", 7))).allowed()).isTrue();
        Decision note = engine.decide(Requests.request(SUPPORT, NOTE, Map.of("id", 7, "note", "called back")));
        assertThat(note).isEqualTo(new Decision.Allow(List.of("crm-support-notes"), List.of()));
    }

    @Test
    void nobodyDeletesCustomers() {
        for (Principal principal : List.of(SUPPORT, ADMIN, NOBODY)) {
            Decision decision = engine.decide(Requests.request(principal, DELETE, Map.of("id", 7)));
            assertThat(decision.allowed()).isFalse();
            assertThat(decision.policyIds()).containsExactly("crm-no-delete");
            assertThat(engine.mayList(principal, DELETE)).isFalse();
        }
    }

    @Test
    void adminWritesNeedAManager() {
        Decision decision = engine.decide(Requests.request(ADMIN, NOTE, Map.of("id", 7, "note", "x")));
        assertThat(decision).isEqualTo(new Decision.Allow(List.of("crm-admin-write"),
                List.of(new Obligation(Obligation.APPROVAL, "manager", "crm-admin-write"))));
        assertThat(((Decision.Allow) decision).requires(Obligation.APPROVAL)).isTrue();
    }

    @Test
    void noWriteAfterTheSessionSawUntrustedContent() {
        SessionFacts tainted = new SessionFacts("s-2", Requests.MONDAY_NOON, 4, Set.of("untrusted"), List.of(),
                0);
        DecisionRequest request = new DecisionRequest(SUPPORT, NOTE, Map.of("id", 7), tainted, Requests.MONDAY_NOON);
        Decision decision = engine.decide(request);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.policyIds()).containsExactly("no-write-after-untrusted");
        // A conditional forbid does not hide the tool: the session is unknown when listing.
        assertThat(engine.mayList(SUPPORT, NOTE)).isTrue();
    }

    private static Map<String, Object> flow(boolean untrustedIdentifier, boolean untrusted, boolean outsideIntent) {
        Map<String, Object> flow = new java.util.LinkedHashMap<>();
        flow.put("args", Map.of());
        flow.put("untrusted_in_sink", untrusted);
        flow.put("sinks_from_untrusted_only", untrusted);
        flow.put("untrusted_identifier_in_sink", untrustedIdentifier);
        flow.put("untrusted_value_in_sink", untrusted);
        flow.put("unseen_identifier_in_sink", false);
        flow.put("intent_declared", true);
        flow.put("identifier_outside_intent_in_sink", outsideIntent);
        flow.put("unseen_in_sink", false);
        flow.put("untrusted_sinks", List.of());
        flow.put("sink_labels", List.of());
        return flow;
    }

    private static Decision noteWith(Map<String, Object> flow, Set<String> sessionLabels, Tool tool) {
        SessionFacts session = new SessionFacts("s-3", Requests.MONDAY_NOON, 2, sessionLabels, List.of(), 0);
        return engine.decide(new DecisionRequest(SUPPORT, tool, Map.of("id", 7, "note", "x"), session,
                Requests.MONDAY_NOON, flow));
    }

    @Test
    void theFlowPackAsksAHumanForUntrustedDestinationsAndValues() {
        Decision destination = noteWith(flow(true, true, true), Set.of(), NOTE);
        assertThat(destination).as("both flow forbids carry @approval; the permit still allows the call")
                .isEqualTo(new Decision.Allow(List.of("crm-support-notes"), List.of(
                        new Obligation(Obligation.APPROVAL, "security", "flow-untrusted-destination"),
                        new Obligation(Obligation.APPROVAL, "security", "flow-untrusted-value-in-sink"))));
        Decision value = noteWith(flow(false, true, false), Set.of(), NOTE);
        assertThat(value).isEqualTo(new Decision.Allow(List.of("crm-support-notes"), List.of(
                new Obligation(Obligation.APPROVAL, "security", "flow-untrusted-value-in-sink"))));
        assertThat(noteWith(flow(false, false, true), Set.of(), NOTE))
                .as("a destination the user did not name, without secrets read, is not a flow matter")
                .isEqualTo(new Decision.Allow(List.of("crm-support-notes"), List.of()));
    }

    @Test
    void anApprovalNeverLiftsAHardForbidBesideAFlowRule() {
        // the session saw untrusted content: the demo's no-write-after-untrusted has no @approval
        Decision decision = noteWith(flow(true, true, true), Set.of("untrusted"), NOTE);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.policyIds()).contains("no-write-after-untrusted", "flow-untrusted-destination");
    }

    @Test
    void nobodyWithoutAPermitGetsAnApprovalFromAFlowRule() {
        Decision decision = engine.decide(new DecisionRequest(NOBODY, NOTE, Map.of("id", 7, "note", "x"),
                new SessionFacts("s-4", Requests.MONDAY_NOON, 1, Set.of(), List.of(), 0), Requests.MONDAY_NOON,
                flow(true, true, true)));
        assertThat(decision.allowed()).isFalse();
    }

    @Test
    void theFlowPackKeepsSecretsFromDestinationsOutsideTheIntent() {
        Tool send = Requests.tool("crm.email_customer", ToolKind.EGRESS);
        Decision decision = noteWith(flow(false, false, true), Set.of("secret"), send);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.policyIds()).contains("flow-secret-egress-outside-intent");
    }

    @Test
    void listsOnlyWhatARoleMayCall() {
        assertThat(engine.mayList(SUPPORT, FIND)).isTrue();
        assertThat(engine.mayList(ADMIN, NOTE)).isTrue();
        assertThat(engine.mayList(NOBODY, FIND)).isFalse();
        assertThat(engine.mayList(SUPPORT, Requests.tool("crm.merge_customers", ToolKind.WRITE))).isFalse();
    }
}
