package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void advancesForwardAndBack() {
        MutableClock clock = new MutableClock(START);
        clock.advance(Duration.ofMinutes(5));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
        clock.advance(Duration.ofMinutes(-10));
        assertThat(clock.instant()).isEqualTo(START.minusSeconds(300));
    }

    @Test
    void canBeSetToAnyInstant() {
        MutableClock clock = new MutableClock(START);
        clock.set(Instant.EPOCH);
        assertThat(clock.instant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void isUtcAndStaysTheSameClockInAnyZone() {
        MutableClock clock = new MutableClock(START);
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(clock.withZone(ZoneId.of("Asia/Tokyo"))).isSameAs(clock);
    }

    @Test
    void refusesNulls() {
        assertThatThrownBy(() -> new MutableClock(null)).isInstanceOf(NullPointerException.class);
        MutableClock clock = new MutableClock(START);
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.set(null)).isInstanceOf(NullPointerException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }
}
