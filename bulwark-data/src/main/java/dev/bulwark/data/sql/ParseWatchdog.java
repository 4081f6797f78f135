package dev.bulwark.data.sql;

import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import net.sf.jsqlparser.parser.CCJSqlParser;

/**
 * Interrupts parses that run past their deadline, from one daemon thread. Starting a watch is a queue insertion: the
 * thread is only woken when a new watch is due before the deadline it already sleeps towards (or it sleeps without
 * one), so a steady stream of fast parses wakes it about twice per time-out rather than once per parse, which a
 * scheduled executor does (its cancelled alarms still fire, under the lock the next schedule needs).
 */
final class ParseWatchdog {
    static final ParseWatchdog SHARED = new ParseWatchdog("bulwark-sql-parse-watchdog");

    /** {@link #plannedWake} while the thread is scanning or sleeping without a deadline. */
    private static final long NO_DEADLINE = Long.MIN_VALUE;

    private final ConcurrentLinkedQueue<Watch> watches = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    /** The deadline the thread sleeps towards, or {@link #NO_DEADLINE}. */
    private volatile long plannedWake = NO_DEADLINE;

    ParseWatchdog(String threadName) {
        thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::run);
        thread.start();
    }

    /** Starts watching a parser; closing the watch (when the parse ends, however it ends) stops it. */
    Watch watch(CCJSqlParser parser, Duration timeout) {
        Watch watch = new Watch(parser, System.nanoTime() + timeout.toNanos());
        watches.add(watch);
        long planned = plannedWake;
        if (planned == NO_DEADLINE || watch.deadline - planned < 0) {
            LockSupport.unpark(thread);
        }
        return watch;
    }

    private void run() {
        while (true) {
            try {
                // Marked before scanning: a watch added during the scan, which the scan may miss, unparks the thread
                // and the next park returns at once.
                plannedWake = NO_DEADLINE;
                long now = System.nanoTime();
                boolean pending = false;
                long earliest = 0;
                for (Iterator<Watch> it = watches.iterator(); it.hasNext(); ) {
                    Watch watch = it.next();
                    CCJSqlParser parser = watch.parser;
                    if (parser == null) {
                        it.remove();
                    } else if (watch.deadline - now <= 0) {
                        parser.interrupted = true;
                        it.remove();
                    } else if (!pending || watch.deadline - earliest < 0) {
                        pending = true;
                        earliest = watch.deadline;
                    }
                }
                if (pending) {
                    plannedWake = earliest;
                    LockSupport.parkNanos(this, earliest - System.nanoTime());
                } else {
                    LockSupport.park(this);
                }
            } catch (RuntimeException e) {
                // Keep watching: a dead watchdog would let every later parse run unbounded.
                LockSupport.parkNanos(this, 1_000_000);
            }
        }
    }

    /** One parse under watch. */
    static final class Watch implements AutoCloseable {
        /** Cleared on close, so finished parses (and their syntax trees) are not kept until the next scan. */
        private volatile CCJSqlParser parser;
        private final long deadline;

        private Watch(CCJSqlParser parser, long deadline) {
            this.parser = parser;
            this.deadline = deadline;
        }

        @Override
        public void close() {
            parser = null;
        }
    }
}
