package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.AgentStatus;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.ConnectorException;
import dev.bulwark.spi.tool.ToolCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IsolationProbeTest {
    static final String GOOD = "NoNewPrivs:\t1\nSeccomp:\t2\nifaces=lo,\nunshare=denied\nrootfs=readonly\n"
            + "shadow=absent\ntcp=refused\ndone=0\n";

    /** Golden cases: what the probe reported from inside, and the reason it must give (null: isolation holds). */
    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of(GOOD, null),
                Arguments.of(GOOD.replace("tcp=refused\n", ""), null),                 // no bash on the host
                Arguments.of(GOOD.replace("NoNewPrivs:\t1", "NoNewPrivs:\t0"), "no-new-privileges"),
                Arguments.of(GOOD.replace("Seccomp:\t2", "Seccomp:\t0"), "seccomp"),
                Arguments.of(GOOD.replace("ifaces=lo,", "ifaces=lo,eth0,"), "eth0"),
                Arguments.of(GOOD.replace("unshare=denied", "unshare=allowed"), "new namespace"),
                Arguments.of(GOOD.replace("rootfs=readonly", "rootfs=writable"), "writable"),
                Arguments.of(GOOD.replace("shadow=absent", "shadow=visible"), "/etc/shadow"),
                Arguments.of(GOOD.replace("tcp=refused", "tcp=connected"), "TCP"),
                Arguments.of(GOOD.replace("done=0\n", ""), "did not finish"),
                Arguments.of("", "no-new-privileges"),
                // a line the program forged later does not override the first report
                Arguments.of(GOOD.replace("Seccomp:\t2", "Seccomp:\t0") + "Seccomp:\t2\n", "seccomp"));
    }

    @ParameterizedTest
    @MethodSource("reports")
    void findsEveryHoleTheProbeReports(String stdout, String reason) {
        String problem = IsolationProbe.problem(IsolationProbe.facts(stdout));
        if (reason == null) {
            assertThat(problem).isNull();
        } else {
            assertThat(problem).contains(reason);
        }
    }

    @Test
    void aMissingBubblewrapDisablesTheToolAndSaysWhy(@TempDir Path scratch) {
        SandboxOptions base = SandboxOptions.defaults(scratch);
        SandboxOptions options = new SandboxOptions(base.connector(), base.languages(), Path.of("/nonexistent/bwrap"),
                false, base.sessionIdle(), base.limits(), 1, base.sandboxUid(), base.outputLabels(), scratch);
        SandboxConnector connector = SandboxConnector.open(options, Clock.systemUTC());
        assertThat(connector.isolation().ready()).isFalse();
        assertThat(connector.isolation().summary()).contains("code execution disabled", "/nonexistent/bwrap");
        assertThat(connector.tools()).isEmpty();
        Principal principal = new Principal(new Agent("a", "o", Set.of(), Map.of(), AgentStatus.ACTIVE,
                Instant.EPOCH), Optional.empty(), "t", Set.of(), Instant.now().plusSeconds(60));
        ToolCall call = new ToolCall("c1", CodeRunTool.of(options), Map.of("code", "print(1)"), principal, "s");
        assertThatThrownBy(() -> connector.call(call, (p, t, m) -> { }))
                .isInstanceOf(ConnectorException.class).hasMessageContaining("disabled");
    }
}
