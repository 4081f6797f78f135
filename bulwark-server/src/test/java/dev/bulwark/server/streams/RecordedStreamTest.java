package dev.bulwark.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecordedStreamTest {
    private final StreamStore store = new StreamStore(StreamBounds.DEFAULTS, Clock.systemUTC());
    private final AtomicInteger released = new AtomicInteger();

    @Test
    void theOriginalConnectionGetsThePrimingEventThenNumberedEvents() {
        StringWriter wire = new StringWriter();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(wire), released::incrementAndGet));
        stream.publish("event: message\ndata: {}\n\n");

        assertThat(wire.toString()).isEqualTo("id: " + stream.id + "_0\nretry: 2000\ndata: \n\n"
                + "id: " + stream.id + "_1\nevent: message\ndata: {}\n\n");
    }

    /** A connection that tells what reached the client (flushed) from what is still buffered. */
    private static final class Wire extends Writer {
        final StringBuilder buffered = new StringBuilder();
        final java.util.List<String> flushes = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public synchronized void write(char[] chars, int offset, int length) {
            buffered.append(chars, offset, length);
        }

        @Override
        public synchronized void flush() {
            if (!buffered.isEmpty()) {
                flushes.add(buffered.toString());
                buffered.setLength(0);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aHeldTextLeavesWithTheNextSentOneInOneWrite() {
        Wire wire = new Wire();
        Sink sink = new Sink.Original(new PrintWriter(wire), released::incrementAndGet);
        assertThat(sink.hold("id: x_0\nretry: 2000\ndata: \n\n")).isTrue();
        assertThat(wire.flushes).isEmpty();
        assertThat(sink.send("id: x_1\ndata: {}\n\n")).isTrue();
        assertThat(wire.flushes).containsExactly("id: x_0\nretry: 2000\ndata: \n\nid: x_1\ndata: {}\n\n");
    }

    @Test
    void thePrimingEventComesFirstWhetherItLeavesAloneOrWithTheAnswer() {
        Wire wire = new Wire();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(wire), released::incrementAndGet));
        stream.publish("event: message\ndata: {}\n\n");

        assertThat(String.join("", wire.flushes)).isEqualTo("id: " + stream.id + "_0\nretry: 2000\ndata: \n\n"
                + "id: " + stream.id + "_1\nevent: message\ndata: {}\n\n");
        assertThat(wire.buffered).isEmpty();
    }

    @Test
    void aStreamWithNothingElseToSendGetsItsPrimingEventFlushedSoon() throws Exception {
        Wire wire = new Wire();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        long start = System.nanoTime();
        stream.prime(new Sink.Original(new PrintWriter(wire), released::incrementAndGet));
        while (wire.flushes.isEmpty() && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(5);
        }
        assertThat(wire.flushes).containsExactly("id: " + stream.id + "_0\nretry: 2000\ndata: \n\n");
        stream.publish("data: 1\n\n");
        assertThat(wire.flushes).hasSize(2).last().isEqualTo("id: " + stream.id + "_1\ndata: 1\n\n");
        assertThat(store.after(stream, 0).orElseThrow()).extracting(RecordedStream.Event::frame)
                .containsExactly("data: 1\n\n");
    }

    @Test
    void aHeldPrimingEventIsNotFlushedAgainOnceTheStreamHasEnded() throws Exception {
        Wire wire = new Wire();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(wire), released::incrementAndGet));
        stream.end();
        Thread.sleep(4 * PrimeFlushes.DELAY_MILLIS + 50);
        // the container sends what the SDK's completion leaves buffered; the stream writes nothing after its end
        assertThat(wire.flushes).isEmpty();
        assertThat(released).hasValue(0);
    }

    @Test
    void aClientGoneBeforeTheHeldPrimingEventIsFlushedIsReleasedAndTheStreamStillKept() throws Exception {
        Breakable wire = new Breakable();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(wire), released::incrementAndGet));
        wire.broken = true;
        long start = System.nanoTime();
        while (released.get() == 0 && System.nanoTime() - start < 5_000_000_000L) {
            Thread.sleep(5);
        }
        assertThat(released).hasValue(1);
        stream.publish("data: 1\n\n");
        assertThat(released).hasValue(1);
        assertThat(store.after(stream, 0).orElseThrow()).extracting(RecordedStream.Event::frame)
                .containsExactly("data: 1\n\n");
    }

    @Test
    void aBrokenConnectionIsReleasedOnceAndEverythingAfterIsStillKept() {
        Breakable wire = new Breakable();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(wire), released::incrementAndGet));
        wire.broken = true;
        stream.publish("data: 1\n\n");
        stream.publish("data: 2\n\n");
        stream.end();

        assertThat(released).hasValue(1);
        assertThat(store.after(stream, 0).orElseThrow()).extracting(RecordedStream.Event::frame)
                .containsExactly("data: 1\n\n", "data: 2\n\n");
    }

    @Test
    void aResumptionTakesALiveStreamOverAndIsClosedWhenItEnds() {
        StringWriter original = new StringWriter();
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(original), released::incrementAndGet));
        stream.publish("data: 1\n\n");
        stream.publish("data: 2\n\n");
        StringWriter resumedWire = new StringWriter();
        FakeAsync async = new FakeAsync();

        RecordedStream.Resumption outcome = stream.resume(1,
                () -> Optional.of(new Sink.Resumed(async, new PrintWriter(resumedWire))));
        stream.publish("data: 3\n\n");
        stream.end();

        assertThat(outcome).isEqualTo(RecordedStream.Resumption.REPLAYED);
        assertThat(released).as("the original connection is let go").hasValue(1);
        assertThat(original.toString()).doesNotContain("data: 3");
        assertThat(resumedWire.toString()).isEqualTo("retry: 2000\n\nid: " + stream.id + "_2\ndata: 2\n\n"
                + "id: " + stream.id + "_3\ndata: 3\n\n");
        assertThat(async.completed).hasValue(1);
    }

    @Test
    void anEndedStreamIsReplayedAndTheResumptionEndsAtOnce() {
        RecordedStream stream = store.open("s", "a|").orElseThrow();
        stream.prime(new Sink.Original(new PrintWriter(new StringWriter()), released::incrementAndGet));
        stream.publish("data: 1\n\n");
        stream.end();
        StringWriter resumedWire = new StringWriter();
        FakeAsync async = new FakeAsync();

        stream.resume(0, () -> Optional.of(new Sink.Resumed(async, new PrintWriter(resumedWire))));

        assertThat(resumedWire.toString()).endsWith("id: " + stream.id + "_1\ndata: 1\n\n");
        assertThat(async.completed).hasValue(1);
        assertThat(released).as("the SDK completes its own connection").hasValue(0);
    }

    @Test
    void aResumptionFromBeforeAnExpiredOrDroppedEventOpensNothing() {
        StreamStore small = new StreamStore(new StreamBounds(StreamBounds.DEFAULTS.retry(),
                StreamBounds.DEFAULTS.retention(), 1, 1024, 1, 1024, 1, 1024), Clock.systemUTC());
        RecordedStream stream = small.open("s", "a|").orElseThrow();
        stream.publish("data: 1\n\n");
        stream.publish("data: 2\n\n");
        AtomicInteger opened = new AtomicInteger();

        assertThat(stream.resume(0, () -> {
            opened.incrementAndGet();
            return Optional.empty();
        })).isEqualTo(RecordedStream.Resumption.GONE);
        assertThat(opened).hasValue(0);
    }

    /** A connection that starts failing when told to. */
    private static final class Breakable extends Writer {
        volatile boolean broken;

        @Override
        public void write(char[] chars, int offset, int length) throws java.io.IOException {
            if (broken) {
                throw new java.io.IOException("connection reset");
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            if (broken) {
                throw new java.io.IOException("connection reset");
            }
        }

        @Override
        public void close() {
        }
    }

    /** Counts completions; nothing else is used by a resumed stream. */
    static final class FakeAsync implements AsyncContext {
        final AtomicInteger completed = new AtomicInteger();

        @Override
        public void complete() {
            completed.incrementAndGet();
        }

        @Override
        public ServletRequest getRequest() {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServletResponse getResponse() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasOriginalRequestAndResponse() {
            return true;
        }

        @Override
        public void dispatch() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dispatch(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void dispatch(ServletContext context, String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void start(Runnable run) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addListener(AsyncListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addListener(AsyncListener listener, ServletRequest request, ServletResponse response) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T extends AsyncListener> T createListener(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTimeout(long timeout) {
        }

        @Override
        public long getTimeout() {
            return 0;
        }
    }
}
