package dev.bulwark.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.identity.User;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CallBindingTest {
    static Principal principal(String agent, String user) {
        return new Principal(new Agent(agent, "o", Set.of(), Map.of(), AgentStatus.ACTIVE, Instant.EPOCH),
                Optional.ofNullable(user).map(u -> new User(u, Set.of(), Map.of())), "jti", Set.of(),
                Instant.EPOCH.plusSeconds(60));
    }

    /** Golden cases: the canonical text of a value. */
    static Stream<Arguments> canonicalForms() {
        Map<String, Object> unordered = new LinkedHashMap<>();
        unordered.put("b", 1);
        unordered.put("a", List.of(true, "x"));
        return Stream.of(
                Arguments.of(unordered, "{\"a\":[true,\"x\"],\"b\":1}"),
                Arguments.of(Map.of("n", 1.0), "{\"n\":1}"),
                Arguments.of(Map.of("n", new BigDecimal("1E+2")), "{\"n\":1E+2}"),
                Arguments.of(Map.of("n", 100L), "{\"n\":1E+2}"),
                Arguments.of(Map.of("n", -0.0), "{\"n\":0}"),
                Arguments.of(Map.of("s", "a\"b\\c\n"), "{\"s\":\"a\\\"b\\\\c\\u000a\"}"),
                Arguments.of(Map.of("s", "ü€"), "{\"s\":\"ü€\"}"));
    }

    @ParameterizedTest
    @MethodSource("canonicalForms")
    void writesCanonicalJson(Object value, String expected) {
        assertThat(CallBinding.canonical(value)).isEqualTo(expected);
    }

    @Test
    void theSameCallHasTheSameBindingHoweverItsJsonWasSpelled() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("id", 42);
        a.put("reason", "gdpr");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("reason", "gdpr");
        b.put("id", new BigDecimal("42.0"));
        assertThat(CallBinding.of("crm.delete", a, principal("bot", "alice")))
                .isEqualTo(CallBinding.of("crm.delete", b, principal("bot", "alice")))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void everyPartOfTheCallChangesTheBinding() {
        String base = CallBinding.of("crm.delete", Map.of("id", 42), principal("bot", "alice"));
        assertThat(List.of(
                CallBinding.of("crm.remove", Map.of("id", 42), principal("bot", "alice")),
                CallBinding.of("crm.delete", Map.of("id", 43), principal("bot", "alice")),
                CallBinding.of("crm.delete", Map.of("id", "42"), principal("bot", "alice")),
                CallBinding.of("crm.delete", Map.of("id", 42, "x", false), principal("bot", "alice")),
                CallBinding.of("crm.delete", Map.of("id", 42), principal("bot2", "alice")),
                CallBinding.of("crm.delete", Map.of("id", 42), principal("bot", "bob")),
                CallBinding.of("crm.delete", Map.of("id", 42), principal("bot", null))))
                .doesNotContain(base).doesNotHaveDuplicates();
    }

    @Test
    void refusesNonJsonValues() {
        assertThatThrownBy(() -> CallBinding.canonical(Map.of("x", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallBinding.canonical(Map.of("x", new Object())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
