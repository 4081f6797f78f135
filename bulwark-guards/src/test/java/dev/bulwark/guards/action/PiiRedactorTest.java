package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.guards.detect.PatternPiiDetector;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {
    static final byte[] KEY = new byte[32];
    static final PatternPiiDetector DETECTOR = new PatternPiiDetector();

    static PiiRedactor redactor(PiiRules outputRules, TokenVault vault) {
        return new PiiRedactor(DETECTOR, new PiiRules.ByDestination(Map.of(Destination.TOOL_OUTPUT, outputRules)),
                KEY, vault);
    }

    @Test
    void redactsWithPlaceholdersNumberedStablyWithinASession() {
        PiiRedactor r = redactor(PiiRules.all(PiiAction.REDACT), null);
        Redaction first = r.redact("Mail a@example.com and b@example.com, then a@example.com again",
                Destination.TOOL_OUTPUT, "s1");
        assertThat(first.text()).isEqualTo("Mail <EMAIL_1> and <EMAIL_2>, then <EMAIL_1> again");
        Redaction later = r.redact("Reply to b@example.com", Destination.TOOL_OUTPUT, "s1");
        assertThat(later.text()).isEqualTo("Reply to <EMAIL_2>");
        Redaction other = r.redact("Reply to b@example.com", Destination.TOOL_OUTPUT, "s2");
        assertThat(other.text()).isEqualTo("Reply to <EMAIL_1>");
    }

    @Test
    void masksKeepingTheLastFour() {
        PiiRedactor r = redactor(PiiRules.all(PiiAction.MASK), null);
        assertThat(r.redact("card 4111 1111 1111 1111 ok", Destination.TOOL_OUTPUT, "s").text())
                .isEqualTo("card ****1111 ok");
        assertThat(PiiRedactor.mask("12-34")).isEqualTo("****");
    }

    @Test
    void hashesWithAKeyedStableDigest() {
        PiiRedactor r = redactor(PiiRules.all(PiiAction.HASH), null);
        String a = r.redact("ssn 536-22-8726", Destination.TOOL_OUTPUT, "s1").text();
        String b = r.redact("ssn 536-22-8726", Destination.TOOL_OUTPUT, "s2").text();
        assertThat(a).isEqualTo(b).matches("ssn <SSN#[0-9a-f]{12}>");
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        PiiRedactor keyed = new PiiRedactor(DETECTOR, new PiiRules.ByDestination(
                Map.of(Destination.TOOL_OUTPUT, PiiRules.all(PiiAction.HASH))), otherKey, null);
        assertThat(keyed.redact("ssn 536-22-8726", Destination.TOOL_OUTPUT, "s1").text()).isNotEqualTo(a);
    }

    @Test
    void hashDigestsStayTheSameAcrossRepeatedUseAndThreads() throws Exception {
        PiiRedactor r = redactor(PiiRules.all(PiiAction.HASH), null);
        String first = r.redact("ssn 536-22-8726", Destination.TOOL_OUTPUT, "s1").text();
        String other = r.redact("ssn 536-22-8727", Destination.TOOL_OUTPUT, "s1").text();
        assertThat(other).as("a reused HMAC starts afresh for each value").isNotEqualTo(first);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String text = i % 2 == 0 ? "ssn 536-22-8726" : "ssn 536-22-8727";
                results.add(pool.submit(() -> r.redact(text, Destination.TOOL_OUTPUT, "s1").text()));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? first : other);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokenizesIntoTheVaultAndRestoresWithAuthorisation() {
        AesGcmTokenVault vault = new AesGcmTokenVault(KEY, RestorePolicy.roleInSession("pii-restorer"), 100);
        PiiRedactor r = redactor(PiiRules.all(PiiAction.TOKENIZE), vault);
        Redaction red = r.redact("write to jane@example.com", Destination.TOOL_OUTPUT, "s1");
        String token = red.text().substring("write to ".length());
        assertThat(token).startsWith("<EMAIL_TK_");
        assertThat(vault.restore(token, new RestoreAuthorisation("ops", Set.of("pii-restorer"), "s1", "audit")))
                .isEqualTo("jane@example.com");
    }

    @Test
    void tokenizeWithoutAVaultFailsClosed() {
        PiiRedactor r = redactor(PiiRules.all(PiiAction.TOKENIZE), null);
        assertThatThrownBy(() -> r.redact("write to jane@example.com", Destination.TOOL_OUTPUT, "s1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void blockReportsTheTypeAndStillRedactsTheText() {
        PiiRedactor r = redactor(new PiiRules(Map.of("API_KEY", PiiAction.BLOCK), PiiAction.ALLOW, 0), null);
        Redaction red = r.redact("key AKIAIOSFODNN7EXAMPLE and mail jane@example.com", Destination.TOOL_OUTPUT, "s");
        assertThat(red.blocked()).isTrue();
        assertThat(red.blockedTypes()).containsExactly("API_KEY");
        assertThat(red.text()).doesNotContain("AKIA").contains("jane@example.com");
    }

    @Test
    void destinationsWithoutRulesRedactEverything() {
        PiiRedactor r = redactor(PiiRules.all(PiiAction.ALLOW), null);
        assertThat(r.redact("mail jane@example.com", Destination.EGRESS_ARGUMENTS, "s").text())
                .isEqualTo("mail <EMAIL_1>");
    }

    @Test
    void rulesRejectMalformedTypes() {
        assertThatThrownBy(() -> new PiiRules(Map.of("email", PiiAction.REDACT), PiiAction.REDACT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
