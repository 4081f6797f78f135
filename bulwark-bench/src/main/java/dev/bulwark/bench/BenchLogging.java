package dev.bulwark.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Benchmark mains log warnings and errors only: per-session INFO lines would cost time and bury the tables. */
public final class BenchLogging {
    private BenchLogging() {}

    /** Sets the root logger to WARN when logback is the binding (the gateway's default); otherwise does nothing. */
    public static void warningsOnly() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
