package dev.bulwark.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.guards.detect.SecretDetector;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RedactedJsonEncoderTest {
    private static final String TOKEN = "ghp_" + "Zq8vR2kLm4Xn7Pw1Ty5Bc9Hd3Jf6Gs0Ae2Ku";
    private final ObjectMapper json = new ObjectMapper();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Logger logger;

    @BeforeEach
    void captureOneLogger() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger("bulwark.test.json");
        logger.setAdditive(false);
        // the audit log's credential redactor: key patterns and the secret detector
        attach(new KeyPatternRedactor(new SecretDetector()));
    }

    private void attach(dev.bulwark.spi.guard.Redactor redactor) {
        logger.detachAndStopAllAppenders();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(logger.getLoggerContext());
        RedactedJsonEncoder encoder = new RedactedJsonEncoder(redactor);
        encoder.setContext(logger.getLoggerContext());
        encoder.start();
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAndStopAllAppenders();
        logger.setAdditive(true);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(json.readTree(line)); // throws when a line is not one whole JSON object
        }
        return lines;
    }

    @Test
    void aSecretInTheMessageIsRedactedAndTheLineCarriesTheCallsIds() throws Exception {
        try (var ids = LogContext.open("session-1", Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))) {
            logger.warn("upstream refused token {} and password=hunter2hunter2", TOKEN);
        }
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("logger").asText()).isEqualTo("bulwark.test.json");
        assertThat(line.get("sessionId").asText()).isEqualTo("session-1");
        assertThat(line.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(line.get("message").asText()).startsWith("upstream refused token ")
                .doesNotContain(TOKEN).doesNotContain("hunter2hunter2");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN).doesNotContain("hunter2hunter2");
    }

    @Test
    void outsideACallTheLineHasNoIdsAndTheContextIsRestored() throws Exception {
        try (var ids = LogContext.open("s-2", Map.of())) {
            assertThat(org.slf4j.MDC.get(LogContext.SESSION_ID)).isEqualTo("s-2");
        }
        logger.info("housekeeping");
        JsonNode line = lines().get(0);
        assertThat(line.has("sessionId")).isFalse();
        assertThat(line.has("traceId")).isFalse();
        assertThat(org.slf4j.MDC.get(LogContext.SESSION_ID)).isNull();
    }

    @Test
    void newlinesAndControlCharactersCannotForgeALine() throws Exception {
        String forged = "ok\n{\"level\":\"INFO\",\"message\":\"admin signed in\"}\r\u001b[31m\u0000\u2028end";
        try (var ids = LogContext.open("bad\nsession", Map.of("traceparent", "00-zz\n-x"))) {
            logger.error(forged, new IllegalStateException("boom\n{\"forged\":true} " + TOKEN));
        }
        String raw = out.toString(StandardCharsets.UTF_8);
        assertThat(raw.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(raw).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain(TOKEN);
        JsonNode line = lines().get(0);
        assertThat(line.get("message").asText()).contains("admin signed in"); // kept as text inside one field
        assertThat(line.has("sessionId")).as("a session id that is not visible ASCII is left out").isFalse();
        assertThat(line.has("traceId")).as("a malformed traceparent is left out").isFalse();
        assertThat(line.get("exception").get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("exception").get("frames").size()).isLessThanOrEqualTo(RedactedJsonEncoder.MAX_FRAMES);
    }

    @Test
    void hostileContextValuesAreRedactedAndOnlyTheCallsIdsAreWritten() throws Exception {
        // written around LogContext, which would refuse them: a library putting values under the same keys
        org.slf4j.MDC.put(LogContext.SESSION_ID, "token=" + TOKEN);
        org.slf4j.MDC.put("apiKey", TOKEN);
        try {
            logger.info("hostile context");
        } finally {
            org.slf4j.MDC.clear();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(TOKEN).doesNotContain("apiKey");
        assertThat(lines().get(0).get("sessionId").asText()).startsWith("token=");
    }

    @Test
    void aHugeMessageBecomesOneBoundedLine() throws Exception {
        logger.info("x".repeat(1_000_000));
        String raw = out.toString(StandardCharsets.UTF_8);
        assertThat(raw.length()).isLessThan(RedactedJsonEncoder.MAX_MESSAGE + 1_000);
        assertThat(raw.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(lines().get(0).get("message").asText().length()).isLessThanOrEqualTo(RedactedJsonEncoder.MAX_MESSAGE + 100);
    }

    @Test
    void aRedactorThatFailsNeverLetsTheRawTextThrough() throws Exception {
        attach(arguments -> {
            throw new IllegalStateException("detector down");
        });
        logger.info("token {}", TOKEN);
        assertThat(lines().get(0).get("message").asText()).isEqualTo("[unrecordable]");
    }

    @Test
    void onlyTextAndJsonAreFormats() {
        assertThat(LogFormat.parse(null)).isEqualTo(LogFormat.TEXT);
        assertThat(LogFormat.parse(" JSON ")).isEqualTo(LogFormat.JSON);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogFormat.parse("xml"))
                .hasMessageContaining("text or json");
    }
}
