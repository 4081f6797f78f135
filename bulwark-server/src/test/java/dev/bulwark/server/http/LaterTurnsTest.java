package dev.bulwark.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaterTurnsTest {
    @Test
    void theSameHeaderOnEveryRequestCountsOnceAndANewTurnCounts() {
        LaterTurns turns = new LaterTurns(10);
        assertThat(turns.isNew("s1", "pay Bob")).isTrue();
        assertThat(turns.isNew("s1", "pay Bob")).isFalse();
        assertThat(turns.isNew("s1", "and Carol too")).isTrue();
        assertThat(turns.isNew("s2", "pay Bob")).as("per session").isTrue();
    }

    @Test
    void aForgottenSessionRecordsItsHeaderAgainWhichAddsNothingNew() {
        LaterTurns turns = new LaterTurns(1);
        turns.isNew("s1", "pay Bob");
        turns.isNew("s2", "pay Bob");
        assertThat(turns.isNew("s1", "pay Bob")).isTrue();
    }
}
