package dev.bulwark.server.streams;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The response the SDK's servlet writes to. When it answers with an SSE stream, the writer it gets numbers, keeps
 * and forwards each event, after a priming event; any other answer passes through untouched.
 */
final class RecordingResponse extends HttpServletResponseWrapper {
    private final StreamStore store;
    private final String session;
    private final String owner;
    private final Runnable release;
    private final boolean listening;
    private PrintWriter writer;
    private RecordedStream stream;

    /**
     * @param release   completes the connection early, when the client is gone
     * @param listening whether this answers a plain {@code GET}: its stream is the session's standalone stream and
     *                  replaces the one before
     */
    RecordingResponse(HttpServletResponse response, StreamStore store, String session, String owner,
                      Runnable release, boolean listening) {
        super(response);
        this.listening = listening;
        this.release = release;
        this.store = store;
        this.session = session;
        this.owner = owner;
    }

    @Override
    public synchronized PrintWriter getWriter() throws IOException {
        if (writer != null) {
            return writer;
        }
        PrintWriter real = super.getWriter();
        String type = getContentType();
        if (getStatus() == 200 && type != null
                && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            stream = store.open(session, owner, listening).orElse(null);
        }
        if (stream == null) {
            writer = real;
        } else {
            stream.prime(new Sink.Original(real, release));
            writer = new PrintWriter(new SseEventWriter(stream::publish));
        }
        return writer;
    }

    /** The SDK completed the request: the stream (if this was one) is over. */
    void ended() {
        RecordedStream ending;
        synchronized (this) {
            ending = stream;
        }
        if (ending != null) {
            ending.end();
        }
    }
}
