package dev.bulwark.engine.approval;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A dry-run preview of a paused call, for its approver: the configured preview tool of the paused tool (a tool the
 * connector offers that shows what the call would do without doing it, e.g. {@code bank.preview_payment} for
 * {@code bank.send_money}) is called with the same arguments, as the same principal, and its output, redacted like the
 * request's arguments and bounded, goes into the request's facts as {@code preview}.
 *
 * <p>Rules: the preview tool must be of kind {@code read} (a "preview" that writes would act before anyone approved)
 * and policy must allow the principal to call it without obligations; otherwise the preview says why it is absent.
 * A preview never decides anything and never fails the request: its failure is recorded as the reason it is missing.
 */
public final class ApprovalPreview {
    /** Most characters of preview text kept. */
    static final int MAX_CHARS = 4_000;

    private final ToolRegistry tools;
    private final PolicyEngine policies;
    private final Redactor redactor;
    private final Map<String, String> previewTools;

    /** @param previewTools the preview tool of each tool that has one, by tool name */
    public ApprovalPreview(ToolRegistry tools, PolicyEngine policies, Redactor redactor,
                           Map<String, String> previewTools) {
        this.tools = Checks.present(tools, "tools");
        this.policies = Checks.present(policies, "policies");
        this.redactor = Checks.present(redactor, "redactor");
        this.previewTools = Map.copyOf(Checks.present(previewTools, "previewTools"));
    }

    /** The preview facts for a paused call, or empty when its tool has no preview tool configured. */
    public Optional<Map<String, Object>> of(CallContext call) {
        String previewName = previewTools.get(call.requireTool().name());
        if (previewName == null) {
            return Optional.empty();
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("tool", previewName);
        Optional<Tool> found = tools.find(previewName);
        if (found.isEmpty()) {
            return Optional.of(missing(facts, "the preview tool is not served"));
        }
        Tool preview = found.get();
        if (preview.kind() != ToolKind.READ) {
            return Optional.of(missing(facts, "the preview tool is not a read tool"));
        }
        Decision decision;
        try {
            decision = policies.decide(new DecisionRequest(call.requirePrincipal(), preview, call.requireArguments(),
                    call.requireSession(), call.receivedAt()));
        } catch (RuntimeException e) {
            return Optional.of(missing(facts, "policy could not decide the preview"));
        }
        if (!(decision instanceof Decision.Allow allow) || !allow.obligations().isEmpty()) {
            return Optional.of(missing(facts, "policy does not let this principal call the preview tool"));
        }
        try {
            ToolResult result = tools.connectorFor(preview).call(new ToolCall(call.callId() + "-preview", preview,
                    call.requireArguments(), call.requirePrincipal(), call.request().sessionId()),
                    dev.bulwark.spi.tool.ProgressListener.IGNORE);
            if (result == null) {
                return Optional.of(missing(facts, "the preview tool returned nothing"));
            }
            Object redacted = redactor.redact(Map.of("text", result.joinedText())).get("text");
            // shown to approvers: invisible characters (direction overrides, zero-width) become visible marks
            String text = VisibleText.of(redacted == null ? "" : String.valueOf(redacted));
            facts.put("error", result.error());
            facts.put("text", text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text);
            return Optional.of(facts);
        } catch (ConnectorException | RuntimeException e) {
            return Optional.of(missing(facts, "the preview tool failed"));
        }
    }

    private static Map<String, Object> missing(Map<String, Object> facts, String why) {
        facts.put("unavailable", why);
        return facts;
    }
}
