package dev.bulwark.server.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTest {
    private static final String STREAM = "0123456789abcdef0123456789abcdef";

    @Test
    void readsBackTheIdsItWrites() {
        EventId id = new EventId(STREAM, 42);
        assertThat(EventId.parse(id.text())).contains(id);
        assertThat(EventId.parse(STREAM + "_0")).contains(new EventId(STREAM, 0));
    }

    @Test
    void refusesAnythingElse() {
        assertThat(EventId.parse(null)).isEmpty();
        assertThat(EventId.parse("")).isEmpty();
        assertThat(EventId.parse("42")).isEmpty();
        assertThat(EventId.parse(STREAM)).isEmpty();
        assertThat(EventId.parse(STREAM + "_")).isEmpty();
        assertThat(EventId.parse(STREAM + "_-1")).isEmpty();
        assertThat(EventId.parse(STREAM + "_01")).isEmpty();
        assertThat(EventId.parse(STREAM.toUpperCase() + "_1")).isEmpty();
        assertThat(EventId.parse(STREAM + "_1_2")).isEmpty();
        assertThat(EventId.parse(STREAM + "_99999999999999999999")).isEmpty();
        assertThat(EventId.parse("../" + STREAM + "_1")).isEmpty();
        assertThat(EventId.parse(STREAM + "_1\n")).isPresent();
        assertThat(EventId.parse(STREAM + "_1" + " ".repeat(EventId.MAX_LENGTH))).isEmpty();
        assertThat(EventId.parse(STREAM.replace('a', 'α') + "_1")).isEmpty();
    }
}
