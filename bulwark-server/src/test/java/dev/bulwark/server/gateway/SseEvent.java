package dev.bulwark.server.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One SSE event as a plain client reads it: its id, its {@code retry} hint and its data lines joined. */
record SseEvent(String id, String retry, String data) {
    static List<SseEvent> parse(String body) {
        List<SseEvent> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new java.io.StringReader(body))) {
            SseEvent event;
            while ((event = read(reader)) != null) {
                events.add(event);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** The next event with an id or data, or null at the end of the stream. */
    static SseEvent read(BufferedReader reader) throws IOException {
        String id = null;
        String retry = null;
        StringBuilder data = null;
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (id != null || data != null) {
                    return new SseEvent(id, retry, data == null ? "" : data.toString());
                }
                continue;
            }
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).stripLeading() : "";
            if (line.startsWith("id:")) {
                id = value;
            } else if (line.startsWith("retry:")) {
                retry = value;
            } else if (line.startsWith("data:")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return null;
    }
}
