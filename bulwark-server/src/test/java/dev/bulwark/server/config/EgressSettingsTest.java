package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EgressSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void bothConnectorsAreOffByDefault() {
        BulwarkConfig config = BulwarkConfig.defaults();
        assertThat(config.egress().on()).isFalse();
        assertThat(config.files().on()).isFalse();
    }

    @Test
    void readsTheSections() {
        BulwarkConfig config = loader.parse("""
                egress: {enabled: true, name: web, timeout: 3s, maxRedirects: 0, contentTypes: [text/plain]}
                files: {enabled: true, roots: [{name: docs, path: /tmp, writable: true}], maxReadBytes: 2048}
                """, "t.yaml");
        assertThat(config.egress().name()).isEqualTo("web");
        assertThat(config.egress().limits().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.egress().limits().allows("text/plain; charset=utf-8")).isTrue();
        assertThat(config.egress().limits().allows("text/html")).isFalse();
        assertThat(config.files().fileRoots().getFirst().writable()).isTrue();
        assertThat(config.files().limits().maxReadBytes()).isEqualTo(2048);
    }

    @Test
    void noKeyExemptsAnAddress() {
        for (String key : new String[] {"allowLoopback", "allowPrivate", "exempt", "allowedAddresses"}) {
            assertThatThrownBy(() -> loader.parse("egress: {enabled: true, " + key + ": true}\n", "t.yaml"))
                    .as(key).hasMessageContaining("unknown key '" + key + "'");
        }
    }

    @Test
    void refusesFilesWithoutRootsAndBadLimits() {
        assertThatThrownBy(() -> loader.parse("files: {enabled: true}\n", "t.yaml"))
                .hasMessageContaining("files.roots");
        assertThatThrownBy(() -> loader.parse("egress: {maxRedirects: 99}\n", "t.yaml"))
                .hasMessageContaining("maxRedirects");
        assertThatThrownBy(() -> loader.parse("files: {roots: [{name: x, path: /tmp}, {name: x, path: /tmp}], "
                + "enabled: true}\n", "t.yaml")).hasMessageContaining("names must be unique");
    }
}
