package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
    @Test
    void returnsOnceTheConditionHolds() {
        AtomicInteger polls = new AtomicInteger();
        Eventually.until(() -> polls.incrementAndGet() == 3);
        assertThat(polls).hasValue(3);
    }

    @Test
    void failsWhenTheConditionNeverHoldsWithinTheBound() {
        assertThatThrownBy(() -> Eventually.until(Duration.ofMillis(100), () -> false))
                .isInstanceOf(AssertionError.class).hasMessage("condition not met within 100 ms");
    }

    @Test
    void failsAndKeepsTheInterruptWhenInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Eventually.until(() -> false)).isInstanceOf(AssertionError.class)
                    .hasMessage("interrupted while waiting");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
