package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An SSE answer read event by event, as a plain client reads it; closing it drops the connection. */
final class SseReader implements AutoCloseable {
    private final HttpResponse<InputStream> response;
    private final BufferedReader reader;

    SseReader(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    }

    int status() {
        return response.statusCode();
    }

    java.net.http.HttpHeaders headers() {
        return response.headers();
    }

    SseEvent next() throws IOException {
        SseEvent event = SseEvent.read(reader);
        assertThat(event).as("an event before the end of the stream").isNotNull();
        return event;
    }

    /** Every event until the server ends the stream. */
    List<SseEvent> rest() throws IOException {
        List<SseEvent> events = new ArrayList<>();
        SseEvent event;
        while ((event = SseEvent.read(reader)) != null) {
            events.add(event);
        }
        return events;
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
