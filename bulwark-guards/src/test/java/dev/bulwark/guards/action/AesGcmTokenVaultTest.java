package dev.bulwark.guards.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AesGcmTokenVaultTest {
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 7);
    }

    private final AesGcmTokenVault vault = new AesGcmTokenVault(KEY, RestorePolicy.roleInSession("pii-restorer"), 100);

    private static RestoreAuthorisation auth(String session, String... roles) {
        return new RestoreAuthorisation("alice", Set.of(roles), session, "customer asked for a copy");
    }

    @Test
    void sameValueGetsSameTokenWithinASession() {
        String a = vault.tokenize("s1", "EMAIL_ADDRESS", "jane@example.com");
        String b = vault.tokenize("s1", "EMAIL_ADDRESS", "jane@example.com");
        assertThat(a).isEqualTo(b).startsWith("<EMAIL_TK_").doesNotContain("jane");
        assertThat(vault.size()).isEqualTo(1);
    }

    @Test
    void tokensDifferAcrossSessionsAndValues() {
        String a = vault.tokenize("s1", "EMAIL_ADDRESS", "jane@example.com");
        assertThat(vault.tokenize("s2", "EMAIL_ADDRESS", "jane@example.com")).isNotEqualTo(a);
        assertThat(vault.tokenize("s1", "EMAIL_ADDRESS", "john@example.com")).isNotEqualTo(a);
    }

    @Test
    void restoresForAnAuthorisedCallerInTheTokensSession() {
        String token = vault.tokenize("s1", "US_SSN", "536-22-8726");
        assertThat(vault.restore(token, auth("s1", "pii-restorer"))).isEqualTo("536-22-8726");
        assertThat(vault.restore(token, auth("*", "pii-restorer"))).isEqualTo("536-22-8726");
    }

    @Test
    void refusesCallersWithoutTheRoleOrForAnotherSession() {
        String token = vault.tokenize("s1", "US_SSN", "536-22-8726");
        assertThatThrownBy(() -> vault.restore(token, auth("s1", "viewer")))
                .isInstanceOf(RestoreDeniedException.class);
        assertThatThrownBy(() -> vault.restore(token, auth("s2", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class);
    }

    @Test
    void refusesUnknownTokens() {
        assertThatThrownBy(() -> vault.restore("<EMAIL_TK_000000000000>", auth("s1", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class).hasMessageContaining("unknown");
        assertThatThrownBy(() -> vault.restore(null, auth("s1", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class);
    }

    @Test
    void nobodyPolicyNeverRestores() {
        AesGcmTokenVault closed = new AesGcmTokenVault(KEY, RestorePolicy.nobody(), 10);
        String token = closed.tokenize("s1", "PERSON", "Jane Doe");
        assertThatThrownBy(() -> closed.restore(token, auth("*", "admin", "pii-restorer")))
                .isInstanceOf(RestoreDeniedException.class);
    }

    @Test
    void failsClosedWhenFull() {
        AesGcmTokenVault tiny = new AesGcmTokenVault(KEY, RestorePolicy.nobody(), 1);
        tiny.tokenize("s", "PERSON", "a");
        assertThatThrownBy(() -> tiny.tokenize("s", "PERSON", "b")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full");
    }

    @Test
    void anotherKeyGivesOtherTokens() {
        byte[] other = new byte[32];
        AesGcmTokenVault second = new AesGcmTokenVault(other, RestorePolicy.nobody(), 10);
        assertThat(second.tokenize("s1", "PERSON", "Jane")).isNotEqualTo(vault.tokenize("s1", "PERSON", "Jane"));
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        assertThatThrownBy(() -> new AesGcmTokenVault(new byte[16], RestorePolicy.nobody(), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
    }
}
