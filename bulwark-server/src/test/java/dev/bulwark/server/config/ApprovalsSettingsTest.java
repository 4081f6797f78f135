package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalsSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsPauseCallsForFifteenMinutesAndHoldThemFiveSeconds() {
        ApprovalsSettings s = BulwarkConfig.defaults().approvals();
        assertThat(s.on()).isTrue();
        assertThat(s.timeToLive()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.waitTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.fourEyes()).isEmpty();
        assertThat(s.webhooks()).isEmpty();
    }

    @Test
    void readsTheApprovalsSection() {
        ApprovalsSettings s = loader.parse("""
                approvals:
                  ttl: 30m
                  wait: 0s
                  fourEyes: ["crm.delete_*", "payments.*"]
                  webhooks: ["https://hooks.slack.com/services/T/B/X"]
                """, "test").approvals();
        assertThat(s.timeToLive()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.waitTime()).isZero();
        assertThat(s.fourEyes()).containsExactly("crm.delete_*", "payments.*");
        assertThat(s.webhooks()).hasSize(1);
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> loader.parse("approvals:\n  webhooks: [\"file:///etc/passwd\"]\n", "test"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http(s) URL");
        assertThatThrownBy(() -> loader.parse("approvals:\n  ttl: forever\n", "test"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> loader.parse("approvals:\n  approvers: [bob]\n", "test"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("approvers");
    }
}
