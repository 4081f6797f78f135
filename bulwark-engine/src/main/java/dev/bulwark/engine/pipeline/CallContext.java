package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.Unguessable;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline knows about one call so far. Immutable: a step that learns something passes on a copy
 * ({@code call.withPrincipal(p)}), so an outer step's view is never changed behind its back. Facts that are not yet
 * known are empty; {@code require...} accessors throw when a step runs before the step that provides the fact, which
 * the pipeline turns into an internal error (fail closed).
 */
public final class CallContext {
    private final String callId;
    private final CallRequest request;
    private final Instant receivedAt;
    private final long startNanos;
    private final Principal principal;
    private final Tool tool;
    private final Map<String, Object> arguments;
    private final SessionFacts session;
    private final Decision decision;
    private final ToolCall toolCall;
    private final ToolResult result;
    private final Set<String> labels;
    private final Map<ContextKey<?>, Object> extras;

    private CallContext(String callId, CallRequest request, Instant receivedAt, long startNanos, Principal principal,
                        Tool tool, Map<String, Object> arguments, SessionFacts session, Decision decision,
                        ToolCall toolCall, ToolResult result, Set<String> labels, Map<ContextKey<?>, Object> extras) {
        this.callId = callId;
        this.request = request;
        this.receivedAt = receivedAt;
        this.startNanos = startNanos;
        this.principal = principal;
        this.tool = tool;
        this.arguments = arguments;
        this.session = session;
        this.decision = decision;
        this.toolCall = toolCall;
        this.result = result;
        this.labels = labels;
        this.extras = extras;
    }

    /** A fresh context for a request just received; the call id is a random UUID. */
    public static CallContext start(CallRequest request, Instant receivedAt, long startNanos) {
        Checks.present(request, "request");
        Checks.present(receivedAt, "receivedAt");
        return new CallContext(Unguessable.uuid().toString(), request, receivedAt, startNanos, null, null, null, null,
                null, null, null, Set.of(), Map.of());
    }

    public String callId() {
        return callId;
    }

