package dev.bulwark.budgets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.budget.UsageCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every shared counter store must do; each subclass runs it against one database through two instances. */
abstract class UsageCountersContract {

    /** A new store instance on the same database as every other instance this test made. */
    abstract UsageCounters anotherReplica() throws Exception;

    @Test
    void addsWithinTheLimitAndRefusesBeyondIt() throws Exception {
        UsageCounters store = anotherReplica();
        assertThat(store.tryAdd("k", 0, 3, 5)).isTrue();
        assertThat(store.tryAdd("k", 0, 2, 5)).isTrue();
        assertThat(store.tryAdd("k", 0, 1, 5)).isFalse();
        assertThat(store.tryAdd("k", 60, 5, 5)).as("a new window starts at zero").isTrue();
        assertThat(store.tryAdd("other", 0, 5, 5)).as("keys are independent").isTrue();
        assertThat(store.tryAdd("big", 0, 6, 5)).as("one amount over the limit").isFalse();
        assertThat(store.tryAdd("big", 0, 5, 5)).as("a refused amount took nothing").isTrue();
    }

    @Test
    void aReplicaSeesWhatAnotherCounted() throws Exception {
        UsageCounters a = anotherReplica();
        UsageCounters b = anotherReplica();
        assertThat(a.tryAdd("shared", 0, 4, 5)).isTrue();
        assertThat(b.tryAdd("shared", 0, 2, 5)).isFalse();
        assertThat(b.tryAdd("shared", 0, 1, 5)).isTrue();
        assertThat(a.tryAdd("shared", 0, 1, 5)).isFalse();
    }

    @Test
    void limitsNearLongMaxDoNotOverflow() throws Exception {
        UsageCounters store = anotherReplica();
        assertThat(store.tryAdd("huge", 0, Long.MAX_VALUE - 1, Long.MAX_VALUE)).isTrue();
        assertThat(store.tryAdd("huge", 0, 2, Long.MAX_VALUE)).isFalse();
        assertThat(store.tryAdd("huge", 0, 1, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void badInputIsRefused() throws Exception {
        UsageCounters store = anotherReplica();
        assertThatThrownBy(() -> store.tryAdd("k", 0, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.tryAdd("k", 0, -1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.tryAdd("x".repeat(513), 0, 1, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void purgeForgetsOldWindows() throws Exception {
        UsageCounters store = anotherReplica();
        store.tryAdd("p", 0, 5, 5);
        store.tryAdd("p", 3600, 5, 5);
        assertThat(store.purgeBefore(3600)).isEqualTo(1);
        assertThat(store.tryAdd("p", 3600, 1, 5)).isFalse();
    }

    /**
     * Two replicas race, round after round, for the single last unit of a fresh counter: exactly one wins each round.
     * Then many threads on both replicas drain a budget of 50 one unit at a time: exactly 50 succeed.
     */
    @Test
    void twoReplicasNeverBothTakeTheLastUnit() throws Exception {
        UsageCounters a = anotherReplica();
        UsageCounters b = anotherReplica();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 30; round++) {
                String key = "last-" + round;
                a.tryAdd(key, 0, 9, 10);
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Boolean> fromA = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return a.tryAdd(key, 0, 1, 10);
                });
                Future<Boolean> fromB = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return b.tryAdd(key, 0, 1, 10);
                });
                assertThat(fromA.get(30, TimeUnit.SECONDS) ^ fromB.get(30, TimeUnit.SECONDS))
                        .as("round " + round + ": exactly one replica took the last unit").isTrue();
            }
            AtomicInteger granted = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                UsageCounters replica = t % 2 == 0 ? a : b;
                workers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < 15; i++) {
                        if (replica.tryAdd("drain", 0, 1, 50)) {
                            granted.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
            assertThat(granted.get()).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }
}
