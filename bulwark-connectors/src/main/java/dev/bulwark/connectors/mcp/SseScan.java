package dev.bulwark.connectors.mcp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Watches the bytes of one SSE stream (the response to a POST) for what resuming it needs: the last event id, the
 * server's {@code retry} delay, and whether a JSON-RPC response has come (then the stream has done its job). Lines
 * longer than {@link #MAX_LINE_BYTES} are not inspected and count as a response, so an unreadable stream is never
 * resumed.
 */
final class SseScan {
    static final int MAX_LINE_BYTES = SdkClients.MAX_MESSAGE_BYTES;
    private static final JsonFactory JSON = new JsonFactory();

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean overlong;
    private String lastId;
    private long retryMillis = -1;
    private boolean responded;

    /** Reads more of the stream; the buffer's position is not moved. */
    void accept(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        int at = view.position();
        int limit = view.limit();
        while (at < limit) {
            int end = at;
            while (end < limit && view.get(end) != '\n') {
                end++;
            }
            keep(view, at, end);
            if (end == limit) {
                break;
            }
            endLine();
            at = end + 1;
        }
    }

    /** Adds bytes {@code from..to} of {@code view} to the line in one copy, up to the line bound. */
    private void keep(ByteBuffer view, int from, int to) {
        int kept = Math.min(to - from, MAX_LINE_BYTES - line.size());
        if (kept > 0) {
            byte[] bytes = new byte[kept];
            view.get(from, bytes);
            line.write(bytes, 0, kept);
        }
        if (to - from > kept) {
            overlong = true;
        }
    }

    private void endLine() {
        String text = new String(line.toByteArray(), StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (overlong) {
            overlong = false;
            responded = true;
            return;
        }
        if (text.isEmpty()) {
            dispatch();
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1).startsWith(" ") ? text.substring(colon + 2)
                : text.substring(colon + 1);
        switch (field) {
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (value.matches("\\d{1,9}")) {
                    retryMillis = Long.parseLong(value);
                }
            }
            case "data" -> data.append(data.isEmpty() ? "" : "\n").append(value);
            default -> { }
        }
    }

    private void dispatch() {
        if (!data.isEmpty() && isResponse(data.toString())) {
            responded = true;
        }
        data.setLength(0);
    }

    /** A JSON-RPC response: an object with {@code result} or {@code error} and no {@code method}. */
    static boolean isResponse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean outcome = false;
            boolean method = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                outcome |= name.equals("result") || name.equals("error");
                method |= name.equals("method");
                parser.nextToken();
                parser.skipChildren();
            }
            return outcome && !method;
        } catch (IOException e) {
            return false;
        }
    }

    String lastId() {
        return lastId;
    }

    /** The delay the server asked for before reconnecting, or {@code -1}. */
    long retryMillis() {
        return retryMillis;
    }

    boolean responded() {
        return responded;
    }
}
