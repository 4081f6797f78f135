package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChainHashTest {
    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEventDigestedAheadAndLinkedLaterHashesTheDocumentedText() throws Exception {
        String event = "{\"action\":\"docs.search\",\"details\":{\"q\":\"\u00fcber \uD83D\uDE00\"}}";
        String previous = "ab".repeat(32);
        String expected = sha256Hex("{\"event\":" + event + ",\"previousHash\":\"" + previous + "\",\"sequence\":42}");

        MessageDigest part = ChainHash.eventPart(event);
        assertThat(ChainHash.link(part, 42, previous)).isEqualTo(expected);
        assertThat(ChainHash.link(part, 42, previous)).as("linking leaves the part as it was").isEqualTo(expected);
        assertThat(ChainHash.of(42, previous, event)).isEqualTo(expected);
    }

    @Test
    void anotherLinkGivesAnotherHash() {
        MessageDigest part = ChainHash.eventPart("{}");
        assertThat(ChainHash.link(part, 1, ChainHash.GENESIS)).isNotEqualTo(ChainHash.link(part, 2, ChainHash.GENESIS))
                .isNotEqualTo(ChainHash.link(part, 1, "1".repeat(64)));
    }

    @Test
    void anEventHashedAroundItsDetailsHashesAsItsWholeCanonicalText() {
        for (int i = 0; i < 20; i++) {
            dev.bulwark.spi.audit.AuditEvent plain = TestEvents.event(i);
            dev.bulwark.spi.audit.AuditEvent event = EventCodec.normalize(new dev.bulwark.spi.audit.AuditEvent(
                    plain.time(), plain.type(), plain.action(), plain.outcome(), plain.agentId(), plain.userId(),
                    plain.sessionId(), "nul \0 in the reason " + i,
                    java.util.Map.of("nul", "\0", "i", i, "args", plain.details().get("args"))));
            String details = CanonicalJson.write(event.details());
            assertThat(ChainHash.link(EventCodec.hashedEvent(event, details), i + 1, ChainHash.GENESIS))
                    .isEqualTo(ChainHash.of(i + 1, ChainHash.GENESIS, EventCodec.canonicalEvent(event, details)));
        }
    }
}
