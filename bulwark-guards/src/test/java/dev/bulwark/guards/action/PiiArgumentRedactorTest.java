package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiArgumentRedactorTest {
    private final PiiArgumentRedactor redactor = new PiiArgumentRedactor(new PiiRedactor(PiiRedactorTest.DETECTOR,
            PiiRules.ByDestination.standard(), PiiRedactorTest.KEY, null));

    @Test
    void redactsPiiInNestedArgumentsForEgress() {
        Map<String, Object> args = Map.of("to", "https://api.example.net/hook",
                "body", Map.of("note", "customer jane@example.com", "tags", List.of("x", "call 415-555-2671")),
                "count", 3);
        EgressScreening s = redactor.screenEgress(args, "s1");
        assertThat(s).isInstanceOf(EgressScreening.Allowed.class);
        EgressScreening.Allowed a = (EgressScreening.Allowed) s;
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) a.arguments().get("body");
        assertThat(body.get("note")).isEqualTo("customer <EMAIL_1>");
        assertThat(body.get("tags")).isEqualTo(List.of("x", "call <PHONE_1>"));
        assertThat(a.arguments().get("count")).isEqualTo(3);
        assertThat(a.types()).contains("EMAIL_ADDRESS", "PHONE_NUMBER");
    }

    @Test
    void blocksEgressCarryingSecrets() {
        EgressScreening s = redactor.screenEgress(Map.of("q", "key AKIAIOSFODNN7EXAMPLE"), "s1");
        assertThat(s).isInstanceOf(EgressScreening.Blocked.class);
        assertThat(((EgressScreening.Blocked) s).reason()).contains("API_KEY").doesNotContain("AKIA");
        assertThat(redactor.screenEgress(Map.of("api_key", "hello"), "s1"))
                .isInstanceOf(EgressScreening.Blocked.class);
    }

    @Test
    void auditRedactionReplacesCredentialKeysAndNeverBlocks() {
        Map<String, Object> out = redactor.redact(Map.of("Password", "hunter2", "author", "plain words",
                "note", "token ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A"));
        assertThat(out.get("Password")).isEqualTo("<SECRET>");
        assertThat(out.get("author")).isEqualTo("plain words");
        assertThat((String) out.get("note")).doesNotContain("ghp_").contains("<API_KEY_");
    }

    @Test
    void refusesHostileTrees() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cur = deep;
        for (int i = 0; i < 100; i++) {
            Map<String, Object> next = new HashMap<>();
            cur.put("a", next);
            cur = next;
        }
        assertThatThrownBy(() -> redactor.redact(deep)).isInstanceOf(IllegalArgumentException.class);
        Map<String, Object> odd = new HashMap<>();
        odd.put("x", new Object());
        assertThatThrownBy(() -> redactor.redact(odd)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The former definition, a regular expression over the normalised key; the hand-written check must agree. */
    private static boolean credentialKeyByRegex(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return k.matches(".*(?:password|passwd|passphrase|pwd|secret|apikey|accesskey|privatekey|token"
                + "|authorization|credential|cookie|sessionid|bearer)s?");
    }

    @Test
    void credentialKeysAreRecognisedAsTheRegularExpressionDid() {
        List<String> parts = List.of("", "x", "s", "S", "_", "-", " ", "user", "Pass", "word", "password", "PASSWD",
                "pass_phrase", "pwd", "secret", "api", "Key", "api-key", "access_key", "private.key", "token", "Auth",
                "authorization", "credential", "cookie", "session", "sessionId", "bearer", "ss", "İ", "é", "1", "ﬀ");
        java.util.Random random = new java.util.Random(7);
        int positives = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder key = new StringBuilder();
            for (int k = random.nextInt(4); k >= 0; k--) {
                key.append(parts.get(random.nextInt(parts.size())));
            }
            String k = key.toString();
            boolean expected = credentialKeyByRegex(k);
            positives += expected ? 1 : 0;
            assertThat(PiiArgumentRedactor.credentialKey(k)).as(k).isEqualTo(expected);
        }
        assertThat(positives).as("the generated keys include credential keys").isGreaterThan(1_000);
        assertThat(PiiArgumentRedactor.credentialKey("Session-Tokens")).isTrue();
        assertThat(PiiArgumentRedactor.credentialKey("tokenizer")).isFalse();
    }
}
