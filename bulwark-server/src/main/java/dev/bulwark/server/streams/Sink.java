package dev.bulwark.server.streams;

import jakarta.servlet.AsyncContext;
import java.io.PrintWriter;

/** Where a stream's events go while a client is connected to it. */
sealed interface Sink {
    /** Writes and flushes; false once the client is gone (nothing is thrown: the stream is recorded regardless). */
    boolean send(String text);

    /** The stream is over, or another connection took it over. */
    void end();

    /** The connection the SDK wrote to itself; the SDK completes it. */
    record Original(PrintWriter writer) implements Sink {
        @Override
        public boolean send(String text) {
            return Sink.write(writer, text);
        }

        @Override
        public void end() {
            // the SDK owns this response and completes it when its stream ends
        }
    }

    /** A {@code GET} with {@code Last-Event-ID} that took the stream over; completed by the gateway. */
    record Resumed(AsyncContext async, PrintWriter writer) implements Sink {
        @Override
        public boolean send(String text) {
            return Sink.write(writer, text);
        }

        @Override
        public void end() {
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                // the container ended it first (the client went away)
            }
        }
    }

    private static boolean write(PrintWriter writer, String text) {
        try {
            writer.write(text);
            writer.flush();
            return !writer.checkError();
        } catch (RuntimeException gone) {
            return false;
        }
    }
}
