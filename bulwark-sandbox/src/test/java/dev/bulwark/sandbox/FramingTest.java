package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramingTest {
    static Execution read(String s) {
        return Framing.read(s.getBytes(StandardCharsets.UTF_8), 1000, 10);
    }

    @Test
    void readsStreamsWantedFilesAndTheKeptWorkDirectory() {
        Execution run = read("exit 0\ndata 2 2 stdout\nhidata 0 0 stderr\ndata 3 3 file:a.txt\nabc"
                + "data 2 5 want:a.txt\nabmissing want:b.txt\nend\n");
        assertThat(run.stdout().text()).isEqualTo("hi");
        assertThat(run.files().get("a.txt").cut()).isTrue();
        assertThat(run.workDir().get("a.txt")).containsExactly('a', 'b', 'c');
        assertThat(run.missing()).containsExactly("b.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "exit 0\n",
        "exit x\ndata 0 0 stdout\ndata 0 0 stderr\nend\n",
        "exit 0\ndata 0 0 stdout\nend\n",                                        // no stderr
        "exit 0\ndata 5 5 stdout\nhi",                                          // short data
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\ndata 0 0 stdout\nend\n",     // stdout twice
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\ndata 1 1 want:../x\nxend\n", // path in a name
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\ndata 1 1 /etc/passwd\nxend\n",
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\ndata 1 9 file:a\nxend\n",    // a kept file cut
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\ndata -1 0 file:a\nend\n",
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\nend\ntrailing",
        "exit 0\ndata 0 0 stdout\ndata 0 0 stderr\nrm -rf /\nend\n"
    })
    void refusesAnythingOutOfShape(String framed) {
        assertThatThrownBy(() -> read(framed)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLongLineIsRefusedRatherThanBuffered() {
        assertThatThrownBy(() -> read("exit 0\n" + "x".repeat(10_000) + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
