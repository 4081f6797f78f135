package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.server.streams.StreamBounds;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {
    @Test
    void defaultsAreTheDocumentedBounds() {
        assertThat(BulwarkConfig.defaults().server().streams().on()).isTrue();
        assertThat(BulwarkConfig.defaults().server().streams().bounds()).isEqualTo(StreamBounds.DEFAULTS);
        assertThat(StreamBounds.DEFAULTS.retry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(StreamBounds.DEFAULTS.retention()).isEqualTo(Duration.ofMinutes(5));
        assertThat(StreamBounds.DEFAULTS.maxBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void readsTheStreamsSectionFromYaml() {
        StreamSettings settings = new ConfigLoader().parse("""
                server:
                  streams:
                    enabled: false
                    retry: 500ms
                    retention: 1m
                    maxEventsPerStream: 10
                    maxBytesPerStream: 2048
                    maxStreamsPerSession: 4
                    maxBytesPerSession: 4096
                    maxSessions: 7
                    maxBytes: 8192
                """, "test.yaml").server().streams();
        assertThat(settings.on()).isFalse();
        StreamBounds b = settings.bounds();
        assertThat(b).isEqualTo(new StreamBounds(Duration.ofMillis(500), Duration.ofMinutes(1), 10, 2048, 4, 4096, 7,
                8192));
        assertThatThrownBy(() -> new ConfigLoader().parse("server:\n  streams:\n    maxEvents: 5\n", "test.yaml"))
                .hasMessageContaining("unknown key 'maxEvents'");
    }

    @Test
    void refusesUnboundedOrInconsistentValues() {
        assertThatThrownBy(() -> new StreamSettings(null, "11m", null, null, null, null, null, null, null))
                .hasMessageContaining("server.streams");
        assertThatThrownBy(() -> new StreamSettings(null, null, "2d", null, null, null, null, null, null))
                .hasMessageContaining("server.streams");
        assertThatThrownBy(() -> new StreamSettings(null, null, null, 0, null, null, null, null, null))
                .hasMessageContaining("server.streams");
        assertThatThrownBy(() -> new StreamSettings(null, null, null, null, 100L, null, null, null, null))
                .hasMessageContaining("server.streams");
        assertThatThrownBy(() -> new StreamSettings(null, null, null, null, null, null, 1L << 30, null, null))
                .hasMessageContaining("maxBytesPerSession <= maxBytes");
    }
}
