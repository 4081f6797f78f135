package dev.bulwark.guards.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.guard.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Inside the PII detector, a secret wins over any other finding it overlaps, so it is removed whole. */
class SecretPrecedenceTest {

    @Test
    void aKeyHoldingAValidIbanIsReportedWholeAsAKey() {
        String key = "sk-Il5x85zipzRy_6YaWRVSWyF1P4EQ4VN2jowXKpkt73rsby_IbPy4lA3wq3vOKWH5yEKu-iO89iA5nPKR1lQYh7vPHKUc5Ap";
        String text = "{\"service\": \"billing\", \"auth_token\": \"" + key + "\", \"region\": \"eu-west-1\"}";
        List<Finding> found = new PatternPiiDetector().detect(text);
        int at = text.indexOf(key);
        assertThat(found).anySatisfy(f -> {
            assertThat(SecretShapes.TYPES).contains(f.type());
            assertThat(f.start()).isEqualTo(at);
            assertThat(f.end()).isEqualTo(at + key.length());
        });
        assertThat(found).noneSatisfy(f -> assertThat(f.type()).isEqualTo("IBAN_CODE"));
    }
}
