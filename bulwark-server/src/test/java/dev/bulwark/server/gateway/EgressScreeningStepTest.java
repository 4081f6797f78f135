package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.engine.pipeline.CallContext;
import dev.bulwark.engine.pipeline.CallOutcome;
import dev.bulwark.engine.pipeline.CallRequest;
import dev.bulwark.engine.pipeline.Conclusion;
import dev.bulwark.engine.pipeline.Refusal;
import dev.bulwark.guards.action.Destination;
import dev.bulwark.guards.action.PiiAction;
import dev.bulwark.guards.action.PiiArgumentRedactor;
import dev.bulwark.guards.action.PiiRedactor;
import dev.bulwark.guards.action.PiiRules;
import dev.bulwark.guards.action.RestoreAuthorisation;
import dev.bulwark.guards.action.TokenVault;
import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EgressScreeningStepTest {
    private static final Map<String, Object> ARGUMENTS = Map.of("text", "please mail jane.doe@example.org today");

    /** A vault whose database is gone. */
    private static final TokenVault UNAVAILABLE = new TokenVault() {
        @Override
        public String tokenize(String sessionId, String type, String value) {
            throw new IllegalStateException("token vault unavailable: connection refused");
        }

        @Override
        public String restore(String token, RestoreAuthorisation authorisation) {
            throw new IllegalStateException("token vault unavailable: connection refused");
        }
    };

    private static EgressScreeningStep step(TokenVault vault) {
        return new EgressScreeningStep(new PiiArgumentRedactor(new PiiRedactor(new PatternPiiDetector(),
                new PiiRules.ByDestination(Map.of(Destination.EGRESS_ARGUMENTS, PiiRules.all(PiiAction.TOKENIZE))),
                new byte[32], vault)));
    }

    private static CallContext egressCall() {
        return CallContext.start(new CallRequest(null, "s1", "mail.send", ARGUMENTS, null), Instant.EPOCH, 0)
                .withTool(new Tool("mail.send", "sends mail", "{\"type\":\"object\"}", ToolKind.EGRESS, "mail",
                        Set.of()))
                .withArguments(ARGUMENTS);
    }

    @Test
    void sendsNothingWhenTheVaultCannotTokenize() {
        AtomicReference<CallContext> sent = new AtomicReference<>();
        Conclusion c = step(UNAVAILABLE).handle(egressCall(), call -> {
            sent.set(call);
            throw new AssertionError("the connector must not be reached");
        });
        assertThat(sent.get()).isNull();
        assertThat(c.outcome()).isInstanceOfSatisfying(CallOutcome.Refused.class, r -> {
            assertThat(r.code()).isEqualTo(Refusal.INTERNAL_ERROR);
            assertThat(r.message()).contains("egress blocked").doesNotContain("jane.doe");
        });
    }

    @Test
    void sendsTokensWhenTheVaultWorks() {
        AtomicReference<CallContext> sent = new AtomicReference<>();
        step(new dev.bulwark.guards.action.AesGcmTokenVault(new byte[32],
                dev.bulwark.guards.action.RestorePolicy.nobody(), 10)).handle(egressCall(), call -> {
                    sent.set(call);
                    return call.refuse(Refusal.CONNECTOR_FAILED, "stop here");
                });
        assertThat(sent.get().requireArguments().get("text").toString()).doesNotContain("jane.doe")
                .containsPattern("<EMAIL[A-Z_]*_TK_[0-9a-f]{16}>");
    }
}
