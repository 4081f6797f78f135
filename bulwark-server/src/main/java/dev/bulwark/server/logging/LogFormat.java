package dev.bulwark.server.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import dev.bulwark.spi.guard.Redactor;
import org.slf4j.LoggerFactory;

/**
 * The format of the application logs ({@code telemetry.logs.format}): {@code text} (default), the lines
 * {@code logback.xml} configures, or {@code json}: one redacted JSON line per event on standard error.
 */
public enum LogFormat {
    TEXT, JSON;

    static final String APPENDER = "bulwark-json";

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
     * Makes every application log line take this format. For JSON, the root logger's appenders are replaced by one
     * that writes through {@link RedactedJsonEncoder} with {@code redactor}, and java.util.logging is routed to it; for
     * text nothing changes. Does nothing when logback is not the SLF4J binding.
     */
    public void apply(Redactor redactor) {
        if (this == TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setTarget("System.err");
        RedactedJsonEncoder encoder = new RedactedJsonEncoder(redactor);
        encoder.setContext(context);
        encoder.start();
        appender.setEncoder(encoder);
        appender.start();
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        // libraries that log through java.util.logging (Lucene, for one) reach the same appender
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }
}
