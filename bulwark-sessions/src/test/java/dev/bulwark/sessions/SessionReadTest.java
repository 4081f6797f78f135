package dev.bulwark.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionReadTest {
    @Test
    void unpacksItemsByTheirLengthInCharactersWhateverTheyHold() throws SQLException {
        assertThat(SessionRead.unpack(null)).isEmpty();
        assertThat(SessionRead.unpack("")).isEmpty();
        assertThat(SessionRead.unpack("3:a:b4:12:x1::0:")).containsExactly("a:b", "12:x", ":", "");
        // one character beyond the Basic Multilingual Plane is one character to the database, two UTF-16 units here
        assertThat(SessionRead.unpack("2:\uD83D\uDE00a6:日本.ツール")).containsExactly("\uD83D\uDE00a", "日本.ツール");
        assertThat(SessionRead.unpack("10:" + "x".repeat(10))).containsExactly("x".repeat(10));
    }

    @Test
    void refusesTextThatIsNotAPacking() {
        for (String bad : List.of("3:ab", "x:ab", "1a:b", ":a", "1", "2:ab3", "1234567890:x", "-1:a", "1:a\u00002:bc")) {
            assertThatThrownBy(() -> SessionRead.unpack(bad)).as(bad).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void packsAndUnpacksAsTheDatabaseDoes() throws SQLException {
        List<String> items = List.of("a:b", "7:seven", "\uD83D\uDE00", "tab\there", "x".repeat(256));
        StringBuilder packed = new StringBuilder();
        for (String item : items) {
            packed.append(item.codePointCount(0, item.length())).append(':').append(item);
        }
        assertThat(SessionRead.unpack(packed.toString())).isEqualTo(items);
    }
}
