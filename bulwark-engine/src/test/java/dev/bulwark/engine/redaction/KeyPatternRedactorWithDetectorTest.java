package dev.bulwark.engine.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** With a secret detector, every span it finds is replaced before anything is kept or shortened. */
class KeyPatternRedactorWithDetectorTest {
    /** Finds "zz" followed by digits, a stand-in for what the guards' secret detector finds. */
    private static final Detector FAKE = new Detector() {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public List<Finding> detect(String text) {
            List<Finding> out = new ArrayList<>();
            Matcher m = Pattern.compile("zz[0-9]+").matcher(text);
            while (m.find()) {
                out.add(new Finding("SECRET", m.start(), m.end(), 0.9, "fake"));
            }
            return out;
        }
    };

    private final KeyPatternRedactor redactor = new KeyPatternRedactor(FAKE);

    @Test
    void replacesOnlyTheSpansTheDetectorFinds() {
        Map<String, Object> out = redactor.redact(Map.of("note", "keep this zz123 and zz9 too",
                "list", List.of("a zz1 b")));

        assertThat(out.get("note")).isEqualTo("keep this [REDACTED:secret] and [REDACTED:secret] too");
        assertThat(out.get("list")).isEqualTo(List.of("a [REDACTED:secret] b"));
    }

    @Test
    void aSecretAtTheStartOfALongValueIsGoneBeforeThePrefixIsKept() {
        String value = "zz" + "7".repeat(40) + " " + "x".repeat(400);

        String out = (String) redactor.redact(Map.of("blob", value)).get("blob");

        assertThat(out).startsWith("[REDACTED:secret] xxx").contains("TRUNCATED").doesNotContain("777");
        assertThat((String) new KeyPatternRedactor().redact(Map.of("blob", value)).get("blob"))
                .as("without the detector the kept prefix holds the secret").contains("777777");
    }

    @Test
    void keysWithASecretBecomeADigestMarker() {
        Map<String, Object> out = redactor.redact(Map.of("zz42", 1, "plain", 2));

        assertThat(out).containsEntry("plain", 2);
        assertThat(out.keySet()).noneMatch(k -> k.contains("zz42"))
                .anyMatch(k -> k.startsWith("[REDACTED:detected:"));
    }

    @Test
    void aFailingDetectorFailsTheRedaction() {
        KeyPatternRedactor failing = new KeyPatternRedactor(new Detector() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public List<Finding> detect(String text) {
                throw new IllegalStateException("over budget");
            }
        });

        assertThatThrownBy(() -> failing.redact(Map.of("a", "b"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> failing.redactText("text")).isInstanceOf(IllegalStateException.class);
    }
}
