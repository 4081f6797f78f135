package dev.bulwark.data.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import org.junit.jupiter.api.Test;

class ParseWatchdogTest {
    private final ParseWatchdog watchdog = new ParseWatchdog("parse-watchdog-test");

    @Test
    void interruptsAParserStillWatchedAtItsDeadline() throws Exception {
        CCJSqlParser parser = CCJSqlParserUtil.newParser("SELECT 1");
        try (ParseWatchdog.Watch watch = watchdog.watch(parser, Duration.ofMillis(1))) {
            awaitInterrupt(parser);
        }
        assertThat(parser.interrupted).isTrue();
    }

    @Test
    void wakesForAShortDeadlineWhileSleepingTowardsALongOne() throws Exception {
        CCJSqlParser patient = CCJSqlParserUtil.newParser("SELECT 1");
        CCJSqlParser impatient = CCJSqlParserUtil.newParser("SELECT 2");
        try (ParseWatchdog.Watch slow = watchdog.watch(patient, Duration.ofHours(1))) {
            Thread.sleep(20);
            try (ParseWatchdog.Watch fast = watchdog.watch(impatient, Duration.ofMillis(1))) {
                awaitInterrupt(impatient);
            }
        }
        assertThat(impatient.interrupted).isTrue();
        assertThat(patient.interrupted).isFalse();
    }

    @Test
    void leavesAParserAloneOnceItsWatchIsClosed() throws Exception {
        CCJSqlParser parser = CCJSqlParserUtil.newParser("SELECT 1");
        watchdog.watch(parser, Duration.ofMillis(5)).close();
        CCJSqlParser later = CCJSqlParserUtil.newParser("SELECT 2");
        try (ParseWatchdog.Watch watch = watchdog.watch(later, Duration.ofMillis(10))) {
            awaitInterrupt(later);
        }
        assertThat(later.interrupted).isTrue();
        assertThat(parser.interrupted).isFalse();
    }

    /** Waits (bounded, generously) for the watchdog thread; the assertion after it decides the test. */
    private static void awaitInterrupt(CCJSqlParser parser) throws InterruptedException {
        for (int i = 0; i < 500 && !parser.interrupted; i++) {
            Thread.sleep(10);
        }
    }
}
