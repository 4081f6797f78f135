package dev.bulwark.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailingDetectorTest {

    @Test
    void failsOnEveryTextWithTheGivenMessage() {
        FailingDetector detector = new FailingDetector("model file missing");
        assertThat(detector.name()).isEqualTo("broken");
        for (String text : new String[] {"", "jane@example.com", null}) {
            assertThatThrownBy(() -> detector.detect(text)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("model file missing");
        }
    }

    @Test
    void needsAMessage() {
        assertThatThrownBy(() -> new FailingDetector(null)).isInstanceOf(NullPointerException.class);
    }
}
