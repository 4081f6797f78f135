package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntentHeaderTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Agent BOT = new Agent("bot", "owner@example.com", Set.of(), Map.of(), AgentStatus.ACTIVE, NOW);
    private static final Principal AGENT = new Principal(BOT, Optional.empty(), "t1", Set.of(), NOW.plusSeconds(60));
    private static final Principal DELEGATED = new Principal(BOT, Optional.of(new User("alice", Set.of(), Map.of())),
            "t2", Set.of(), NOW.plusSeconds(60));

    private static HttpServletRequest withHeaders(String... values) {
        return (HttpServletRequest) Proxy.newProxyInstance(IntentHeaderTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeaders") && IntentHeader.NAME.equals(args[0])) {
                        return Collections.enumeration(List.of(values));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aDelegatedSessionDeclaresPercentEncodedUtf8() {
        assertThat(IntentHeader.read(withHeaders("Pay%20M%C3%BCller%20DE89370400440532013000"), DELEGATED))
                .isEqualTo(new IntentHeader.Outcome.Declared("Pay Müller DE89370400440532013000"));
        assertThat(IntentHeader.read(withHeaders(), DELEGATED)).isEqualTo(new IntentHeader.Outcome.Absent());
    }

    @Test
    void anAgentsOwnTokenCannotDeclareIntent() {
        assertThat(IntentHeader.read(withHeaders("pay%20evil"), AGENT)).isInstanceOfSatisfying(
                IntentHeader.Outcome.Refused.class, r -> {
                    assertThat(r.status()).isEqualTo(403);
                    assertThat(r.reason()).isEqualTo("INTENT_NOT_DELEGATED");
                });
    }

    @Test
    void refusesRepeatedMalformedAndOversizedHeaders() {
        assertThat(reason(withHeaders("a", "b"))).isEqualTo("INTENT_REPEATED");
        assertThat(reason(withHeaders("100%"))).isEqualTo("INTENT_MALFORMED");
        assertThat(reason(withHeaders("%C3%28"))).as("invalid UTF-8").isEqualTo("INTENT_MALFORMED");
        assertThat(reason(withHeaders("x".repeat(IntentHeader.MAX_CHARS + 1)))).isEqualTo("INTENT_TOO_LONG");
        assertThat(reason(withHeaders("%41".repeat(IntentHeader.MAX_CHARS + 1)))).isEqualTo("INTENT_TOO_LONG");
        assertThat(IntentHeader.read(withHeaders("x".repeat(IntentHeader.MAX_CHARS)), DELEGATED))
                .isInstanceOf(IntentHeader.Outcome.Declared.class);
    }

    private static String reason(HttpServletRequest request) {
        return ((IntentHeader.Outcome.Refused) IntentHeader.read(request, DELEGATED)).reason();
    }
}
