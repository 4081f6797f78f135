package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OAuthSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void interactiveLoginIsOffByDefault() {
        OAuthSettings oauth = loader.parse("identity: {}\n", "test").identity().oauth();
        assertThat(oauth.enabled()).isFalse();
        assertThat(oauth.registrationAgent()).isNull();
        assertThat(oauth.codeLifetime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(oauth.refreshLifetime()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void theDocumentedSettingsLoad() {
        BulwarkConfig config = loader.parse("""
                identity:
                  oauth:
                    enabled: true
                    registrationAgent: support-bot
                    codeTtl: 30s
                    refreshTtl: 8h
                    federation:
                      issuer: https://idp.example.com/realms/corp
                      clientId: bulwark
                      displayName: Corp SSO
                      subjects: {"00u1abcd": alice}
                      provisionRoles: [staff]
                """, "test");
        OAuthSettings oauth = config.identity().oauth();
        assertThat(oauth.enabled()).isTrue();
        assertThat(oauth.registrationAgent()).isEqualTo("support-bot");
        assertThat(oauth.codeLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(oauth.federation().subjects()).containsEntry("00u1abcd", "alice");
        assertThat(oauth.federation().autoProvision()).isFalse();
        assertThat(oauth.federation().provisionRoles()).containsExactly("staff");
    }

    @Test
    void longLivedCodesUnknownKeysAndIncompleteFederationAreRefused() {
        assertThatThrownBy(() -> loader.parse("identity: {oauth: {codeTtl: 1h}}\n", "test"))
                .hasMessageContaining("codeTtl");
        assertThatThrownBy(() -> loader.parse("identity: {oauth: {refreshTtl: 90d}}\n", "test"))
                .hasMessageContaining("refreshTtl");
        assertThatThrownBy(() -> loader.parse("identity: {oauth: {enable: true}}\n", "test"))
                .hasMessageContaining("enable");
        assertThatThrownBy(() -> loader.parse("identity: {oauth: {federation: {clientId: x}}}\n", "test"))
                .hasMessageContaining("issuer");
    }
}
