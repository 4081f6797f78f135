package dev.bulwark.server.streams;

import jakarta.servlet.AsyncContext;
import java.io.PrintWriter;

/** Where a stream's events go while a client is connected to it. */
sealed interface Sink {
    /** The connection's writer. */
    PrintWriter writer();

    /** Writes and flushes; false once the client is gone (nothing is thrown: the stream is recorded regardless). */
    default boolean send(String text) {
        return write(writer(), text, true);
    }

    /** Writes without flushing: the text leaves with the next flush (or when the connection completes). */
    default boolean hold(String text) {
        return write(writer(), text, false);
    }

    /** Flushes what was held; false once the client is gone. */
    default boolean flush() {
        return write(writer(), "", true);
    }

    /** The client is gone, or another connection took the stream over: this connection is closed. */
    void end();

    /**
     * The connection the SDK wrote to itself. The SDK completes it when its stream ends; {@code release} completes it
     * earlier, when the client has gone or resumed elsewhere, so the container does not hold a dead connection.
     */
    record Original(PrintWriter writer, Runnable release) implements Sink {
        @Override
        public void end() {
            release.run();
        }
    }

    /** A {@code GET} with {@code Last-Event-ID} that took the stream over; completed by the gateway. */
    record Resumed(AsyncContext async, PrintWriter writer) implements Sink {
        @Override
        public void end() {
            try {
                async.complete();
            } catch (IllegalStateException alreadyOver) {
                // the container ended it first (the client went away)
            }
        }
    }

    private static boolean write(PrintWriter writer, String text, boolean flush) {
        try {
            writer.write(text);
            if (!flush) {
                return true;
            }
            writer.flush();
            return !writer.checkError();
        } catch (RuntimeException gone) {
            return false;
        }
    }
}
