package dev.bulwark.server.streams;

import dev.bulwark.spi.Unguessable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The events of the gateway's own SSE streams, kept in memory per MCP session and stream within {@link StreamBounds}.
 * Events are the text the agent was sent (already screened by the pipeline); nothing here is logged. All counters
 * are changed under this object's lock; sending happens outside it, under each stream's own lock.
 */
public final class StreamStore {
    /** Bytes counted per event on top of its text: the id line and the bookkeeping. */
    private static final int EVENT_OVERHEAD = 96;

    private final StreamBounds bounds;
    private final Clock clock;
    /** In order of last write, least recent first. */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private Instant nextSweep;

    private static final class Session {
        final String owner;
        /** In order of last write, least recent first. */
        final LinkedHashMap<String, RecordedStream> streams = new LinkedHashMap<>(8, 0.75f, true);
        /** The id of the session's standalone listening stream (opened by a plain {@code GET}), or null. */
        String listening;
        long bytes;

        Session(String owner) {
            this.owner = owner;
        }
    }

    public StreamStore(StreamBounds bounds, Clock clock) {
        this.bounds = Objects.requireNonNull(bounds, "bounds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextSweep = clock.instant();
    }

    StreamBounds bounds() {
        return bounds;
    }

    /** A new stream of the session, or empty when the session is known to belong to another principal. */
    Optional<RecordedStream> open(String sessionId, String owner) {
        return open(sessionId, owner, false);
    }

    /**
     * A new stream of the session that may replace an earlier one ({@code listening}: the standalone stream a plain
     * {@code GET} opens, of which a session has one), or empty when the session belongs to another principal. The
     * stream it replaces is forgotten at once: the SDK closes the replaced connection and writes nothing more to it,
     * and the client, which opened the new stream without resuming, has given the old one up.
     */
    synchronized Optional<RecordedStream> open(String sessionId, String owner, boolean listening) {
        Instant now = clock.instant();
        sweepIfDue(now);
        Session session = sessions.get(sessionId);
        if (session == null) {
            session = new Session(owner);
            sessions.put(sessionId, session);
            while (sessions.size() > bounds.maxSessions()) {
                forget(sessions.keySet().iterator().next());
            }
        } else if (!session.owner.equals(owner)) {
            return Optional.empty();
        }
        byte[] raw = Unguessable.bytes(16);
        RecordedStream stream = new RecordedStream(this, HexFormat.of().formatHex(raw), sessionId, owner, now);
        if (listening) {
            RecordedStream replaced = session.listening == null ? null : session.streams.get(session.listening);
            if (replaced != null) {
                forget(session, replaced);
            }
            session.listening = stream.id;
        }
        session.streams.put(stream.id, stream);
        while (session.streams.size() > bounds.maxStreamsPerSession()) {
            forget(session, session.streams.values().iterator().next());
        }
        return Optional.of(stream);
    }

    /** Numbers an event and keeps it if the bounds allow; returns its place in the stream. */
    synchronized long append(RecordedStream stream, String frame) {
        long seq = stream.nextSeq++;
        Instant now = clock.instant();
        stream.lastWritten = now;
        Session session = stream.forgotten ? null : sessions.get(stream.session);
        if (session == null || session.streams.get(stream.id) == null) {
            return seq;
        }
        long size = utf8Length(frame) + EVENT_OVERHEAD;
        if (size > bounds.maxBytesPerStream()) {
            // sent, never kept: a resumption from before it would miss it, so it is refused like a dropped event
            while (!stream.events.isEmpty()) {
                dropOldest(session, stream);
            }
            stream.firstKept = seq + 1;
            return seq;
        }
        stream.events.addLast(new RecordedStream.Event(seq, frame, size, now));
        stream.bytes += size;
        session.bytes += size;
        bytes += size;
        while (stream.events.size() > bounds.maxEventsPerStream() || stream.bytes > bounds.maxBytesPerStream()) {
            dropOldest(session, stream);
        }
        while (session.bytes > bounds.maxBytesPerSession()) {
            dropOldestOf(session);
        }
        Iterator<Session> leastRecent = sessions.values().iterator();
        while (bytes > bounds.maxBytes() && leastRecent.hasNext()) {
            Session other = leastRecent.next();
            while (other.bytes > 0 && bytes > bounds.maxBytes()) {
                dropOldestOf(other);
            }
        }
        sweepIfDue(now);
        return seq;
    }

    synchronized void end(RecordedStream stream) {
        stream.ended = true;
        stream.lastWritten = clock.instant();
    }

    synchronized boolean ended(RecordedStream stream) {
        return stream.ended;
    }

    /**
     * The session's stream holding {@code id}, when it was opened by {@code owner} and handed out that id; empty for
     * anything else (another session's or principal's stream, a forgotten stream, an id never sent).
     */
    synchronized Optional<RecordedStream> find(String sessionId, String owner, EventId id) {
        Session session = sessions.get(sessionId);
        if (session == null || !session.owner.equals(owner)) {
            return Optional.empty();
        }
        RecordedStream stream = session.streams.get(id.stream());
        if (stream == null || !stream.owner.equals(owner) || id.seq() >= stream.nextSeq) {
            return Optional.empty();
        }
        return Optional.of(stream);
    }

    /** The kept events after {@code seq}, or empty when one of them was dropped or has expired. */
    synchronized Optional<List<RecordedStream.Event>> after(RecordedStream stream, long seq) {
        Session session = stream.forgotten ? null : sessions.get(stream.session);
        if (session != null) {
            expire(session, stream, clock.instant());
        }
        if (stream.forgotten || seq + 1 < stream.firstKept) {
            return Optional.empty();
        }
        List<RecordedStream.Event> missed = new ArrayList<>();
        for (RecordedStream.Event event : stream.events) {
            if (event.seq() > seq) {
                missed.add(event);
            }
        }
        return Optional.of(missed);
    }

    /** Drops every stream of a session (it was deleted). */
    public synchronized void forget(String sessionId) {
        Session session = sessions.remove(sessionId);
        if (session != null) {
            for (RecordedStream stream : List.copyOf(session.streams.values())) {
                forget(session, stream);
            }
        }
    }

    /** Bytes kept in all, for tests and metrics. */
    synchronized long bytes() {
        return bytes;
    }

    /** Streams kept for a session, for tests. */
    synchronized int streams(String sessionId) {
        Session session = sessions.get(sessionId);
        return session == null ? 0 : session.streams.size();
    }

    private void forget(Session session, RecordedStream stream) {
        while (!stream.events.isEmpty()) {
            dropOldest(session, stream);
        }
        stream.forgotten = true;
        session.streams.remove(stream.id);
        if (stream.id.equals(session.listening)) {
            session.listening = null;
        }
    }

    private void dropOldest(Session session, RecordedStream stream) {
        RecordedStream.Event event = stream.events.removeFirst();
        stream.firstKept = event.seq() + 1;
        stream.bytes -= event.bytes();
        session.bytes -= event.bytes();
        bytes -= event.bytes();
    }

    /** Drops the session's oldest kept event, over all its streams. */
    private void dropOldestOf(Session session) {
        RecordedStream oldest = null;
        for (RecordedStream stream : session.streams.values()) {
            if (!stream.events.isEmpty() && (oldest == null
                    || stream.events.peekFirst().at().isBefore(oldest.events.peekFirst().at()))) {
                oldest = stream;
            }
        }
        if (oldest != null) {
            dropOldest(session, oldest);
        }
    }

    private void expire(Session session, RecordedStream stream, Instant now) {
        Instant horizon = now.minus(bounds.retention());
        while (!stream.events.isEmpty() && stream.events.peekFirst().at().isBefore(horizon)) {
            dropOldest(session, stream);
        }
    }

    /** Now and then: expired events go, and so do ended streams idle for the retention and sessions left empty. */
    private void sweepIfDue(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(bounds.retention().dividedBy(10));
        Instant horizon = now.minus(bounds.retention());
        for (Iterator<Map.Entry<String, Session>> it = sessions.entrySet().iterator(); it.hasNext(); ) {
            Session session = it.next().getValue();
            for (RecordedStream stream : List.copyOf(session.streams.values())) {
                expire(session, stream, now);
                if (stream.ended && stream.lastWritten.isBefore(horizon)) {
                    forget(session, stream);
                }
            }
            if (session.streams.isEmpty()) {
                it.remove();
            }
        }
    }

    static long utf8Length(String text) {
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }
}
