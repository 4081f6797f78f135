package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AnomalyFeedTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static CallEvent call(int i, String tool) {
        return new CallEvent(T0.plusSeconds(30L * i), "a", null, "s", tool, null, CallEvent.Outcome.ALLOWED, Set.of(),
                1000, -1, false, null);
    }

    @Test
    void aFailingResponseIsCountedAndVisibleAndTheNextEventIsStillProcessed() throws Exception {
        List<Anomaly> seen = new CopyOnWriteArrayList<>();
        AnomalyFeed feed = new AnomalyFeed(new AnomalyDetector(AnomalySettings.defaults(), InstantSource.fixed(
                T0.plusSeconds(100_000))), a -> {
                    seen.add(a);
                    if (seen.size() == 1) {
                        throw new IllegalStateException("webhook down");
                    }
                }, 1000);
        for (int i = 0; i < 300; i++) {
            assertTrue(feed.offer(call(i, "crm.get_customer")));
        }
        feed.offer(call(300, "crm.delete_customer")); // first use: the response throws
        feed.offer(call(301, "shell.exec"));          // first use of a connector, after the cooldown? no: same kind
        feed.offer(call(30_000, "vault.read"));        // a new connector well after the cooldown: reported again
        assertTrue(feed.drain(Duration.ofSeconds(10)));
        AnomalyFeed.Status status = feed.status();
        assertEquals(1, status.failed());
        assertTrue(status.lastError().contains("webhook down"));
        assertEquals(302, status.processed());
        assertEquals(2, seen.size());
        feed.close();
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AnomalyDetector blocking = new AnomalyDetector(AnomalySettings.defaults(), InstantSource.fixed(T0)) ;
        AnomalyFeed feed = new AnomalyFeed(blocking, a -> { }, 2);
        // hold the worker inside the detector's lock so the queue fills
        Thread holder = new Thread(() -> {
            synchronized (blocking) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        holder.start();
        Thread.sleep(50);
        int accepted = 0;
        for (int i = 0; i < 100; i++) {
            accepted += feed.offer(call(i, "crm.get_customer")) ? 1 : 0;
        }
        assertTrue(accepted <= 3, "accepted " + accepted);
        assertEquals(100 - accepted, feed.status().dropped());
        release.countDown();
        holder.join();
        assertTrue(feed.drain(Duration.ofSeconds(10)));
        feed.close();
        assertFalse(feed.offer(call(1, "crm.get_customer")));
    }
}
