package dev.bulwark.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.Gateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A gateway in the default text format redacts every application log line with the audit redactor, as JSON logs are:
 * messages, exception messages and causes, from SLF4J and java.util.logging alike.
 */
class TextLogsGatewayTest {
    private static final String TOKEN = "ghp_" + "Zq8vR2kLm4Xn7Pw1Ty5Bc9Hd3Jf6Gs0Ae2Ku";
    private static final String EMAIL = "alice.liddell@example.com";

    @TempDir
    Path data;

    @Test
    void withTheDefaultFormatEveryLoggerWritesRedactedTextLinesWithTheCallsIds() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (Gateway gateway = Gateway.start(BulwarkConfig.defaults().withDataDir(data.toString()).withPort(0))) {
            try (var ids = LogContext.open("mcp-session-7", Map.of("traceparent",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))) {
                LoggerFactory.getLogger("some.library").warn("mail to {} failed with Authorization: Bearer {}",
                        EMAIL, TOKEN, new IllegalStateException("upstream said " + EMAIL,
                                new RuntimeException("token " + TOKEN)));
            }
            System.getLogger("some.jul.library").log(System.Logger.Level.WARNING, "retrying with " + TOKEN
                    + " for " + EMAIL);
        } finally {
            System.setErr(original);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        assertThat(err).doesNotContain(TOKEN).doesNotContain(EMAIL);
        assertThat(err.lines().filter(l -> l.contains("some.library - mail to "))).singleElement()
                .satisfies(l -> assertThat(l).contains("sessionId=mcp-session-7")
                        .contains("traceId=4bf92f3577b34da6a3ce929d0e0e4736"));
        assertThat(err).contains("java.lang.IllegalStateException: upstream said ")
                .contains("Caused by: java.lang.RuntimeException: token ");
        assertThat(err.lines().filter(l -> l.contains("some.jul.library - retrying with "))).hasSize(1);
    }
}
