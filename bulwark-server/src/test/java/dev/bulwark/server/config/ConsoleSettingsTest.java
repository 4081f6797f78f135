package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsoleSettingsTest {
    @Test
    void defaultsServeTheConsoleWithBoundedSessions() {
        ConsoleSettings d = BulwarkConfig.defaults().console();
        assertThat(d.on()).isTrue();
        assertThat(d.idle()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.age()).isEqualTo(Duration.ofHours(8));
        assertThat(d.maxSessions()).isEqualTo(1000);
    }

    @Test
    void readsTheConsoleSectionFromYaml() {
        ConsoleSettings c = new ConfigLoader().parse("console:\n  enabled: false\n  idleTimeout: 5m\n  maxAge: 1h\n"
                + "  maxSessions: 3\n", "test.yaml").console();
        assertThat(c.on()).isFalse();
        assertThat(c.idle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.age()).isEqualTo(Duration.ofHours(1));
        assertThat(c.maxSessions()).isEqualTo(3);
        assertThatThrownBy(() -> new ConfigLoader().parse("console:\n  idle: 5m\n", "test.yaml"))
                .hasMessageContaining("unknown key 'idle'");
    }

    @ParameterizedTest
    @CsvSource({"0s,8h,1", "25h,8h,1", "30m,8d,1", "30m,8h,0", "30m,8h,100001", "soon,8h,1"})
    void refusesUnboundedOrBrokenValues(String idle, String age, int max) {
        assertThatThrownBy(() -> new ConsoleSettings(true, idle, age, max))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("console.");
    }
}
