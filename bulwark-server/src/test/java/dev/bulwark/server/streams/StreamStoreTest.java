package dev.bulwark.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamStoreTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));

    private static StreamBounds bounds(int events, long streamBytes, int streams, long sessionBytes, int sessions,
                                       long bytes) {
        return new StreamBounds(Duration.ofSeconds(2), Duration.ofMinutes(5), events, streamBytes, streams,
                sessionBytes, sessions, bytes);
    }

    private static String frame(int n) {
        return "event: message\ndata: {\"n\":" + n + "}\n\n";
    }

    private static List<Long> seqs(StreamStore store, RecordedStream stream, long after) {
        return store.after(stream, after).orElseThrow().stream().map(RecordedStream.Event::seq).toList();
    }

    @Test
    void streamIdsAre128RandomBitsInHexAndDoNotRepeat() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = store.open("s" + i, "agent|").orElseThrow().id;
            assertThat(id).matches("[0-9a-f]{32}");
            assertThat(seen.add(id)).isTrue();
        }
    }

    @Test
    void replaysOnlyTheEventsAfterTheGivenId() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        for (int i = 1; i <= 4; i++) {
            stream.publish(frame(i));
        }

        assertThat(seqs(store, stream, 0)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(seqs(store, stream, 2)).containsExactly(3L, 4L);
        assertThat(seqs(store, stream, 4)).isEmpty();
        assertThat(store.after(stream, 2).orElseThrow().get(0).frame()).isEqualTo(frame(3));
    }

    @Test
    void beyondTheEventBoundTheOldestGoAndAResumptionThatWouldSkipOneIsRefused() {
        StreamStore store = new StreamStore(bounds(3, 1 << 20, 8, 1 << 20, 10, 1 << 20), clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        for (int i = 1; i <= 5; i++) {
            stream.publish(frame(i));
        }

        assertThat(store.after(stream, 0)).isEmpty();
        assertThat(store.after(stream, 1)).isEmpty();
        assertThat(seqs(store, stream, 2)).containsExactly(3L, 4L, 5L);
    }

    @Test
    void beyondTheStreamByteBoundTheOldestGo() {
        StreamStore store = new StreamStore(bounds(1000, 1024, 8, 1 << 20, 10, 1 << 20), clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        String big = "data: " + "x".repeat(300) + "\n\n";
        for (int i = 0; i < 4; i++) {
            stream.publish(big);
        }

        assertThat(store.bytes()).isLessThanOrEqualTo(1024);
        assertThat(store.after(stream, 1)).isEmpty();
        assertThat(seqs(store, stream, 2)).containsExactly(3L, 4L);
    }

    @Test
    void anEventLargerThanTheStreamBoundIsSentButNotKeptSoNoResumptionSkipsIt() {
        StreamStore store = new StreamStore(bounds(1000, 1024, 8, 1 << 20, 10, 1 << 20), clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        stream.publish(frame(1));
        stream.publish("data: " + "y".repeat(2000) + "\n\n");
        stream.publish(frame(3));

        assertThat(store.after(stream, 0)).isEmpty();
        assertThat(store.after(stream, 1)).isEmpty();
        assertThat(seqs(store, stream, 2)).containsExactly(3L);
    }

    @Test
    void theSessionByteBoundTakesTheOldestEventOverAllItsStreams() {
        StreamStore store = new StreamStore(bounds(1000, 1024, 8, 1024, 10, 1 << 20), clock);
        RecordedStream first = store.open("s1", "agent|").orElseThrow();
        RecordedStream second = store.open("s1", "agent|").orElseThrow();
        String event = "data: " + "z".repeat(300) + "\n\n";
        first.publish(event);
        clock.advance(Duration.ofMillis(1));
        second.publish(event);
        clock.advance(Duration.ofMillis(1));
        second.publish(event);

        assertThat(store.after(first, 0)).isEmpty();
        assertThat(seqs(store, second, 0)).containsExactly(1L, 2L);
    }

    @Test
    void theTotalByteBoundTakesFromTheLeastRecentlyWrittenSessionFirst() {
        StreamStore store = new StreamStore(bounds(1000, 2048, 8, 2048, 10, 2048), clock);
        String event = "data: " + "w".repeat(300) + "\n\n";
        RecordedStream old = store.open("old", "agent|").orElseThrow();
        old.publish(event);
        old.publish(event);
        RecordedStream recent = store.open("recent", "agent|").orElseThrow();
        for (int i = 0; i < 4; i++) {
            recent.publish(event);
        }

        assertThat(store.bytes()).isLessThanOrEqualTo(2048);
        assertThat(seqs(store, recent, 0)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(store.after(old, 0)).isEmpty();
        assertThat(seqs(store, old, 1)).containsExactly(2L);
    }

    @Test
    void eventsOlderThanTheRetentionAreNoLongerReplayed() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        stream.publish(frame(1));
        clock.advance(Duration.ofMinutes(4));
        stream.publish(frame(2));
        clock.advance(Duration.ofMinutes(2));

        assertThat(store.after(stream, 0)).isEmpty();
        assertThat(seqs(store, stream, 1)).containsExactly(2L);
    }

    @Test
    void anEndedStreamIsForgottenOnceIdleForTheRetention() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        stream.publish(frame(1));
        stream.end();
        EventId id = new EventId(stream.id, 1);
        assertThat(store.find("s1", "agent|", id)).isPresent();

        clock.advance(Duration.ofMinutes(6));
        store.open("s2", "agent|");

        assertThat(store.find("s1", "agent|", id)).isEmpty();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void onlyTheSessionAndPrincipalThatOpenedAStreamFindItAndOnlyWithIdsItSent() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream stream = store.open("s1", "agent|alice").orElseThrow();
        RecordedStream other = store.open("s2", "agent|alice").orElseThrow();
        stream.publish(frame(1));

        assertThat(store.find("s1", "agent|alice", new EventId(stream.id, 1))).contains(stream);
        assertThat(store.find("s1", "agent|bob", new EventId(stream.id, 1))).isEmpty();
        assertThat(store.find("s2", "agent|alice", new EventId(stream.id, 1))).isEmpty();
        assertThat(store.find("s1", "agent|alice", new EventId(other.id, 0))).isEmpty();
        assertThat(store.find("s1", "agent|alice", new EventId(stream.id, 2))).isEmpty();
        assertThat(store.open("s1", "agent|bob")).isEmpty();
    }

    @Test
    void aDeletedSessionsStreamsAreDropped() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream stream = store.open("s1", "agent|").orElseThrow();
        stream.publish(frame(1));

        store.forget("s1");
        stream.publish(frame(2));

        assertThat(store.find("s1", "agent|", new EventId(stream.id, 1))).isEmpty();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void beyondTheStreamAndSessionCountsTheLeastRecentlyWrittenAreForgotten() {
        StreamStore store = new StreamStore(bounds(1000, 1024, 2, 4096, 2, 8192), clock);
        RecordedStream a = store.open("s1", "agent|").orElseThrow();
        RecordedStream b = store.open("s1", "agent|").orElseThrow();
        a.publish(frame(1));
        RecordedStream c = store.open("s1", "agent|").orElseThrow();
        assertThat(store.streams("s1")).isEqualTo(2);
        assertThat(store.find("s1", "agent|", new EventId(b.id, 0))).isEmpty();
        assertThat(store.find("s1", "agent|", new EventId(a.id, 1))).isPresent();
        assertThat(store.find("s1", "agent|", new EventId(c.id, 0))).isPresent();

        store.open("s2", "agent|");
        store.open("s3", "agent|");
        assertThat(store.streams("s1")).isZero();
        assertThat(store.bytes()).isZero();
    }

    @Test
    void aStandaloneStreamReplacedByAnotherIsDroppedAtOnceWhileCallStreamsStay() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream call = store.open("s1", "agent|").orElseThrow();
        call.publish(frame(1));
        RecordedStream first = store.open("s1", "agent|", true).orElseThrow();
        first.publish(frame(2));
        first.publish(frame(3));
        long kept = store.bytes();

        RecordedStream second = store.open("s1", "agent|", true).orElseThrow();
        first.end(); // the SDK closes the replaced connection after the new one opened
        first.publish(frame(4)); // and anything still written to it is not kept

        assertThat(store.find("s1", "agent|", new EventId(first.id, 2))).isEmpty();
        assertThat(store.find("s1", "agent|", new EventId(second.id, 0))).contains(second);
        assertThat(store.find("s1", "agent|", new EventId(call.id, 1))).contains(call);
        assertThat(store.streams("s1")).isEqualTo(2);
        assertThat(store.bytes()).isLessThan(kept).isPositive();

        RecordedStream third = store.open("s1", "agent|", true).orElseThrow();
        assertThat(store.find("s1", "agent|", new EventId(second.id, 0))).isEmpty();
        assertThat(store.find("s1", "agent|", new EventId(third.id, 0))).contains(third);
        assertThat(store.streams("s1")).isEqualTo(2);
    }

    @Test
    void aListeningStreamOfAnotherSessionOrPrincipalIsNeverReplaced() {
        StreamStore store = new StreamStore(StreamBounds.DEFAULTS, clock);
        RecordedStream mine = store.open("s1", "agent|alice", true).orElseThrow();
        RecordedStream theirs = store.open("s2", "agent|alice", true).orElseThrow();
        assertThat(store.open("s1", "agent|bob", true)).isEmpty();

        assertThat(store.find("s1", "agent|alice", new EventId(mine.id, 0))).contains(mine);
        assertThat(store.find("s2", "agent|alice", new EventId(theirs.id, 0))).contains(theirs);
    }
}
