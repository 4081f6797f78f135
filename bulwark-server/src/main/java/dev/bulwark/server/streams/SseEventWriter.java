package dev.bulwark.server.streams;

import java.io.Writer;
import java.util.function.Consumer;

/**
 * Reads the SSE text the SDK writes and hands on each complete event without its {@code id} line (the gateway
 * numbers events itself). Never fails: the SDK treats a writer error as a lost client and drops the message, and
 * the message must still be kept for the client's resumption.
 */
final class SseEventWriter extends Writer {
    private final Consumer<String> events;
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder frame = new StringBuilder();

    SseEventWriter(Consumer<String> events) {
        this.events = events;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (chars[i] == '\n') {
                line.append(chars, start, i - start);
                endLine();
                start = i + 1;
            }
        }
        line.append(chars, start, end - start);
    }

    @Override
    public void write(String text, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = text.indexOf('\n', offset); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
            line.append(text, start, i);
            endLine();
            start = i + 1;
        }
        line.append(text, start, end);
    }

    private void endLine() {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(--length);
        }
        if (length == 0) {
            if (!frame.isEmpty()) {
                String event = frame.append('\n').toString();
                frame.setLength(0);
                events.accept(event);
            }
        } else if (!isIdField(line)) {
            frame.append(line).append('\n');
        }
        line.setLength(0);
    }

    /** {@code id} alone or {@code id:...}: the SSE id field. */
    private static boolean isIdField(CharSequence line) {
        return line.length() >= 2 && line.charAt(0) == 'i' && line.charAt(1) == 'd'
                && (line.length() == 2 || line.charAt(2) == ':');
    }

    @Override
    public void flush() {
        // each complete event is sent and flushed as it ends
    }

    @Override
    public void close() {
        // the SDK's stream ends when it completes the request, not when it closes the writer
    }
}
