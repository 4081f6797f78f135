package dev.bulwark.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenSettingsTest {
    @Test
    void defaultsAreShortLivedTokensAndSmallSkew() {
        TokenSettings s = TokenSettings.of("https://gw.example.com", "https://gw.example.com/mcp");

        assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxTokenLength()).isEqualTo(8192);
    }

    @Test
    void refusesNonUrlIssuerOrAudienceAndBadDurations() {
        assertThatThrownBy(() -> TokenSettings.of("gateway", "https://gw/mcp"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenSettings.of("https://gw", " "))
                .isInstanceOf(IllegalArgumentException.class);
        TokenSettings s = TokenSettings.of("https://gw", "https://gw/mcp");
        assertThatThrownBy(() -> s.withAccessTokenTtl(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withClockSkew(Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withAllowedScopes(Set.of("has space")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
