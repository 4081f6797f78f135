package dev.bulwark.spi.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AgentIdTest {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    @Test
    void idsAreCheckedExactlyAsTheirPatternSays() {
        List<String> ids = new ArrayList<>(List.of("", "a", "Z", "0", ".", "-a", "_a", "a.b_c-d", "a b", "a/b",
                "a\u0000", "a\n", "é", "a\u00e9", "a".repeat(128), "a".repeat(129), "A" + ".".repeat(127),
                "bot", "../etc", "a:b", "a@b", "a`", "a{", "a[", "a@", "a/", "a:"));
        Random random = new Random(11);
        String alphabet = "azAZ09._-/@:[`{ \u00e9\u0130\u212a";
        for (int i = 0; i < 5000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(135);
            for (int j = 0; j < length; j++) {
                id.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            ids.add(id.toString());
        }
        for (String id : ids) {
            assertEquals(ID.matcher(id).matches(), Agent.isValidId(id), id);
            if (!ID.matcher(id).matches()) {
                assertThrows(IllegalArgumentException.class, () -> Agent.requireValidId(id, "agent id"));
            } else {
                assertEquals(id, Agent.requireValidId(id, "agent id"));
            }
        }
        assertThrows(RuntimeException.class, () -> Agent.requireValidId(null, "agent id"));
    }
}
