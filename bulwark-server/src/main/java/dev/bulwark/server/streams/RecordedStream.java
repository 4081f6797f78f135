package dev.bulwark.server.streams;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One SSE stream of one MCP session. Its kept events and counters belong to the {@link StreamStore} (read and changed
 * only under the store's lock); which connection receives it now belongs to the stream's own lock, which is held
 * while an event is numbered, kept and sent, so a resumption sees every event either in its replay or live, never
 * both and never neither.
 */
final class RecordedStream {
    /** One kept event: its place, its text without the id line, its size in UTF-8 bytes and when it was written. */
    record Event(long seq, String frame, long bytes, Instant at) {}

    final String id;
    final String session;
    final String owner;
    private final StreamStore store;
    /** {@code id: <stream>_}: an event's id line is this and its place (the stream id is checked once, here). */
    private final String idLinePrefix;

    // guarded by store
    final ArrayDeque<Event> events = new ArrayDeque<>();
    long nextSeq = 1;
    long firstKept = 1;
    long bytes;
    boolean ended;
    boolean forgotten;
    Instant lastWritten;

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock
    private Sink sink;
    /** The priming event was written to the original connection but not yet flushed (see {@link PrimeFlushes}). */
    private boolean primingHeld;

    RecordedStream(StreamStore store, String id, String session, String owner, Instant opened) {
        this.store = store;
        this.id = id;
        this.session = session;
        this.owner = owner;
        this.lastWritten = opened;
        this.idLinePrefix = "id: " + new EventId(id, 0).stream() + "_";
    }

    /**
     * Writes the priming event (an id, the {@code retry} hint, empty data) to the connection that opened the stream. It
     * is held unflushed: it leaves with the stream's next event, or from {@link PrimeFlushes} if none follows soon.
     */
    void prime(Sink original) {
        Sink gone = null;
        lock.lock();
        try {
            sink = original;
            if (original.hold(idLinePrefix + 0 + "\n" + "retry: " + store.bounds().retry().toMillis() + "\ndata: \n\n")) {
                primingHeld = true;
            } else {
                gone = sink;
                sink = null;
            }
        } finally {
            lock.unlock();
        }
        if (gone == null) {
            PrimeFlushes.held(this);
        }
        endOutsideLock(gone);
    }

    /** Flushes the priming event if it is still held (nothing else was sent on the original connection since). */
    void flushPriming() {
        Sink gone = null;
        lock.lock();
        try {
            if (primingHeld) {
                primingHeld = false;
                if (sink != null && !sink.flush()) {
                    gone = sink;
                    sink = null;
                }
            }
        } finally {
            lock.unlock();
        }
        endOutsideLock(gone);
    }

    /** Numbers, keeps and sends one event the SDK wrote ({@code frame}: its lines other than {@code id}). */
    void publish(String frame) {
        Sink gone;
        lock.lock();
        try {
            long seq = store.append(this, frame);
            gone = send(seq, frame);
        } finally {
            lock.unlock();
        }
        endOutsideLock(gone);
    }

    /**
     * The SDK completed the stream (and with it the original connection): it is kept for replay, and a connection
     * that resumed it is closed.
     */
    void end() {
        Sink resumed;
        lock.lock();
        try {
            store.end(this);
            resumed = sink instanceof Sink.Resumed ? sink : null;
            sink = null;
        } finally {
            lock.unlock();
        }
        endOutsideLock(resumed);
    }

    /** The outcome of a resumption. */
    enum Resumption { REPLAYED, GONE }

    /**
     * Replays the events after {@code after} and, if the stream is still live, hands the rest to the same
     * connection. {@code connect} opens that connection (it commits the response), under the stream's lock and only
     * when the replay can be served; it is empty when the connection could not be opened. A previous resumed
     * connection is closed; the original connection gets nothing more (and is released).
     */
    Resumption resume(long after, Supplier<Optional<Sink>> connect) {
        Sink previous = null;
        Sink finished = null;
        lock.lock();
        try {
            Optional<List<Event>> missed = store.after(this, after);
            if (missed.isEmpty()) {
                return Resumption.GONE;
            }
            Optional<Sink> opened = connect.get();
            if (opened.isEmpty()) {
                return Resumption.REPLAYED;
            }
            Sink resumed = opened.get();
            primingHeld = false;
            previous = sink;
            sink = resumed;
            boolean connected = resumed.send("retry: " + store.bounds().retry().toMillis() + "\n\n");
            for (Event event : missed.get()) {
                connected = connected && resumed.send(idLinePrefix + event.seq() + "\n" + event.frame());
            }
            if (!connected || store.ended(this)) {
                sink = null;
                finished = resumed;
            }
            return Resumption.REPLAYED;
        } finally {
            lock.unlock();
            endOutsideLock(previous);
            endOutsideLock(finished);
        }
    }

    /** The resumed connection went away; later events are kept for the next resumption. */
    void detach(Sink gone) {
        lock.lock();
        try {
            if (sink == gone) {
                sink = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends to the current connection; returns it, detached, when the client has gone (to be ended by the caller). */
    private Sink send(long seq, String frame) {
        primingHeld = false;
        if (sink != null && !sink.send(idLinePrefix + seq + "\n" + frame)) {
            // The client went away: keep recording (the SDK must not see the failure, or it drops the answer).
            Sink gone = sink;
            sink = null;
            return gone;
        }
        return null;
    }

    /**
     * Ends a connection without holding the stream's lock: completing a request may run the container's and the SDK's
     * listeners on this thread, and the SDK's take its own transport lock, which a thread publishing to this stream
     * holds while it waits for this stream's lock.
     */
    private static void endOutsideLock(Sink sink) {
        if (sink != null) {
            sink.end();
        }
    }
}
