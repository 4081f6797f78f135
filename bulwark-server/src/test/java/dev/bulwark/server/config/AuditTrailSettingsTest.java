package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AuditTrailSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void keepsEverythingAndForwardsNothingByDefault() {
        AuditTrailSettings trail = loader.parse("", "b.yaml").auditTrail();

        assertThat(trail.keepDuration()).isNull();
        assertThat(trail.syslog()).isNull();
        assertThat(trail.pruneInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(trail.from()).isEqualTo("now");
    }

    @Test
    void readsEveryKey() {
        AuditTrailSettings trail = loader.parse("""
                auditTrail:
                  keep: 90d
                  pruneEvery: 15m
                  syslog: siem.example:6514
                  tls: true
                  trustStore: /etc/bulwark/siem-ca.p12
                  from: start
                """, "b.yaml").auditTrail();

        assertThat(trail.keepDuration()).isEqualTo(Duration.ofDays(90));
        assertThat(trail.pruneInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(trail.syslog()).isEqualTo("siem.example:6514");
        assertThat(trail.tls()).isTrue();
        assertThat(trail.from()).isEqualTo("start");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "keep: 10m|auditTrail.keep must be at least 1h",
            "keep: forever|auditTrail.keep",
            "pruneEvery: 500ms|auditTrail.pruneEvery must be at least 1s",
            "syslog: siem.example|auditTrail.syslog must be host:port",
            "syslog: 'a b:514'|auditTrail.syslog must be host:port",
            "from: yesterday|auditTrail.from must be now or start",
            "sylsog: x:1|unknown key 'sylsog'"})
    void refusesBadValuesNamingTheKey(String line, String message) {
        assertThatThrownBy(() -> loader.parse("auditTrail:\n  " + line + "\n", "b.yaml"))
                .hasMessageContaining(message);
    }
}
