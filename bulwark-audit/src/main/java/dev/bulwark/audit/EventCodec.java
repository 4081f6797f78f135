package dev.bulwark.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.spi.audit.AuditEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts events to and from their stored and hashed forms. Times are kept to the microsecond, written as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} in UTC, for years 0000 to 9999.
 */
final class EventCodec {
    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.USE_LONG_FOR_INTS) // normalize() widens; forcing long refuses big values
            .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private EventCodec() {}

    /**
     * The event as it will be stored: time truncated to microseconds, details in canonical number types.
     *
     * @throws IllegalArgumentException when the event cannot be represented (time out of range, non-finite number)
     */
    static AuditEvent normalize(AuditEvent event) {
        Instant time = event.time().truncatedTo(ChronoUnit.MICROS);
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException("event time out of range 0000..9999: " + event.time());
        }
        return new AuditEvent(time, event.type(), event.action(), event.outcome(), event.agentId(), event.userId(),
                event.sessionId(), event.reason(), CanonicalJson.normalizeObject(event.details()));
    }

    /** {@link #TIME}'s text, written by hand for the years records may hold: it runs twice per record. */
    static String formatTime(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), time.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return TIME.format(time);
        }
        StringBuilder out = new StringBuilder(27);
        digits(out, t.getYear(), 4).append('-');
        digits(out, t.getMonthValue(), 2).append('-');
        digits(out, t.getDayOfMonth(), 2).append('T');
        digits(out, t.getHour(), 2).append(':');
        digits(out, t.getMinute(), 2).append(':');
        digits(out, t.getSecond(), 2).append('.');
        return digits(out, t.getNano() / 1_000, 6).append('Z').toString(); // truncated to microseconds, as TIME does
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(text);
    }

    static Instant parseTime(String text) {
        try {
            return Instant.from(TIME.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a stored audit time: " + text, e);
        }
    }

    /** The canonical JSON of an event: the document its record hash covers, together with sequence and link. */
    static String canonicalEvent(AuditEvent event) {
        return canonicalEvent(event, CanonicalJson.write(event.details()));
    }

    /** {@link #canonicalEvent(AuditEvent)} given the canonical text of the event's details, written once. */
    static String canonicalEvent(AuditEvent event, String canonicalDetails) {
        Map<String, Object> doc = new TreeMap<>(); // in canonical key order already: written without re-sorting
        doc.put("time", formatTime(event.time()));
        doc.put("type", event.type().name());
        doc.put("action", event.action());
        doc.put("outcome", event.outcome().name());
        doc.put("agentId", event.agentId());
        doc.put("userId", event.userId());
        doc.put("sessionId", event.sessionId());
        doc.put("reason", event.reason());
        doc.put("details", new CanonicalJson.Written(canonicalDetails));
        return CanonicalJson.write(doc);
    }

    /**
     * {@link ChainHash#eventPart} of {@link #canonicalEvent(AuditEvent, String)}, without building that text: the
     * event's other fields are written around a mark that canonical JSON never contains (a raw NUL, which it escapes),
     * and the digest takes the text before it, the details, and the text after it: the same bytes in the same order.
     */
    static java.security.MessageDigest hashedEvent(AuditEvent event, String canonicalDetails) {
        String around = canonicalEvent(event, DETAILS_MARK);
        int at = around.indexOf(DETAILS_MARK);
        return ChainHash.eventPart(around.substring(0, at), canonicalDetails, around.substring(at + 1));
    }

    private static final String DETAILS_MARK = "\0";

    /** Reads JSON text into a tree of the canonical Java types. */
    static Object parse(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            Object value = JSON.readValue(parser, Object.class);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after JSON value");
            }
            return CanonicalJson.normalize(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Reads stored details, which must be a JSON object. */
    static Map<String, Object> parseObject(String json) {
        if (!(parse(json) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("details must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) map;
        return object;
    }
}
