package dev.bulwark.server.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
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

    @Test
    void aStreamIdIsExactlyThirtyTwoLowerCaseHexDigitsAsTheRegexSaid() {
        Pattern hex = Pattern.compile("[0-9a-f]{32}");
        List<String> ids = new ArrayList<>(List.of("", STREAM, STREAM.toUpperCase(),
                STREAM + "0", STREAM.substring(1), STREAM.replace('a', 'g'), STREAM.replace('0', '/'),
                STREAM.replace('9', ':'), STREAM.replace('a', '`'), STREAM.replace('f', 'α'), " " + STREAM.substring(1)));
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            char[] c = new char[30 + random.nextInt(5)];
            for (int j = 0; j < c.length; j++) {
                c[j] = random.nextInt(20) == 0 ? (char) random.nextInt(0x200) : "0123456789abcdef".charAt(random.nextInt(16));
            }
            ids.add(new String(c));
        }
        for (String id : ids) {
            assertThat(EventId.isStreamId(id)).as(id).isEqualTo(hex.matcher(id).matches());
        }
        assertThat(EventId.isStreamId(null)).isFalse();
        assertThatThrownBy(() -> new EventId(STREAM.toUpperCase(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
