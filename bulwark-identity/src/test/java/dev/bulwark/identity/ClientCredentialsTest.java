package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientCredentialsTest {
    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsFormEncodedIdAndSecret() {
        ClientCredentials c = ClientCredentials.fromBasicHeader(basic("bot:bwk_bot_a%3Ab%2Bc")).orElseThrow();

        assertThat(c.clientId()).isEqualTo("bot");
        assertThat(c.clientSecret()).isEqualTo("bwk_bot_a:b+c");
    }

    @Test
    void schemeIsCaseInsensitiveAndSecretMayContainColons() {
        ClientCredentials c = ClientCredentials.fromBasicHeader("bAsIc " + Base64.getEncoder()
                .encodeToString("bot:a:b".getBytes(StandardCharsets.UTF_8))).orElseThrow();

        assertThat(c.clientSecret()).isEqualTo("a:b");
    }

    @Test
    void ignoresMissingHeadersAndOtherSchemes() {
        assertThat(ClientCredentials.fromBasicHeader(null)).isEmpty();
        assertThat(ClientCredentials.fromBasicHeader("Bearer abc")).isEmpty();
        assertThat(ClientCredentials.fromBasicHeader("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic ", "Basic !!!", "Basic Ym90", "Basic OnNlY3JldA==", "Basic Ym90Og==",
            "Basic //79/w==", "Basic Ym90OiV6eg=="})
    void refusesMalformedBasicHeadersWithoutQuotingThem(String header) {
        assertThatThrownBy(() -> ClientCredentials.fromBasicHeader(header))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(header.substring(6).isEmpty()
                        ? "\u0000" : header.substring(6)));
    }

    @Test
    void refusesOverlongHeaders() {
        assertThatThrownBy(() -> ClientCredentials.fromBasicHeader(basic("bot:" + "a".repeat(5000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(new ClientCredentials("bot", "s3cr3t").toString()).contains("bot").doesNotContain("s3cr3t");
    }
}
