package dev.bulwark.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.bulwark.spi.guard.Redactor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Text log lines are redacted as JSON lines are: messages, exception messages and context ids, bounded, one line. */
class RedactedTextEncoderTest {
    private static final String TOKEN = "ghp_" + "Zq8vR2kLm4Xn7Pw1Ty5Bc9Hd3Jf6Gs0Ae2Ku";
    private static final String AWS_KEY = "AKIA" + "Z7QX4MLKPW2RTY6N";
    private static final String PEM = "-----BEGIN " + "RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7Vx9\n"
            + "-----END RSA PRIVATE KEY-----";
    private static final String EMAIL = "alice.liddell@example.com";
    /** The audit redactor of a gateway with PII guards: credentials (as the default) and, here, e-mail addresses. */
    private static final Redactor AUDIT = arguments -> {
        Map<String, Object> credentials = new dev.bulwark.engine.redaction.KeyPatternRedactor(
                new dev.bulwark.guards.detect.SecretDetector()).redact(arguments);
        Map<String, Object> out = new LinkedHashMap<>();
        credentials.forEach((k, v) -> out.put(k, v instanceof String s
                ? Pattern.compile("[\\w.]+@[\\w.]+").matcher(s).replaceAll("<EMAIL_ADDRESS>") : v));
        return out;
    };
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Logger logger;
    private RedactedTextEncoder encoder;

    @BeforeEach
    void captureOneLogger() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logger = context.getLogger("bulwark.test.text");
        logger.setAdditive(false);
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        encoder = new RedactedTextEncoder(); // as logback.xml makes it: the credential redactor
        encoder.setContext(context);
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
        MDC.clear();
    }

    private String written() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void credentialsInTheMessageAreRedactedFromTheFirstLineOn() {
        logger.warn("upstream refused token {}, key {} and password=hunter2hunter2; {}", TOKEN, AWS_KEY, PEM);
        assertThat(written()).startsWith("[" + Thread.currentThread().getName() + "] WARN bulwark.test.text - "
                + "upstream refused token ").doesNotContain(TOKEN).doesNotContain(AWS_KEY)
                .doesNotContain("hunter2hunter2").doesNotContain("MIIEowIBAAKCAQEA7Vx9").endsWith("\n");
        assertThat(written().lines()).hasSize(1);
    }

    @Test
    void theAuditRedactorHandedOnAlsoRedactsPersonalData() {
        logger.info("mail for {} bounced", EMAIL);
        assertThat(written()).contains(EMAIL);
        out.reset();
        encoder.use(AUDIT);
        logger.info("mail for {} bounced with {}", EMAIL, TOKEN);
        assertThat(written()).contains("mail for <EMAIL_ADDRESS> bounced").doesNotContain(EMAIL).doesNotContain(TOKEN);
    }

    @Test
    void exceptionMessagesAndTheirCausesAreRedactedAndBounded() {
        encoder.use(AUDIT);
        Exception cause = new IllegalArgumentException("bad credentials for " + EMAIL + ": Bearer " + TOKEN);
        logger.error("call failed", new IllegalStateException("wrapped " + AWS_KEY + "\nforged line", cause));
        String text = written();
        assertThat(text).doesNotContain(TOKEN).doesNotContain(AWS_KEY).doesNotContain(EMAIL)
                .contains("java.lang.IllegalStateException: wrapped ").contains("forged line")
                .contains("Caused by: java.lang.IllegalArgumentException: bad credentials for <EMAIL_ADDRESS>");
        assertThat(text.lines().filter(l -> l.startsWith("forged"))).isEmpty();
        assertThat(text.lines().filter(l -> l.startsWith("\tat "))).hasSizeLessThanOrEqualTo(
                2 * RedactedTextEncoder.MAX_FRAMES);
    }

    @Test
    void aLongOrCyclicCauseChainStaysBounded() {
        Exception chain = new RuntimeException("root " + TOKEN);
        for (int i = 0; i < 100; i++) {
            chain = new RuntimeException("level " + i, chain);
        }
        logger.error("deep", chain);
        String text = written();
        assertThat(text.lines().filter(l -> l.startsWith("Caused by: "))).hasSize(RedactedTextEncoder.MAX_CAUSES - 1);
        assertThat(text).contains("further causes left out").doesNotContain(TOKEN);
    }

    @Test
    void contextValuesAreRedactedAndOnlyTheCallsIdsAreWritten() {
        try (var ids = LogContext.open("session-1", Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))) {
            logger.info("within a call");
        }
        assertThat(written()).isEqualTo("[" + Thread.currentThread().getName() + "] INFO bulwark.test.text - "
                + "within a call sessionId=session-1 traceId=4bf92f3577b34da6a3ce929d0e0e4736\n");
        out.reset();
        encoder.use(AUDIT);
        // written around LogContext, which would refuse them: a library putting hostile values under the same keys
        MDC.put(LogContext.SESSION_ID, "token=" + TOKEN + "\nINFO forged " + EMAIL);
        MDC.put("apiKey", AWS_KEY);
        logger.info("hostile context");
        assertThat(written()).doesNotContain(TOKEN).doesNotContain(EMAIL).doesNotContain(AWS_KEY)
                .doesNotContain("apiKey").contains("sessionId=");
        assertThat(written().lines()).hasSize(1);
    }

    @Test
    void controlCharactersCannotForgeLinesOrDriveATerminal() {
        logger.info("ok\r\n[main] INFO admin - signed in\u2028\u001b[31m\u0000\tend");
        String text = written();
        assertThat(text.lines()).hasSize(1);
        assertThat(text).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0000")
                .doesNotContain("\u2028").contains("\tend");
    }

    @Test
    void aHugeMessageBecomesOneBoundedLine() {
        logger.info("x".repeat(1_000_000));
        assertThat(written().length()).isLessThan(LogRedaction.MAX_MESSAGE + 200);
        assertThat(written().lines()).hasSize(1);
    }

    @Test
    void aRedactorThatFailsNeverLetsTheRawTextThrough() {
        encoder.use(arguments -> {
            throw new IllegalStateException("detector down");
        });
        logger.error("token {}", TOKEN, new IllegalStateException("also " + TOKEN));
        assertThat(written()).doesNotContain(TOKEN).contains("- " + LogRedaction.UNRECORDABLE)
                .contains("java.lang.IllegalStateException: " + LogRedaction.UNRECORDABLE);
    }
}
