package dev.bulwark.guards.action;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Placeholder numbers per session: the same (type, value) always gets the same {@code <EMAIL_1>} within a session.
 * Bounded: at most {@code maxSessions} sessions (least recently used forgotten) and {@code maxValuesPerSession}
 * numbered values per session; past that bound a value gets the unnumbered {@code <EMAIL>}, which is still redacted.
 * Values are kept only as HMAC digests, never in clear.
 */
final class PlaceholderNumbers {
    private final int maxSessions;
    private final int maxValuesPerSession;
    private final Map<String, Session> sessions;

    private static final class Session {
        final Map<String, Integer> numbers = new HashMap<>();
        final Map<String, Integer> counters = new HashMap<>();
    }

    PlaceholderNumbers(int maxSessions, int maxValuesPerSession) {
        this.maxSessions = maxSessions;
        this.maxValuesPerSession = maxValuesPerSession;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > PlaceholderNumbers.this.maxSessions;
            }
        };
    }

    /** {@code <NAME_n>} for a value digest (never the value itself) in a session. */
    synchronized String placeholder(String sessionId, String type, String valueDigest) {
        Session s = sessions.computeIfAbsent(sessionId, k -> new Session());
        String name = PiiTypes.placeholderName(type);
        String key = type + '\u0000' + valueDigest;
        Integer n = s.numbers.get(key);
        if (n == null) {
            if (s.numbers.size() >= maxValuesPerSession) {
                return "<" + name + ">";
            }
            n = s.counters.merge(type, 1, Integer::sum);
            s.numbers.put(key, n);
        }
        return "<" + name + "_" + n + ">";
    }
}
