package dev.bulwark.anomaly;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.spi.tool.ToolKind;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveSequenceDetectorTest {
    private static final AnomalySettings SETTINGS = AnomalySettings.defaults();

    private static CallEvent call(String tool, ToolKind kind, String... labels) {
        return new CallEvent(Instant.EPOCH, "a", null, "s", tool, kind, CallEvent.Outcome.ALLOWED, Set.of(labels), 100,
                -1, false, null);
    }

    @Test
    void aKnownToolIsASourceOnlyWhenItsSensitiveShareReachesAQuarterWithConfidence() {
        assertTrue(SensitiveSequenceDetector.holdsSensitiveData(1, 1), "a new tool's first sensitive output");
        assertTrue(SensitiveSequenceDetector.holdsSensitiveData(9, 1), "too little known to call it incidental");
        assertFalse(SensitiveSequenceDetector.holdsSensitiveData(100, 30), "about a quarter is not enough evidence");
        assertTrue(SensitiveSequenceDetector.holdsSensitiveData(100, 50));
        assertTrue(SensitiveSequenceDetector.holdsSensitiveData(400, 350));
        // hostile counts: nothing sensitive, more sensitive than outputs, huge numbers
        assertFalse(SensitiveSequenceDetector.holdsSensitiveData(0, 0));
        assertFalse(SensitiveSequenceDetector.holdsSensitiveData(Long.MAX_VALUE, 0));
        assertTrue(SensitiveSequenceDetector.holdsSensitiveData(20, 50));
        assertTrue(SensitiveSequenceDetector.holdsSensitiveData(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aPathTakenWhileItsToolWasNoSourceIsLearnedAndNotReportedLater() {
        SensitiveSequenceDetector d = new SensitiveSequenceDetector(SETTINGS);
        long t = 0;
        // tickets.get: 100 outputs, 16 with PII after its first 20 (no source), each followed by a mail
        for (int i = 0; i < 100; i++) {
            assertNull(d.observe(call("tickets.get", ToolKind.READ, i >= 20 && i % 5 == 0 ? "pii" : "x"), t, 1000 + t));
            t++;
            assertNull(d.observe(call("mail.send", ToolKind.EGRESS), t, 1000 + t));
            t++;
        }
        // it becomes a source (many PII outputs): the path it already took is not new
        for (int i = 0; i < 200; i++) {
            d.observe(call("tickets.get", ToolKind.READ, "pii"), t, 1000 + t);
            t++;
        }
        assertNull(d.observe(call("mail.send", ToolKind.EGRESS), t, 1000 + t));
        // a path it never took is
        assertNotNull(d.observe(call("web.post", ToolKind.EGRESS), t + 1, 1001 + t));
    }

    @Test
    void aFloodOfIncidentalSensitiveOutputsCannotPushOutASource() {
        SensitiveSequenceDetector d = new SensitiveSequenceDetector(SETTINGS);
        long t = 0;
        for (int i = 0; i < 50; i++) {
            d.observe(call("docs.search", ToolKind.READ), t, 1000 + t);
            t++;
        }
        d.observe(call("vault.read", ToolKind.READ, "secret"), t, 1000 + t);
        t++;
        // incidental PII of a long-known tool, in as many distinct label sets as the window holds
        for (int i = 0; i < SensitiveSequenceDetector.MAX_PENDING; i++) {
            d.observe(call("docs.search", ToolKind.READ, "pii", "extra" + i), t, 1000 + t);
            t++;
        }
        assertNotNull(d.observe(call("web.post", ToolKind.EGRESS), t, 1000 + t));
    }

    @Test
    void theStateSurvivesASnapshotAndATruncatedOneIsRefused() throws Exception {
        SensitiveSequenceDetector d = new SensitiveSequenceDetector(SETTINGS);
        for (int i = 0; i < 20; i++) {
            d.observe(call("docs.search", ToolKind.READ), i, 1000 + i);
        }
        d.observe(call("vault.read", ToolKind.READ, "secret"), 20, 1020);
        d.observe(call("docs.search", ToolKind.READ, "pii"), 21, 1021);
        BaselineCodec.Writer out = new BaselineCodec.Writer();
        d.save(out);
        byte[] bytes = out.bytes();
        SensitiveSequenceDetector restored = new SensitiveSequenceDetector(SETTINGS);
        restored.load(new BaselineCodec.Reader(bytes));
        assertNotNull(restored.observe(call("web.post", ToolKind.EGRESS), 22, 1022));
        SensitiveSequenceDetector truncated = new SensitiveSequenceDetector(SETTINGS);
        assertThrows(java.io.IOException.class, () -> {
            BaselineCodec.Reader in = new BaselineCodec.Reader(Arrays.copyOf(bytes, bytes.length / 2));
            truncated.load(in);
            in.end();
        });
    }
}
