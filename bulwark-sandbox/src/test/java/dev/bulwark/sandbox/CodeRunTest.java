package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ToolKind;
import dev.bulwark.spi.tool.ToolResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeRunTest {
    @TempDir
    static Path scratch;
    static SandboxConnector sandbox;

    @BeforeAll
    static void open() {
        sandbox = Sandboxes.open(scratch.resolve("calls"), Sandboxes.fast(), false);
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Test
    void offersOneExecuteToolLabelledUntrustedThatStatesItsLimits() {
        assertThat(sandbox.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("code.run");
            assertThat(tool.kind()).isEqualTo(ToolKind.EXECUTE);
            assertThat(tool.outputLabels()).containsExactly("untrusted");
            assertThat(tool.description()).contains("no network", "rlimits", "CPU 2 s", "wall 3000 ms", "32 processes");
        });
        assertThat(sandbox.isolation().summary()).contains("seccomp", "rlimits", "CPU 2 s");
    }

    @Test
    void runsPythonOnTheSystemInterpreter() throws Exception {
        ToolResult result = Sandboxes.run(sandbox, "python", "import sys\nprint(1, sys.executable)");
        assertThat(result.error()).isFalse();
        assertThat(result.joinedText()).startsWith("exit 0").contains("stdout:\n1 /usr/bin/python3");
    }

    @Test
    void theConfiguredRlimitsAreInForceInside() throws Exception {
        String limits = Sandboxes.run(sandbox, "sh", "cat /proc/self/limits").joinedText();
        assertThat(limits).containsPattern("Max cpu time +2 +3 +seconds")
                .containsPattern("Max address space +268435456 +268435456 +bytes")
                .containsPattern("Max processes +32 +32 ")
                .containsPattern("Max file size +4194304 +4194304 +bytes")
                .containsPattern("Max open files +64 +64 ")
                .containsPattern("Max core file size +0 +0 ");
    }

    @Test
    void runsShellAndReportsAFailingExitStatusAndStderr() throws Exception {
        ToolResult result = Sandboxes.run(sandbox, "sh", "echo out; echo oops >&2; exit 3");
        assertThat(result.error()).isTrue();
        assertThat(result.joinedText()).startsWith("exit 3").contains("stdout:\nout", "stderr:\noops");
    }

    @Test
    void inputFilesLandInTheWorkDirectoryAndListedOutputsComeBack() throws Exception {
        ToolResult result = Sandboxes.run(sandbox, "s", Map.of("language", "python",
                "code", "import os\ndata = open('in.txt').read()\nopen('out.txt', 'w').write(data.upper())\n"
                        + "print(os.getcwd())",
                "files", Map.of("in.txt", "hello"), "outputs", List.of("out.txt", "absent.txt")));
        assertThat(result.joinedText()).contains("stdout:\n/work", "file out.txt:\nHELLO",
                "missing output file: absent.txt");
    }

    @Test
    void aLargeOutputFileComesBackCut() throws Exception {
        ToolResult result = Sandboxes.run(sandbox, "s", Map.of("language", "python",
                "code", "open('big.txt', 'w').write('b' * 20000)", "outputs", List.of("big.txt")));
        assertThat(result.joinedText()).contains("file big.txt (first 16384 of 20000 bytes):");
    }

    @Test
    void everyCallStartsFromAnEmptyWorkDirectory() throws Exception {
        Sandboxes.run(sandbox, "sh", "echo left > left.txt");
        ToolResult second = Sandboxes.run(sandbox, "sh", "ls -A /work");
        assertThat(second.joinedText()).contains("stdout:\nmain.sh\n").doesNotContain("left.txt");
    }

    @Test
    void refusesFileNamesThatLeaveTheWorkDirectory() {
        for (String name : List.of("../x", "/etc/x", ".hidden", "a/b", "", "a\nb")) {
            assertThatThrownBy(() -> Sandboxes.run(sandbox, "s", Map.of("code", "print(1)",
                    "files", Map.of(name, "x")))).isInstanceOf(ConnectorException.class);
            assertThatThrownBy(() -> Sandboxes.run(sandbox, "s", Map.of("code", "print(1)",
                    "outputs", List.of(name)))).isInstanceOf(ConnectorException.class);
        }
    }

    @Test
    void refusesAnInputThatWouldReplaceTheCodeAndAnUnknownLanguage() {
        assertThatThrownBy(() -> Sandboxes.run(sandbox, "s", Map.of("code", "print(1)",
                "files", Map.of("main.py", "import os")))).hasMessageContaining("taken by the code");
        assertThatThrownBy(() -> Sandboxes.run(sandbox, "ruby", "puts 1")).hasMessageContaining("unknown language");
    }

    @Test
    void cutsLongOutputAndSaysSo() throws Exception {
        ToolResult result = Sandboxes.run(sandbox, "python", "import sys\nsys.stdout.write('x' * 100000)");
        // the stream's tmpfs holds a little more than the limit: the writer meets "no space", the reader a cut
        assertThat(result.joinedText()).contains("stdout (first 16384 of ");
        assertThat(result.joinedText().length()).isLessThan(20_000);
    }

    @Test
    void aSessionKeepsItsWorkDirectoryWhenConfiguredAndOthersDoNotSeeIt() throws Exception {
        SandboxConnector kept = Sandboxes.open(scratch.resolve("sessions"), Sandboxes.fast(), true);
        try {
            Sandboxes.run(kept, "alice", Map.of("language", "sh", "code", "echo remembered > note.txt"));
            ToolResult same = Sandboxes.run(kept, "alice", Map.of("language", "sh", "code", "cat note.txt"));
            ToolResult other = Sandboxes.run(kept, "bob", Map.of("language", "sh", "code", "cat note.txt; ls /work"));
            assertThat(same.joinedText()).contains("stdout:\nremembered");
            assertThat(other.joinedText()).doesNotContain("remembered").contains("No such file");
        } finally {
            kept.close();
        }
    }
}
