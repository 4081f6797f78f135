package dev.bulwark.engine.writes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryUsageCountersTest {
    private final InMemoryUsageCounters counters = new InMemoryUsageCounters();

    @Test
    void addsWithinTheLimitPerKeyAndWindow() {
        assertThat(counters.tryAdd("k", 0, 3, 5)).isTrue();
        assertThat(counters.tryAdd("k", 0, 3, 5)).isFalse();
        assertThat(counters.tryAdd("k", 0, 2, 5)).isTrue();
        assertThat(counters.tryAdd("k", 60, 5, 5)).isTrue();
        assertThat(counters.tryAdd("huge", 0, Long.MAX_VALUE, Long.MAX_VALUE)).isTrue();
        assertThat(counters.tryAdd("huge", 0, 1, Long.MAX_VALUE)).as("no overflow").isFalse();
        assertThat(counters.purgeBefore(60)).isEqualTo(2);
        assertThatThrownBy(() -> counters.tryAdd("k", 0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersNeverOverdraw() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger granted = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(8);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            workers.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < 100; i++) {
                    if (counters.tryAdd("drain", 0, 1, 500)) {
                        granted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get(30, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        assertThat(granted.get()).isEqualTo(500);
    }
}
