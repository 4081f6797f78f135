package dev.bulwark.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Connector;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ApprovalPreviewTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Tool PAY = tool("bank.send_money", ToolKind.EGRESS);
    private static final Tool PREVIEW = tool("bank.preview_payment", ToolKind.READ);
    private static final Tool CANCEL = tool("bank.cancel_all", ToolKind.WRITE);

    private final List<String> called = new ArrayList<>();
    private Function<ToolCall, ToolResult> answer = c -> ToolResult.text("would send 900.00 EUR to DE89…");

    private static Tool tool(String name, ToolKind kind) {
        return new Tool(name, "", "{\"type\":\"object\"}", kind, "bank", Set.of());
    }

    private final Connector bank = new Connector() {
        @Override
        public String name() {
            return "bank";
        }

        @Override
        public List<Tool> tools() {
            return List.of(PAY, PREVIEW, CANCEL);
        }

        @Override
        public ToolResult call(ToolCall call, ProgressListener progress) throws ConnectorException {
            called.add(call.tool().name());
            ToolResult r = answer.apply(call);
            if (r == null) {
                throw new ConnectorException("upstream down");
            }
            return r;
        }
    };

    private static final PolicyEngine ALLOW = new PolicyEngine() {
        @Override
        public Decision decide(dev.bulwark.spi.policy.DecisionRequest request) {
            return new Decision.Allow(List.of("p"), List.of());
        }

        @Override
        public boolean mayList(Principal principal, Tool tool) {
            return true;
        }
    };

    private ApprovalPreview preview(PolicyEngine policies, Map<String, String> previews) {
        return new ApprovalPreview(new ToolRegistry(List.of(bank)), policies, new KeyPatternRedactor(), previews);
    }

    private static CallContext pausedPayment() {
        Agent agent = new Agent("a1", "owner@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE, NOW);
        Principal principal = new Principal(agent, Optional.empty(), "jti", Set.of(), NOW.plusSeconds(60));
        Map<String, Object> args = Map.of("recipient", "DE89370400440532013000", "amount", 900);
        return CallContext.start(new CallRequest(null, "s1", PAY.name(), args, null), NOW, 0)
                .withPrincipal(principal).withTool(PAY).withArguments(args)
                .withSession(SessionFacts.fresh("s1", NOW));
    }

    @Test
    void showsTheApproverWhatTheDryRunSaysBounded() {
        answer = c -> ToolResult.text("would send 900.00 EUR to DE89… " + "x".repeat(10_000));

        Map<String, Object> facts = preview(ALLOW, Map.of(PAY.name(), PREVIEW.name())).of(pausedPayment())
                .orElseThrow();

        assertThat(called).containsExactly(PREVIEW.name());
        assertThat(facts).containsEntry("tool", PREVIEW.name()).containsEntry("error", false)
                .doesNotContainKey("unavailable");
        assertThat((String) facts.get("text")).startsWith("would send 900.00 EUR");
        assertThat(((String) facts.get("text")).length()).isLessThanOrEqualTo(ApprovalPreview.MAX_CHARS + 1);
    }

    @Test
    void aSecretInThePreviewNeverReachesTheApprover() {
        answer = c -> ToolResult.text("would send 900.00 EUR; api key ghp_abcdefghijklmnopqrstuvwxyz0123456789");

        Map<String, Object> facts = preview(ALLOW, Map.of(PAY.name(), PREVIEW.name())).of(pausedPayment())
                .orElseThrow();

        assertThat((String) facts.get("text")).doesNotContain("ghp_abcdefghijklmnopqrstuvwxyz0123456789");
    }

    /** Red team: the preview is an upstream's text shown to approvers; a direction override must not reorder it. */
    @Test
    void invisibleCharactersInThePreviewAreShownAsMarks() {
        answer = c -> ToolResult.text("would send 900.00 EUR to \u202Eevil\u202C ltd\u200B");

        Map<String, Object> facts = preview(ALLOW, Map.of(PAY.name(), PREVIEW.name())).of(pausedPayment())
                .orElseThrow();

        assertThat((String) facts.get("text")).isEqualTo("would send 900.00 EUR to [U+202E]evil[U+202C] ltd[U+200B]");
    }

    @Test
    void neverRunsAPreviewToolThatIsNotARead() {
        Map<String, Object> facts = preview(ALLOW, Map.of(PAY.name(), CANCEL.name())).of(pausedPayment())
                .orElseThrow();

        assertThat(called).isEmpty();
        assertThat(facts).containsEntry("unavailable", "the preview tool is not a read tool");
    }

    @Test
    void runsThePreviewOnlyWhenPolicyLetsThePrincipalCallItOutright() {
        PolicyEngine deny = new PolicyEngine() {
            @Override
            public Decision decide(dev.bulwark.spi.policy.DecisionRequest request) {
                return new Decision.Deny(List.of(), "no", List.of());
            }

            @Override
            public boolean mayList(Principal principal, Tool tool) {
                return false;
            }
        };
        PolicyEngine needsApproval = new PolicyEngine() {
            @Override
            public Decision decide(dev.bulwark.spi.policy.DecisionRequest request) {
                return new Decision.Allow(List.of("p"), List.of(new Obligation(Obligation.APPROVAL, "x", "p")));
            }

            @Override
            public boolean mayList(Principal principal, Tool tool) {
                return true;
            }
        };

        for (PolicyEngine policies : List.of(deny, needsApproval)) {
            assertThat(preview(policies, Map.of(PAY.name(), PREVIEW.name())).of(pausedPayment()).orElseThrow())
                    .containsEntry("unavailable", "policy does not let this principal call the preview tool");
        }
        assertThat(called).isEmpty();
    }

    @Test
    void aFailingOrMissingPreviewSaysWhyAndAToolWithoutOneHasNone() {
        answer = c -> null;
        assertThat(preview(ALLOW, Map.of(PAY.name(), PREVIEW.name())).of(pausedPayment()).orElseThrow())
                .containsEntry("unavailable", "the preview tool failed");
        assertThat(preview(ALLOW, Map.of(PAY.name(), "bank.nope")).of(pausedPayment()).orElseThrow())
                .containsEntry("unavailable", "the preview tool is not served");
        assertThat(preview(ALLOW, Map.of("other.tool", PREVIEW.name())).of(pausedPayment())).isEmpty();
    }
}
