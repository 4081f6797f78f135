package dev.bulwark.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {
    /** The rule as it was written before: 1 to 256 characters from 0x21 to 0x7e. */
    private static final Pattern VISIBLE = Pattern.compile("[\\x21-\\x7e]{1,256}");

    @Test
    void sessionIdsAreVisibleAsciiOfBoundedLengthAsTheRegexSaid() {
        List<String> ids = new ArrayList<>(List.of("", " ", "a", "a b", "a\tb", "a\nb", "ä", "\u0000", "\u007f",
                "\u2028", "😀", "!", "~", "a".repeat(256), "a".repeat(257), "3f2a-9c_01.Zz",
                "<script>alert(1)</script>", "a\u0085b"));
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(300);
            for (int j = 0; j < length; j++) {
                s.append((char) (random.nextInt(10) == 0 ? random.nextInt(0x3000) : 0x1c + random.nextInt(0x68)));
            }
            ids.add(s.toString());
        }
        for (String id : ids) {
            assertThat(LogContext.visible(id)).as(id).isEqualTo(VISIBLE.matcher(id).matches());
        }
        assertThat(LogContext.visible(null)).isFalse();
    }

    @Test
    void onlyAWellFormedSessionIdEntersTheContextAndClosingRestoresIt() {
        MDC.clear();
        try (var open = LogContext.open("s-1", Map.of())) {
            assertThat(MDC.get(LogContext.SESSION_ID)).isEqualTo("s-1");
        }
        assertThat(MDC.get(LogContext.SESSION_ID)).isNull();
        try (var open = LogContext.open("s 1\nforged=1", Map.of())) {
            assertThat(MDC.get(LogContext.SESSION_ID)).isNull();
        }
    }
}
