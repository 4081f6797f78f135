package dev.bulwark.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.bulwark.engine.redaction.KeyPatternRedactor;
import dev.bulwark.guards.detect.SecretDetector;
import dev.bulwark.spi.guard.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The text format of the application logs: {@code [thread] LEVEL logger - message sessionId=… traceId=…}, then, for
 * an exception, its class and message and those of its causes with their first frames. Redacted as the JSON format is
 * ({@link LogRedaction}): the message, every exception message and the ids pass the audit redactor, so a secret or
 * personal data quoted in a log line never appears in either format. Line breaks in any of them become spaces and
 * other control characters {@code ?}, so a message cannot forge a line or drive a terminal; every part is bounded.
 *
 * <p>{@code logback.xml} creates it with the credential redactor (key patterns and the secret detector), so lines are
 * redacted from the first; the gateway then hands it the audit redactor ({@link LogFormat#apply}).
 */
public final class RedactedTextEncoder extends EncoderBase<ILoggingEvent> {
    static final int MAX_NAME = RedactedJsonEncoder.MAX_NAME;
    static final int MAX_FRAMES = RedactedJsonEncoder.MAX_FRAMES;
    /** Exceptions of one cause chain written at most (a cycle or a very deep chain stays bounded). */
    static final int MAX_CAUSES = 8;
    private static final Pattern BREAKS = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]+");
    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cc}&&[^\\t]]");
    private static final byte[] NONE = new byte[0];
    private volatile Redactor redactor;

    /** With the credential redactor, until the gateway hands it the audit redactor. */
    public RedactedTextEncoder() {
        this(new KeyPatternRedactor(new SecretDetector()));
    }

    public RedactedTextEncoder(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Redacts every later line with {@code redactor}. */
    public void use(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Redactor current = redactor;
        StringBuilder line = new StringBuilder(256);
        line.append('[').append(flat(LogRedaction.cut(event.getThreadName(), MAX_NAME))).append("] ")
                .append(event.getLevel()).append(' ')
                .append(flat(LogRedaction.cut(event.getLoggerName(), MAX_NAME))).append(" - ")
                .append(flat(LogRedaction.redacted(current, event.getFormattedMessage(), LogRedaction.MAX_MESSAGE)));
        Map<String, String> context = event.getMDCPropertyMap();
        for (String key : LogContext.KEYS) {
            String value = context == null ? null : context.get(key);
            if (value != null) {
                line.append(' ').append(key).append('=').append(flat(LogRedaction.redacted(current,
                        LogRedaction.cut(value, LogContext.MAX_ID), LogContext.MAX_ID)));
            }
        }
        line.append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        for (int depth = 0; thrown != null && depth < MAX_CAUSES; depth++, thrown = thrown.getCause()) {
            exception(line, thrown, depth == 0 ? "" : "Caused by: ", current);
        }
        if (thrown != null) {
            line.append("\t... further causes left out\n");
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void exception(StringBuilder line, IThrowableProxy thrown, String prefix, Redactor redactor) {
        line.append(prefix).append(flat(LogRedaction.cut(thrown.getClassName(), MAX_NAME)));
        if (thrown.getMessage() != null) {
            line.append(": ").append(flat(LogRedaction.redacted(redactor, thrown.getMessage(),
                    LogRedaction.MAX_MESSAGE)));
        }
        line.append('\n');
        StackTraceElementProxy[] trace = thrown.getStackTraceElementProxyArray();
        int frames = trace == null ? 0 : trace.length;
        for (int i = 0; i < frames && i < MAX_FRAMES; i++) {
            line.append("\tat ").append(flat(LogRedaction.cut(String.valueOf(trace[i].getStackTraceElement()),
                    MAX_NAME))).append('\n');
        }
        if (frames > MAX_FRAMES) {
            line.append("\t... ").append(frames - MAX_FRAMES).append(" more\n");
        }
    }

    /** One line: breaks become a space, other control characters (but tabs) {@code ?}. */
    static String flat(String text) {
        return CONTROLS.matcher(BREAKS.matcher(text).replaceAll(" ")).replaceAll("?");
    }
}
