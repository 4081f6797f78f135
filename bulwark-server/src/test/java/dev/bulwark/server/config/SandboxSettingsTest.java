package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void isOffByDefault() {
        assertThat(loader.parse("", "b.yaml").sandbox().on()).isFalse();
    }

    @Test
    void readsEveryKey() {
        BulwarkConfig config = loader.parse("""
                sandbox:
                  enabled: true
                  name: run
                  languages:
                    - {name: python, command: [/usr/bin/python3, -I], file: main.py}
                    - {name: node, command: [/usr/bin/node], file: main.js}
                  workDir: session
                  sessionIdle: 5m
                  cpuSeconds: 3
                  wallTime: 4s
                  memoryBytes: 268435456
                  processes: 16
                  fileBytes: 1048576
                  openFiles: 32
                  workBytes: 8388608
                  outputBytes: 4096
                  inputBytes: 65536
                  maxConcurrent: 2
                  uid: 60000
                  outputLabels: [untrusted, generated]
                """, "b.yaml");
        SandboxOptions o = config.sandbox().toOptions(Path.of("/tmp/x"));
        assertThat(o.connector()).isEqualTo("run");
        assertThat(o.languages()).extracting(l -> l.name()).containsExactly("python", "node");
        assertThat(o.perSession()).isTrue();
        assertThat(o.sessionIdle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(o.limits()).isEqualTo(new SandboxOptions.Limits(3, Duration.ofSeconds(4), 268435456L, 16,
                1048576L, 32, 8388608L, 4096, 65536));
        assertThat(o.maxConcurrent()).isEqualTo(2);
        assertThat(o.sandboxUid()).isEqualTo(60000);
        assertThat(o.outputLabels()).containsExactlyInAnyOrder("untrusted", "generated");
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> loader.parse("sandbox: {workDir: host}", "b.yaml"))
                .hasMessageContaining("sandbox.workDir");
        assertThatThrownBy(() -> loader.parse("sandbox: {processes: 1}", "b.yaml"))
                .hasMessageContaining("processes");
        assertThatThrownBy(() -> loader.parse("sandbox: {uid: 0}", "b.yaml")).hasMessageContaining("uid");
        assertThatThrownBy(() -> loader.parse("sandbox: {languages: [{name: py, command: [python3], file: m.py}]}",
                "b.yaml")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> loader.parse("sandbox: {languages: [{name: py, command: [/bin/x], file: ../m}]}",
                "b.yaml")).hasMessageContaining("bad file name");
        assertThatThrownBy(() -> loader.parse("sandbox: {enabled: true, name: crm}", "b.yaml"))
                .hasMessageContaining("taken");
    }
}
