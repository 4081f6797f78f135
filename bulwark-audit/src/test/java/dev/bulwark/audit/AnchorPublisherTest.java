package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.audit.AuditAnchor;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.Witness;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnchorPublisherTest {
    private static final String HASH = "ab".repeat(32);
    private final CheckpointSigner signer = CheckpointSigner.generate();

    @TempDir
    Path dir;

    /** Fails its first {@code failures} publishes, then keeps what it is given. */
    static final class FlakyWitness implements Witness {
        final List<Long> held = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft;

        FlakyWitness(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public void publish(AuditAnchor anchor) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new AuditException("connection refused");
            }
            held.add(anchor.sequence());
        }
    }

    private Checkpoint checkpoint(long sequence) {
        return signer.sign(sequence, HASH, Instant.now());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void retriesAFailingWitnessUntilItHoldsTheNewestCheckpoint() throws Exception {
        FlakyWitness witness = new FlakyWitness(3);
        try (AnchorPublisher publisher = new AnchorPublisher(List.of(witness), Duration.ofMinutes(1), false,
                Clock.systemUTC())) {
            publisher.offer(checkpoint(10));
            publisher.offer(checkpoint(20));

            await(() -> witness.held.contains(20L));

            assertThat(publisher.status()).singleElement().satisfies(s -> {
                assertThat(s.published()).isEqualTo(20);
                assertThat(s.behind()).isFalse();
                assertThat(s.lastError()).isEmpty();
            });
        }
    }

    @Test
    void aWitnessThatIsDownIsReportedBehindWithItsError() throws Exception {
        FlakyWitness witness = new FlakyWitness(Integer.MAX_VALUE);
        try (AnchorPublisher publisher = new AnchorPublisher(List.of(witness), Duration.ofMinutes(1), false,
                Clock.systemUTC())) {
            publisher.offer(checkpoint(10));

            await(() -> publisher.status().getFirst().lastError().isPresent());

            AnchorPublisher.Status status = publisher.status().getFirst();
            assertThat(status.behind()).isTrue();
            assertThat(status.offered()).isEqualTo(10);
            assertThat(status.published()).isZero();
            assertThat(status.lastError()).contains("connection refused");
            publisher.requireCurrent(); // fail-open: appends go on
        }
    }

    @Test
    void failClosedRefusesAppendsWhileAWitnessIsBehindAndResumesWhenItCatchesUp() throws Exception {
        FlakyWitness witness = new FlakyWitness(Integer.MAX_VALUE);
        AnchorPublisher publisher = new AnchorPublisher(List.of(witness), Duration.ZERO, true, Clock.systemUTC());
        Path data = dir.resolve("data");
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, EmbeddedKeys.signer(data),
                AuditLogOptions.defaults().withCheckpointInterval(1).withCheckpointPeriod(Duration.ZERO), publisher)) {
            log.append(TestEvents.event(1)); // checkpoint 1 goes to the witness, which is down
            Thread.sleep(5);

            assertThatThrownBy(() -> log.append(TestEvents.event(2))).isInstanceOf(AuditException.class)
                    .hasMessageContaining("flaky").hasMessageContaining("failClosed");

            witness.failuresLeft.set(0);
            await(() -> witness.held.contains(1L));
            assertThat(log.append(TestEvents.event(2)).sequence()).isEqualTo(2);
        }
    }

    @Test
    void closingGivesThePendingCheckpointToTheWitness() {
        FlakyWitness witness = new FlakyWitness(0);
        AnchorPublisher publisher = new AnchorPublisher(List.of(witness), Duration.ofMinutes(1), false,
                Clock.systemUTC());
        publisher.offer(checkpoint(7));
        publisher.close();

        assertThat(witness.held).containsExactly(7L);
    }

    @Test
    void aReopenedLogRepublishesItsNewestCheckpoint_soAWitnessThatMissedItCatchesUp() {
        Path data = dir.resolve("data");
        AuditLogOptions options = AuditLogOptions.defaults().withCheckpointPeriod(Duration.ZERO);
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, options)) {
            log.append(TestEvents.event(1)); // sealed at 1 on close, no witness yet
        }
        FlakyWitness witness = new FlakyWitness(0);
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, EmbeddedKeys.signer(data), options,
                new AnchorPublisher(List.of(witness), Duration.ofMinutes(1), false, Clock.systemUTC()))) {
            assertThat(log.witnesses()).hasSize(1);
        }

        assertThat(witness.held).contains(1L);
    }

    @Test
    void aHangingWitnessDoesNotHoldUpTheOthers() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Witness hanging = new Witness() {
            @Override
            public String name() {
                return "hanging";
            }

            @Override
            public void publish(AuditAnchor anchor) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        FlakyWitness healthy = new FlakyWitness(0);
        try (AnchorPublisher publisher = new AnchorPublisher(List.of(hanging, healthy), Duration.ofMinutes(1), false,
                Clock.systemUTC())) {
            publisher.offer(checkpoint(5));

            await(() -> healthy.held.contains(5L));

            assertThat(publisher.status()).extracting(AnchorPublisher.Status::behind).containsExactly(true, false);
            release.countDown();
        }
    }

    @Test
    void aWitnessThatThrowsAnErrorIsRetriedNotAbandoned() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Long> held = new CopyOnWriteArrayList<>();
        Witness broken = new Witness() {
            @Override
            public String name() {
                return "broken-plugin";
            }

            @Override
            public void publish(AuditAnchor anchor) {
                if (calls.incrementAndGet() == 1) {
                    throw new NoClassDefFoundError("some/Missing");
                }
                held.add(anchor.sequence());
            }
        };
        try (AnchorPublisher publisher = new AnchorPublisher(List.of(broken), Duration.ofMinutes(1), false,
                Clock.systemUTC())) {
            publisher.offer(checkpoint(3));

            await(() -> held.contains(3L));
        }
    }
}
