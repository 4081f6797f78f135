package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalJsonTest {

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(CanonicalJsonTest.class.getResource("/canonical").toURI());
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(10);
        return dirs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void writesGoldenCanonicalForm(Path dir) throws IOException {
        String input = Files.readString(dir.resolve("input.json"), StandardCharsets.UTF_8);
        String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8).stripTrailing();

        Object tree = EventCodec.parse(input);
        String canonical = CanonicalJson.write(tree);

        assertThat(canonical).isEqualTo(expected);
        // canonical text is a fixed point: reading it back gives an equal tree and the same text
        assertThat(EventCodec.parse(canonical)).isEqualTo(tree);
        assertThat(CanonicalJson.write(EventCodec.parse(canonical))).isEqualTo(expected);
    }

    @Test
    void normalizesJavaNumberTypesToTheTypesTheyReadBackAs() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("int", 7);
        in.put("short", (short) 3);
        in.put("atomic", new AtomicInteger(5));
        in.put("float", 0.1f);
        in.put("decimal", new BigDecimal("2.50"));
        in.put("smallBig", BigInteger.TEN);
        in.put("negZero", -0.0);

        Map<String, Object> normalized = CanonicalJson.normalizeObject(in);

        assertThat(normalized).containsEntry("int", 7L).containsEntry("short", 3L).containsEntry("atomic", 5L)
                .containsEntry("float", 0.1).containsEntry("decimal", 2.5).containsEntry("smallBig", 10L)
                .containsEntry("negZero", 0.0);
        assertThat(EventCodec.parseObject(CanonicalJson.write(normalized))).isEqualTo(normalized);
        assertThat(CanonicalJson.write(in)).isEqualTo(CanonicalJson.write(normalized));
    }

    @Test
    void keepsLongsExactBeyondDoublePrecision() {
        long beyond = (1L << 53) + 1;
        String text = CanonicalJson.write(Map.of("n", beyond));
        assertThat(text).isEqualTo("{\"n\":9007199254740993}");
        assertThat(EventCodec.parseObject(text)).containsEntry("n", beyond);
    }

    @Test
    void integralDoubleStaysDistinctFromInteger() {
        assertThat(CanonicalJson.write(List.of(1.0, 1L))).isEqualTo("[1.0,1]");
        assertThat(EventCodec.parse("[1.0,1]")).isEqualTo(List.of(1.0, 1L));
    }

    @Test
    void refusesNonFiniteNumbers() {
        assertThatThrownBy(() -> CanonicalJson.normalize(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("finite");
        assertThatThrownBy(() -> CanonicalJson.write(List.of(Double.POSITIVE_INFINITY)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesUnknownNumberTypesAndNonJsonValues() {
        Number odd = new Number() {
            @Override public int intValue() { return 0; }
            @Override public long longValue() { return 0; }
            @Override public float floatValue() { return 0; }
            @Override public double doubleValue() { return 0; }
        };
        assertThatThrownBy(() -> CanonicalJson.normalize(odd)).hasMessageContaining("unsupported number type");
        assertThatThrownBy(() -> CanonicalJson.write(new Object())).hasMessageContaining("not a JSON value");
        assertThatThrownBy(() -> CanonicalJson.write(Map.of(1, "x"))).hasMessageContaining("keys must be strings");
    }

    @Test
    void loneSurrogatesRoundTripThroughTheirEscape() {
        String lone = "x\uD800y";
        String text = CanonicalJson.write(lone);
        assertThat(text).isEqualTo("\"x\\ud800y\"");
        assertThat(EventCodec.parse(text)).isEqualTo(lone);
    }

    @Test
    void refusesMalformedOrDuplicatedJson() {
        assertThatThrownBy(() -> EventCodec.parse("{\"a\":1,\"a\":2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.parse("[NaN]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.parseObject("[1]")).hasMessageContaining("JSON object");
    }

    @Test
    void everyDoubleFormReadsBackAsTheSameDouble() {
        java.util.Random random = new java.util.Random(8785);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = CanonicalJson.formatDouble(d);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(d == 0.0 ? 0.0 : d);
            assertThat(text).as(text).containsAnyOf(".", "e");
        }
    }

    @Test
    void aNormalizedTreeIsWrittenAsTheSameTreeInAnyMapOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", List.of(3, "é", Map.of("b", 1, "a", true)));
        inner.put("Alpha", null);
        inner.put("\uD83D\uDE00", 1.5);
        inner.put("alpha", "x");
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("z", inner);
        tree.put("a", 1);
        String unsorted = CanonicalJson.write(tree);
        Map<String, Object> normalized = CanonicalJson.normalizeObject(tree);
        assertThat(CanonicalJson.write(normalized)).isEqualTo(unsorted)
                .startsWith("{\"a\":1,\"z\":{\"Alpha\":null,\"alpha\":\"x\",\"zeta\":");
        java.util.TreeMap<String, Object> reversed = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reversed.putAll(tree);
        assertThat(CanonicalJson.write(reversed)).as("a map in another order is sorted").isEqualTo(unsorted);
    }

    @Test
    void anEventWrittenWithItsDetailsWrittenOnceIsTheSameText() {
        for (int i = 0; i < 20; i++) {
            dev.bulwark.spi.audit.AuditEvent event = EventCodec.normalize(TestEvents.event(i));
            assertThat(EventCodec.canonicalEvent(event, CanonicalJson.write(event.details())))
                    .isEqualTo(EventCodec.canonicalEvent(event))
                    .contains("\"details\":" + CanonicalJson.write(event.details()));
        }
    }

    @Test
    void recordTimesAreWrittenAsThePatternWritesThem() {
        java.util.Random random = new java.util.Random(7);
        java.util.List<java.time.Instant> times = new java.util.ArrayList<>(java.util.List.of(
                java.time.Instant.parse("0000-01-01T00:00:00Z"), java.time.Instant.parse("9999-12-31T23:59:59.999999999Z"),
                java.time.Instant.parse("1970-01-01T00:00:00Z"), java.time.Instant.parse("2026-12-07T18:00:00.000001Z"),
                java.time.Instant.parse("2024-02-29T12:34:56.123456789Z")));
        for (int i = 0; i < 2_000; i++) {
            times.add(java.time.Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000)));
        }
        for (java.time.Instant time : times) {
            assertThat(EventCodec.formatTime(time)).as(time.toString()).isEqualTo(EventCodec.TIME.format(time));
        }
        java.time.Instant beyond = java.time.Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(EventCodec.formatTime(beyond)).isEqualTo(EventCodec.TIME.format(beyond));
    }
}
