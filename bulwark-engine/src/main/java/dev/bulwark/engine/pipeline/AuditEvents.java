package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.CanonicalObjectBuilder;
import dev.bulwark.spi.JsonTrees;
import dev.bulwark.spi.audit.AuditEvent;
import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.Outcome;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Turns a concluded call into its audit event. Every free text that goes in passes the redactor first. */
final class AuditEvents {
    private static final int MAX_TEXT = 1000;
    private static final int MAX_POLICY_ERRORS = 10;

    private final Redactor redactor;
    private final RedactionMemo repeated;

    AuditEvents(Redactor redactor) {
        this.redactor = redactor;
        this.repeated = new RedactionMemo(redactor);
    }

    /**
     * A tree in the canonical form the audit log hashes and stores ({@link JsonTrees#canonicalObject}), built here once
     * so that neither the event nor the log copies it again; a tree that has no canonical form (a non-finite number,
     * say) is returned as it is, and the log refuses it when it is appended, as it would have anyway.
     */
    static Map<String, Object> canonical(Map<String, Object> tree) {
        try {
            return JsonTrees.canonicalObject(tree);
        } catch (IllegalArgumentException e) {
            return tree;
        }
    }

    /**
     * @param redactedArguments the call's arguments as the redactor returned them
     * @param recordedArguments the same in the form records hold ({@link #canonical})
     */
    AuditEvent toolCall(Conclusion conclusion, String action, Map<String, Object> redactedArguments,
                        Map<String, Object> recordedArguments) {
        CallContext call = conclusion.call();
        List<String> policyIds = call.decision().map(Decision::policyIds).orElse(List.of());
        // the reason names the permits and the policies whose obligations applied (a forbid lifted by approval)
        java.util.Set<String> named = new java.util.LinkedHashSet<>(policyIds);
        if (call.decision().orElse(null) instanceof Decision.Allow allow) {
            allow.obligations().forEach(o -> named.add(o.policyId()));
        }
        // built in the canonical form records hold (key order, canonical values), so it is not copied again below
        CanonicalObjectBuilder details = new CanonicalObjectBuilder();
        details.put("callId", call.callId());
        details.put("arguments", recordedArguments);
        details.put("policyIds", policyIds);
        details.put("obligations", obligations(call));
        details.put("latencyMicros", (System.nanoTime() - call.startNanos()) / 1_000);
        call.decision().ifPresent(d -> details.put("decision", d.allowed() ? "allow" : "deny"));
        call.get(DecideStep.REQUEST).ifPresent(request ->
                details.put("decisionInput", DecisionInputs.of(request, redactedArguments,
                        AuditStep.redactedArguments(call, request.arguments(), redactor), repeated)));
        if (action.equals("unknown")) {
            details.put("requestedTool", Texts.printable(call.request().toolName(), 80));
        }
        Outcome outcome;
        String reason;
        if (conclusion.outcome() instanceof CallOutcome.Completed completed) {
            outcome = Outcome.SUCCEEDED;
            reason = "ALLOWED" + policies(List.copyOf(named));
            details.put("resultBytes", resultBytes(completed.result()));
            details.put("resultIsError", completed.result().error());
            details.put("labels", List.copyOf(new TreeSet<>(call.labels())));
        } else {
            CallOutcome.Refused refused = (CallOutcome.Refused) conclusion.outcome();
            outcome = refused.code().auditOutcome();
            reason = refused.code().name() + refused.authenticationReason().map(r -> " " + r.name()).orElse("")
                    + policies(List.copyOf(named));
            details.put("resultBytes", 0L);
            details.put("error", redactText(refused.message()));
            conclusion.problem().ifPresent(p -> details.put("problem", redactText(p)));
            if (call.decision().orElse(null) instanceof Decision.Deny deny && !deny.errors().isEmpty()) {
                details.put("policyErrors", deny.errors().stream().limit(MAX_POLICY_ERRORS)
                        .map(this::redactText).toList());
            }
        }
        call.get(AuditNotes.KEY).ifPresent(notes -> notes.entries().forEach(details::putIfAbsent));
        Principal principal = call.principal().orElse(null);
        return new AuditEvent(call.receivedAt(), AuditEventType.TOOL_CALL, action, outcome,
                principal == null ? null : principal.agent().id(), principal == null ? null : principal.userIdOrNull(),
                call.request().sessionId(), reason, details.build());
    }

    private static List<Map<String, Object>> obligations(CallContext call) {
        if (!(call.decision().orElse(null) instanceof Decision.Allow allow)) {
            return List.of();
        }
        List<Map<String, Object>> out = new ArrayList<>(allow.obligations().size());
        for (Obligation o : allow.obligations()) {
            out.add(Map.of("name", o.name(), "value", o.value(), "policyId", o.policyId()));
        }
        return out;
    }

    private static String policies(List<String> policyIds) {
        return policyIds.isEmpty() ? "" : " " + String.join(",", policyIds);
    }

    /** Free text may quote arguments or output, so it is redacted like an argument value. */
    private String redactText(String text) {
        Object redacted = redactor.redact(Map.of("text", Texts.printable(text, MAX_TEXT))).get("text");
        return redacted instanceof String s ? s : "[unrecordable]";
    }

    /** UTF-8 size of the text content plus the encoded size of binary content. */
    static long resultBytes(ToolResult result) {
        long bytes = 0;
        for (Content content : result.content()) {
            if (content instanceof Content.Text text) {
                bytes += utf8Length(text.text());
            } else if (content instanceof Content.Blob blob) {
                bytes += blob.base64Data().length();
            }
        }
        return bytes;
    }

    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
