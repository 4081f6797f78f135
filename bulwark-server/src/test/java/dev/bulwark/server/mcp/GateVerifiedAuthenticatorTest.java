package dev.bulwark.server.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Authentication;
import dev.bulwark.spi.identity.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GateVerifiedAuthenticatorTest {
    private final AtomicInteger delegateCalls = new AtomicInteger();
    private final Authentication.Rejected refused =
            new Authentication.Rejected(Authentication.Reason.REVOKED, "revoked");
    private final GateVerifiedAuthenticator auth = new GateVerifiedAuthenticator(token -> {
        delegateCalls.incrementAndGet();
        return refused;
    });
    private final Authentication.Authenticated verified = new Authentication.Authenticated(new Principal(
            new Agent("a", "o", Set.of(), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH), Optional.empty(), "jti",
            Set.of(), Instant.now().plusSeconds(60)));

    @Test
    void reusesTheGateResultForTheSameCredentialDuringTheCall() {
        Authentication seen = auth.during("tok", verified, () -> auth.authenticate("tok"));
        assertThat(seen).isSameAs(verified);
        assertThat(delegateCalls).hasValue(0);
    }

    @Test
    void verifiesAnyOtherCredentialInFull() {
        Authentication seen = auth.during("tok", verified, () -> auth.authenticate("other"));
        assertThat(seen).isSameAs(refused);
        assertThat(delegateCalls).hasValue(1);
    }

    @Test
    void verifiesInFullOutsideACallAndAfterIt() {
        auth.during("tok", verified, () -> "done");
        assertThat(auth.authenticate("tok")).isSameAs(refused);
        assertThat(delegateCalls).hasValue(1);
    }

    @Test
    void aRejectedGateResultIsNeverReused() {
        Authentication seen = auth.during("tok", refused, () -> auth.authenticate("tok"));
        assertThat(seen).isSameAs(refused);
        assertThat(delegateCalls).hasValue(1);
    }
}
