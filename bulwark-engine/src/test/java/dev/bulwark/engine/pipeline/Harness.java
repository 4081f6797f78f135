package dev.bulwark.engine.pipeline;

import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.engine.session.InMemorySessionStore;
import dev.bulwark.engine.tools.ToolRegistry;
import dev.bulwark.engine.validation.ArgumentLimits;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A standard pipeline over fakes: agent {@code alice} (token {@code t-alice}) and {@code bob} ({@code t-bob}). */
final class Harness {
    static final String SCHEMA = """
            {"type":"object","properties":{"q":{"type":"string","maxLength":100},"limit":{"type":"integer"}},
             "required":["q"],"additionalProperties":false}""";

    final Tool search = Fakes.tool("docs.search", SCHEMA, Set.of("internal"));
    final Fakes.FakeAuthenticator authenticator = new Fakes.FakeAuthenticator()
            .accept("t-alice", Fakes.principal("alice"))
            .accept("t-bob", Fakes.principal("bob"));
    final Fakes.FakePolicyEngine policies = new Fakes.FakePolicyEngine();
    final Fakes.FakeConnector docs = new Fakes.FakeConnector("docs", search);
    final Fakes.RecordingAuditLog audit = new Fakes.RecordingAuditLog();
    final InMemorySessionStore sessions = new InMemorySessionStore(Duration.ofMinutes(30), 1000,
            InstantSource.fixed(Fakes.NOW));
    final List<OutputGuard> guards = new ArrayList<>();
    ArgumentLimits limits = ArgumentLimits.DEFAULT;
    Set<String> fulfilled = Set.of();

    StandardPipeline standard() {
        return StandardPipeline.builder()
                .authenticator(authenticator)
                .tools(new ToolRegistry(List.of(docs)))
                .policies(policies)
                .sessions(sessions)
                .guards(guards)
                .auditLog(audit)
                .redactor(new KeyPatternRedactor())
                .argumentLimits(limits)
                .fulfilledObligations(fulfilled)
                .clock(InstantSource.fixed(Fakes.NOW));
    }

    CallPipeline pipeline() {
        return standard().build();
    }

    static CallRequest request(String token, String tool, Map<String, Object> arguments) {
        return new CallRequest(token, "s-1", tool, arguments, ProgressListener.IGNORE);
    }

    static CallRequest searchAs(String token) {
        return request(token, "docs.search", Map.of("q", "quarterly report"));
    }
}
