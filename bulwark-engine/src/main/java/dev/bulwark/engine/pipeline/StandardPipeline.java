package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.flow.FlowStep;
import dev.bulwark.engine.flow.FlowStates;
import dev.bulwark.engine.flow.SessionFlows;
import dev.bulwark.engine.flow.ToolFlow;
import dev.bulwark.spi.session.SessionStore;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.engine.validation.ArgumentLimits;
import dev.bulwark.engine.validation.ArgumentValidator;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Redactor;
import dev.bulwark.spi.identity.Authenticator;
import dev.bulwark.spi.policy.PolicyEngine;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Wires the standard steps in their order: audit, authenticate, resolve tool, validate arguments, session, flow,
 * decide, record the attempt (side-effecting tools only), execute, screen output. {@link #steps()} returns the open
 * builder so later features can insert their steps.
 */
public final class StandardPipeline {
    private Authenticator authenticator;
    private ToolRegistry tools;
    private PolicyEngine policies;
    private SessionStore sessions;
    private List<? extends OutputGuard> guards = List.of();
    private AuditLog auditLog;
    private Redactor redactor;
    private ArgumentLimits limits = ArgumentLimits.DEFAULT;
    private Set<String> fulfilledObligations = Set.of();
    private InstantSource clock = InstantSource.system();
    private FlowStates flows = new SessionFlows(10_000);
    private Function<String, ToolFlow> toolFlows = name -> ToolFlow.UNCONFIGURED;

    private StandardPipeline() {}

    public static StandardPipeline builder() {
        return new StandardPipeline();
    }

    public StandardPipeline authenticator(Authenticator value) {
        this.authenticator = Checks.present(value, "authenticator");
        return this;
    }

    public StandardPipeline tools(ToolRegistry value) {
        this.tools = Checks.present(value, "tools");
        return this;
    }

    public StandardPipeline policies(PolicyEngine value) {
        this.policies = Checks.present(value, "policies");
        return this;
    }

    public StandardPipeline sessions(SessionStore value) {
        this.sessions = Checks.present(value, "sessions");
        return this;
    }

    /** Output guards in the order they screen; none by default. */
    public StandardPipeline guards(List<? extends OutputGuard> value) {
        this.guards = List.copyOf(Checks.present(value, "guards"));
        return this;
    }

    public StandardPipeline auditLog(AuditLog value) {
        this.auditLog = Checks.present(value, "auditLog");
        return this;
    }

    public StandardPipeline redactor(Redactor value) {
        this.redactor = Checks.present(value, "redactor");
        return this;
    }

    public StandardPipeline argumentLimits(ArgumentLimits value) {
        this.limits = Checks.present(value, "argumentLimits");
        return this;
    }

    /** Obligation names that steps added later carry out; any other obligation refuses the call. */
    public StandardPipeline fulfilledObligations(Set<String> value) {
        this.fulfilledObligations = Set.copyOf(Checks.present(value, "fulfilledObligations"));
        return this;
    }

    /**
     * Where sessions' flow state lives and each tool's flow configuration; by default 10,000 sessions in memory and
     * every tool unconfigured (untrusted output, no sinks).
     */
    public StandardPipeline flow(FlowStates sessionFlows, Function<String, ToolFlow> tools) {
        this.flows = Checks.present(sessionFlows, "sessionFlows");
        this.toolFlows = Checks.present(tools, "tools");
        return this;
    }

    public StandardPipeline clock(InstantSource value) {
        this.clock = Checks.present(value, "clock");
        return this;
    }

    /** The standard steps in a builder still open for insertions. */
    public CallPipeline.Builder steps() {
        return CallPipeline.builder()
                .clock(clock)
                .step(new AuditStep(required(auditLog, "auditLog"), required(redactor, "redactor")))
                .step(new AuthenticateStep(required(authenticator, "authenticator")))
                .step(new ResolveToolStep(required(tools, "tools")))
                .step(new ValidateArgumentsStep(new ArgumentValidator(limits)))
                .step(new SessionStep(required(sessions, "sessions")))
                .step(new FlowStep(flows, toolFlows))
                .step(new DecideStep(required(policies, "policies"), fulfilledObligations))
                .step(new RecordAttemptStep(auditLog, redactor))
                .step(new ExecuteStep(tools))
                .step(new ScreenOutputStep(guards));
    }

    public CallPipeline build() {
        return steps().build();
    }

    private static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, "the standard pipeline needs " + name);
    }
}
