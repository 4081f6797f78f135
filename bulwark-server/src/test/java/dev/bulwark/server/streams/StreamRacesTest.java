package dev.bulwark.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Resumptions racing each other, the live stream's events and its end: every event reaches the connection that holds
 * the stream last exactly once and in order, and every resumed connection is closed exactly once.
 */
class StreamRacesTest {
    private static final Pattern IDS = Pattern.compile("id: [0-9a-f]{32}_(\\d+)\n");
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /** A resumed connection: what it was sent and how often it was closed. */
    private record Resumed(StringWriter wire, RecordedStreamTest.FakeAsync async) {
        static Resumed create() {
            return new Resumed(new StringWriter(), new RecordedStreamTest.FakeAsync());
        }

        Optional<Sink> connect() {
            return Optional.of(new Sink.Resumed(async, new PrintWriter(wire)));
        }

        List<Long> seqs() {
            List<Long> seqs = new ArrayList<>();
            Matcher m = IDS.matcher(wire.toString());
            while (m.find()) {
                seqs.add(Long.parseLong(m.group(1)));
            }
            return seqs;
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> all = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            all.add(i);
        }
        return all;
    }

    @RepeatedTest(20)
    void twoResumptionsOfALiveStreamAtOnceLeaveOneConnectionWithEveryEventOnce() throws Exception {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, Clock.systemUTC());
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        AtomicInteger released = new AtomicInteger();
        stream.prime(new Sink.Original(new PrintWriter(new StringWriter()), released::incrementAndGet));
        for (int i = 1; i <= 3; i++) {
            stream.publish("data: " + i + "\n\n");
        }
        Resumed first = Resumed.create();
        Resumed second = Resumed.create();
        CountDownLatch go = new CountDownLatch(1);
        Future<?> a = threads.submit(() -> {
            go.await();
            return stream.resume(1, first::connect);
        });
        Future<?> b = threads.submit(() -> {
            go.await();
            return stream.resume(1, second::connect);
        });
        Future<?> live = threads.submit(() -> {
            go.await();
            for (int i = 4; i <= 200; i++) {
                stream.publish("data: " + i + "\n\n");
            }
            return null;
        });
        go.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);
        live.get(10, TimeUnit.SECONDS);
        stream.end();

        assertThat(first.async().completed.get() + second.async().completed.get())
                .as("each resumed connection closed once: the loser when taken over, the winner at the end")
                .isEqualTo(2);
        assertThat(first.async().completed).hasValue(1);
        assertThat(second.async().completed).hasValue(1);
        List<Long> firstSeqs = first.seqs();
        List<Long> secondSeqs = second.seqs();
        List<Long> winner = firstSeqs.size() >= secondSeqs.size() && firstSeqs.contains(200L) ? firstSeqs : secondSeqs;
        List<Long> loser = winner == firstSeqs ? secondSeqs : firstSeqs;
        assertThat(winner).as("the connection holding the stream last").isEqualTo(range(2, 200));
        assertThat(loser).as("the one taken over: a prefix, never a gap").isEqualTo(range(2, 1 + loser.size()));
        assertThat(released).as("the original connection let go once").hasValue(1);
    }

    @RepeatedTest(50)
    void aResumptionRacingTheStreamsEndGetsEveryEventAndIsClosedOnce() throws Exception {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, Clock.systemUTC());
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(new StringWriter()), () -> { }));
        for (int i = 1; i <= 5; i++) {
            stream.publish("data: " + i + "\n\n");
        }
        Resumed resumed = Resumed.create();
        CountDownLatch go = new CountDownLatch(1);
        Future<?> resuming = threads.submit(() -> {
            go.await();
            return stream.resume(2, resumed::connect);
        });
        Future<?> ending = threads.submit(() -> {
            go.await();
            stream.publish("data: 6\n\n");
            stream.end();
            return null;
        });
        go.countDown();
        assertThat(resuming.get(10, TimeUnit.SECONDS)).isEqualTo(RecordedStream.Resumption.REPLAYED);
        ending.get(10, TimeUnit.SECONDS);

        assertThat(resumed.seqs()).isEqualTo(range(3, 6));
        assertThat(resumed.async().completed).hasValue(1);
    }
}
