package dev.bulwark.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseEventWriterTest {
    private final List<String> events = new ArrayList<>();
    private final PrintWriter writer = new PrintWriter(new SseEventWriter(events::add));

    @Test
    void handsOnEachEventWithoutTheSdksId() {
        writer.write("id: sdk-chosen\n");
        writer.write("event: message\n");
        writer.write("data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n");
        writer.flush();
        writer.write("id\nevent: message\ndata: {}\n\n");
        writer.flush();

        assertThat(events).containsExactly("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n",
                "event: message\ndata: {}\n\n");
    }

    @Test
    void joinsLinesAndEventsSplitAcrossWrites() {
        for (char c : "event: message\r\ndata: {\"a\":\"b\"}\n\ndata: x\ndata: y\n".toCharArray()) {
            writer.write(c);
        }
        writer.write("\n");
        writer.flush();

        assertThat(events).containsExactly("event: message\ndata: {\"a\":\"b\"}\n\n", "data: x\ndata: y\n\n");
    }

    @Test
    void neverReportsAnError() {
        writer.write("data: {}\n\n");
        writer.close();
        assertThat(writer.checkError()).isFalse();
        assertThat(events).hasSize(1);
    }

    @Test
    void keepsFieldsThatOnlyStartLikeId() {
        writer.write("idle: 1\ndata: {}\n\n");
        writer.flush();
        assertThat(events).containsExactly("idle: 1\ndata: {}\n\n");
    }
}
