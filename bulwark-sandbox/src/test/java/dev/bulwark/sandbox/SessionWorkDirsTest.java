package dev.bulwark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The work directories kept between a session's runs live in the gateway's memory: one session's is bounded by the
 * work directory's size, and all sessions' together by {@link SessionWorkDirs#KEPT_DIRECTORIES} of them, so an agent
 * opening session after session cannot fill the gateway's heap (red team round 2).
 */
class SessionWorkDirsTest {
    private static final long WORK = 1_000;

    @Test
    void manySessionsKeepNoMoreThanTheTotalBoundAndTheLeastRecentlyUsedAreDroppedFirst() throws Exception {
        Ticking clock = new Ticking();
        SessionWorkDirs dirs = new SessionWorkDirs(Duration.ofMinutes(30), WORK, clock);
        int sessions = SessionWorkDirs.KEPT_DIRECTORIES * 4;
        for (int i = 0; i < sessions; i++) {
            keep(dirs, "s" + i, (int) WORK);
        }
        long kept = 0;
        for (int i = 0; i < sessions; i++) {
            kept += dirs.kept("s" + i).isEmpty() ? 0 : WORK;
        }
        assertThat(kept).isLessThanOrEqualTo(SessionWorkDirs.KEPT_DIRECTORIES * WORK);
        // the newest are kept, the oldest dropped (their next run starts empty, as after an idle period)
        assertThat(dirs.kept("s" + (sessions - 1))).containsExactly("f");
        assertThat(dirs.kept("s0")).isEmpty();
    }

    @Test
    void aSessionsOwnDirectoryIsKeptWhileOthersAreDroppedToMakeRoom() throws Exception {
        SessionWorkDirs dirs = new SessionWorkDirs(Duration.ofMinutes(30), WORK, new Ticking());
        keep(dirs, "mine", 10);
        for (int i = 0; i < SessionWorkDirs.KEPT_DIRECTORIES * 2; i++) {
            keep(dirs, "other" + i, (int) WORK);
            keep(dirs, "mine", 10);
        }
        assertThat(dirs.kept("mine")).containsExactly("f");
    }

    @Test
    void aDirectoryLargerThanTheWorkDirectoryIsNotKept() throws Exception {
        SessionWorkDirs dirs = new SessionWorkDirs(Duration.ofMinutes(30), WORK, new Ticking());
        keep(dirs, "big", (int) WORK + 1);
        assertThat(dirs.kept("big")).isEmpty();
    }

    private static void keep(SessionWorkDirs dirs, String session, int bytes) throws Exception {
        dirs.with(session, kept -> new SessionWorkDirs.Outcome<>(Map.of("f", new byte[bytes]), null));
    }

    /** A clock that moves one second each time it is read, so every run is later than the one before. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-12-07T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}
