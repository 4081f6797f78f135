package dev.bulwark.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.bulwark.spi.guard.Redactor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The format of the application logs ({@code telemetry.logs.format}): {@code text} (default), redacted lines as
 * {@code logback.xml} configures them ({@link RedactedTextEncoder}), or {@code json}: one redacted JSON line per event
 * on standard error ({@link RedactedJsonEncoder}). Both redact with the same audit redactor.
 */
public enum LogFormat {
    TEXT, JSON;

    static final String APPENDER = "bulwark-json";
    static final String TEXT_APPENDER = "bulwark-text";

    /** {@code text} or {@code json} (case-insensitive); null or blank is text; anything else is refused. */
    public static LogFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("telemetry.logs.format must be text or json");
        };
    }

    /**
     * Makes every application log line take this format, redacted by {@code redactor}. For text, the root logger's
     * appenders that write through {@link RedactedTextEncoder} (those of {@code logback.xml}) redact with
     * {@code redactor} from now on; when it has none (a configuration of the operator's own), they are replaced by one
     * that does, so no line escapes redaction. For JSON, the root logger's appenders are replaced by one that writes
     * through {@link RedactedJsonEncoder}. Either way java.util.logging is routed to them. Does nothing when logback
     * is not the SLF4J binding.
     */
    public void apply(Redactor redactor) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (this == TEXT && redactTextAppenders(root, redactor)) {
            routeJavaUtilLogging();
            return;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(this == TEXT ? TEXT_APPENDER : APPENDER);
        appender.setTarget("System.err");
        EncoderBase<ILoggingEvent> encoder = this == TEXT ? new RedactedTextEncoder(redactor)
                : new RedactedJsonEncoder(redactor);
        encoder.setContext(context);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        routeJavaUtilLogging();
    }

    /** Hands {@code redactor} to the root's text encoders; false when it has an appender that writes otherwise. */
    private static boolean redactTextAppenders(Logger root, Redactor redactor) {
        List<RedactedTextEncoder> encoders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> out
                    && out.getEncoder() instanceof RedactedTextEncoder text) {
                encoders.add(text);
            } else {
                return false;
            }
        }
        encoders.forEach(e -> e.use(redactor));
        return !encoders.isEmpty();
    }

    /** Libraries that log through java.util.logging (Lucene, for one) reach the same appenders. */
    private static void routeJavaUtilLogging() {
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }
}