    public CallRequest request() {
        return request;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    /** {@link System#nanoTime()} when the call was received, for latency. */
    public long startNanos() {
        return startNanos;
    }

    public Optional<Principal> principal() {
        return Optional.ofNullable(principal);
    }

    public Principal requirePrincipal() {
        return required(principal, "principal (authenticate)");
    }

    public Optional<Tool> tool() {
        return Optional.ofNullable(tool);
    }

    public Tool requireTool() {
        return required(tool, "tool (resolve tool)");
    }

    /** The validated, deeply immutable arguments; empty until validation passed. */
    public Optional<Map<String, Object>> arguments() {
        return Optional.ofNullable(arguments);
    }

    public Map<String, Object> requireArguments() {
        return required(arguments, "validated arguments (validate arguments)");
    }

    public Optional<SessionFacts> session() {
        return Optional.ofNullable(session);
    }

    public SessionFacts requireSession() {
        return required(session, "session (session)");
    }

    /** The policy decision, Allow or Deny, once decided. */
    public Optional<Decision> decision() {
        return Optional.ofNullable(decision);
    }

    public Decision.Allow requireAllow() {
        if (decision instanceof Decision.Allow allow) {
            return allow;
        }
        throw new StepOrderException("call " + callId + " has no Allow decision");
    }

    /** The call as handed to the connector, once executed. */
    public Optional<ToolCall> toolCall() {
        return Optional.ofNullable(toolCall);
    }

    public ToolCall requireToolCall() {
        return required(toolCall, "tool call (execute)");
    }

    /** The tool's output, as screened so far. */
    public Optional<ToolResult> result() {
        return Optional.ofNullable(result);
    }

    public ToolResult requireResult() {
        return required(result, "result (execute)");
    }

    /** Labels of the data this call delivers: the tool's output labels and those added by guards. */
    public Set<String> labels() {
        return labels;
    }

    public <T> Optional<T> get(ContextKey<T> key) {
        return Optional.ofNullable(key.cast(extras.get(key)));
    }

    public CallContext withPrincipal(Principal newPrincipal) {
        return new CallContext(callId, request, receivedAt, startNanos, Checks.present(newPrincipal, "principal"),
                tool, arguments, session, decision, toolCall, result, labels, extras);
    }

    public CallContext withTool(Tool newTool) {
        return new CallContext(callId, request, receivedAt, startNanos, principal, Checks.present(newTool, "tool"),
                arguments, session, decision, toolCall, result, labels, extras);
    }

    /** Takes validated arguments; the caller hands over an immutable tree. */
    public CallContext withArguments(Map<String, Object> validated) {
        return new CallContext(callId, request, receivedAt, startNanos, principal, tool,
                Checks.present(validated, "arguments"), session, decision, toolCall, result, labels, extras);
    }

    public CallContext withSession(SessionFacts facts) {
        return new CallContext(callId, request, receivedAt, startNanos, principal, tool, arguments,
                Checks.present(facts, "session"), decision, toolCall, result, labels, extras);
    }

    public CallContext withDecision(Decision newDecision) {
        return new CallContext(callId, request, receivedAt, startNanos, principal, tool, arguments, session,
                Checks.present(newDecision, "decision"), toolCall, result, labels, extras);
    }

    public CallContext withToolCall(ToolCall executed) {
        return new CallContext(callId, request, receivedAt, startNanos, principal, tool, arguments, session, decision,
                Checks.present(executed, "toolCall"), result, labels, extras);
    }

    /** Replaces the output (a connector's result, or a guard's rewrite) and adds the labels it carries. */
    public CallContext withResult(ToolResult newResult, Set<String> addedLabels) {
        Checks.present(newResult, "result");
        Set<String> merged = labels;
        if (!addedLabels.isEmpty() && !labels.containsAll(addedLabels)) {
            Set<String> union = new LinkedHashSet<>(labels);
            union.addAll(addedLabels);
            merged = Set.copyOf(union);
        }
        return new CallContext(callId, request, receivedAt, startNanos, principal, tool, arguments, session, decision,
                toolCall, newResult, merged, extras);
    }

    public <T> CallContext with(ContextKey<T> key, T value) {
        // one copy, private to the new context and never changed after: immutable to everyone who can reach it
        Map<ContextKey<?>, Object> copy = HashMap.newHashMap(extras.size() + 1);
        copy.putAll(extras);
        copy.put(Checks.present(key, "key"), Checks.present(value, "value"));
        return new CallContext(callId, request, receivedAt, startNanos, principal, tool, arguments, session, decision,
                toolCall, result, labels, copy);
    }

    /** Ends the call with a refusal; {@code message} is shown to the agent. */
    public Conclusion refuse(Refusal code, String message) {
        return new Conclusion(this, new CallOutcome.Refused(callId, code, message), Optional.empty());
    }

    /** Ends the call with a refusal, recording {@code problem} for operators only. */
    public Conclusion refuse(Refusal code, String message, String problem) {
        return new Conclusion(this, new CallOutcome.Refused(callId, code, message), Optional.ofNullable(problem));
    }

    public Conclusion refuseUnauthenticated(Authentication.Rejected rejected) {
        String message = "authentication failed (" + rejected.reason() + "): " + rejected.detail();
        return new Conclusion(this, new CallOutcome.Refused(callId, Refusal.UNAUTHENTICATED, message,
                Optional.of(rejected.reason())), Optional.empty());
    }

    /** Ends the call successfully with the current (screened) result under the Allow decision. */
    public Conclusion complete() {
        return new Conclusion(this, new CallOutcome.Completed(callId, requireResult(), requireAllow()),
                Optional.empty());
    }

    private <T> T required(T value, String what) {
        if (value == null) {
            throw new StepOrderException("call " + callId + " has no " + what + " yet");
        }
        return value;
    }

    @Override
    public String toString() {
        return "CallContext[" + callId + ", " + request + "]";
    }
}
