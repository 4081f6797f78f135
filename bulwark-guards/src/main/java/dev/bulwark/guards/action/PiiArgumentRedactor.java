package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.guard.Redactor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Screens JSON argument trees: every string value is run through the detector; values under credential-like keys
 * ({@code password}, {@code api_key}, {@code authorization}, ...) are replaced whole, whatever they contain.
 * {@link #screenEgress} applies the {@link Destination#EGRESS_ARGUMENTS} rules and may block;
 * {@link #redact} (the SPI's {@link Redactor}, for audit records) applies the {@link Destination#AUDIT} rules and
 * never blocks: what would block is redacted instead. Nesting deeper than 64 levels is refused (fail closed).
 */
public final class PiiArgumentRedactor implements Redactor {
    /** The type reported for a value found under a credential-like key. */
    public static final String CREDENTIAL = "SECRET";
    private static final int MAX_DEPTH = 64;
    /**
     * A key names a credential when, in lower case with everything but ASCII letters and digits removed, it ends with
     * one of these, optionally followed by {@code s}.
     */
    private static final List<String> CREDENTIAL_KEY_ENDINGS = List.of("password", "passwd", "passphrase", "pwd",
            "secret", "apikey", "accesskey", "privatekey", "token", "authorization", "credential", "cookie",
            "sessionid", "bearer");

    private final PiiRedactor redactor;

    public PiiArgumentRedactor(PiiRedactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** Egress verdict for a call's arguments, with placeholders numbered within {@code sessionId}. */
    public EgressScreening screenEgress(Map<String, Object> arguments, String sessionId) {
        Checks.nonBlank(sessionId, "sessionId");
        Walk walk = new Walk(Destination.EGRESS_ARGUMENTS, sessionId);
        Map<String, Object> out = walk.object(Objects.requireNonNull(arguments, "arguments"), 0);
        if (!walk.blocked.isEmpty()) {
            return new EgressScreening.Blocked("arguments contain " + String.join(", ", walk.blocked)
                    + ", which may not leave the gateway");
        }
        return new EgressScreening.Allowed(out, walk.types);
    }

    @Override
    public Map<String, Object> redact(Map<String, Object> arguments) {
        Walk walk = new Walk(Destination.AUDIT, "audit");
        return walk.object(Objects.requireNonNull(arguments, "arguments"), 0);
    }

    private final class Walk {
        final Destination destination;
        final String sessionId;
        final Set<String> types = new LinkedHashSet<>();
        final Set<String> blocked = new LinkedHashSet<>();

        Walk(Destination destination, String sessionId) {
            this.destination = destination;
            this.sessionId = sessionId;
        }

        Map<String, Object> object(Map<String, ?> in, int depth) {
            depth(depth);
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, ?> e : in.entrySet()) {
                String key = Objects.requireNonNull(e.getKey(), "JSON object keys must not be null");
                Object v = e.getValue();
                if (v instanceof String s && !s.isEmpty() && credentialKey(key)) {
                    types.add(CREDENTIAL);
                    PiiAction action = redactor.actionFor(destination, CREDENTIAL);
                    if (action == PiiAction.BLOCK) {
                        blocked.add(CREDENTIAL);
                    }
                    out.put(key, action == PiiAction.ALLOW ? s : "<" + CREDENTIAL + ">");
                } else {
                    out.put(key, value(v, depth + 1));
                }
            }
            return out;
        }

        Object value(Object v, int depth) {
            depth(depth);
            if (v instanceof String s) {
                Redaction r = redactor.redact(s, destination, sessionId);
                for (Redaction.Applied a : r.applied()) {
                    if (!PiiTypes.counts(a)) {
                        continue;
                    }
                    types.add(a.type());
                }
                blocked.addAll(r.blockedTypes());
                return r.text();
            }
            if (v instanceof Map<?, ?> m) {
                Map<String, Object> typed = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String k)) {
                        throw new IllegalArgumentException("JSON object keys must be strings");
                    }
                    typed.put(k, e.getValue());
                }
                return object(typed, depth);
            }
            if (v instanceof List<?> list) {
                List<Object> out = new ArrayList<>(list.size());
                for (Object item : list) {
                    out.add(value(item, depth + 1));
                }
                return out;
            }
            if (v == null || v instanceof Number || v instanceof Boolean) {
                return v;
            }
            throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
        }

        private void depth(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("arguments nest deeper than " + MAX_DEPTH + " levels");
            }
        }
    }

    /** Checked for every key of every argument tree, so without regular expressions (no pattern built per key). */
    static boolean credentialKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        StringBuilder k = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                k.append(c);
            }
        }
        int end = k.length() > 0 && k.charAt(k.length() - 1) == 's' ? k.length() - 1 : k.length();
        for (String ending : CREDENTIAL_KEY_ENDINGS) {
            if (endsWith(k, end, ending) || endsWith(k, k.length(), ending)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWith(CharSequence k, int end, String ending) {
        int from = end - ending.length();
        if (from < 0) {
            return false;
        }
        for (int i = 0; i < ending.length(); i++) {
            if (k.charAt(from + i) != ending.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
