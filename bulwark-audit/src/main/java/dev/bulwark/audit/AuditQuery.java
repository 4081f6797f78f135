package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditEventType;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.Outcome;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which audit records to read: every filter given must hold (absent filters hold for every record), oldest first,
 * after a cursor. The same names are used by {@code bulwark audit query} ({@code --agent x}) and the admin API
 * ({@code ?agent=x}); {@link #parse} reads them.
 *
 * @param agent    the acting agent's id
 * @param user     the user the agent acted for
 * @param tool     the action: a tool name, or an admin/system action such as {@code policy.reload}
 * @param session  the session id
 * @param type     the event type
 * @param outcome  how the action ended
 * @param decision what policy decided: {@code allow}, {@code deny}, {@code approval} (allowed once a human approves)
 *                 or {@code none} (the call ended before policy was asked)
 * @param policy   a policy id among those that determined the decision or attached an obligation
 * @param since    records at or after this time
 * @param until    records before this time
 * @param after    records with a sequence above this cursor (0: from the start)
 * @param limit    at most this many records per page, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(String agent, String user, String tool, String session, AuditEventType type,
                         Outcome outcome, String decision, String policy, Instant since, Instant until, long after,
                         int limit) {
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 100;
    /** The filter names {@link #parse} accepts. */
    public static final Set<String> NAMES = Set.of("agent", "user", "tool", "session", "type", "outcome", "decision",
            "policy", "since", "until", "after", "limit");
    private static final Set<String> DECISIONS = Set.of("allow", "deny", "approval", "none");

    public AuditQuery {
        if (decision != null && !DECISIONS.contains(decision)) {
            throw new IllegalArgumentException("decision must be allow, deny, approval or none, not '" + decision + "'");
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("since must be before until");
        }
    }

    /** Every record, a default page at a time. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null, 0, DEFAULT_LIMIT);
    }

    /** The same filters from another cursor. */
    public AuditQuery after(long cursor) {
        return new AuditQuery(agent, user, tool, session, type, outcome, decision, policy, since, until, cursor, limit);
    }

    public AuditQuery withLimit(int value) {
        return new AuditQuery(agent, user, tool, session, type, outcome, decision, policy, since, until, after, value);
    }

    /**
     * Reads filters by name ({@link #NAMES}); times are ISO-8601 instants ({@code 2026-01-02T03:04:05Z}) or a
     * duration before {@code now} ({@code 15m}, {@code 24h}, {@code 7d}); types and outcomes in any case.
     *
     * @throws IllegalArgumentException naming the filter, for an unknown name or a bad value
     */
    public static AuditQuery parse(Map<String, String> filters, Instant now) {
        Map<String, String> f = new LinkedHashMap<>();
        filters.forEach((name, value) -> {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown audit filter '" + name + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(NAMES)) + ")");
            }
            if (value == null || value.isBlank() || value.length() > 256) {
                throw new IllegalArgumentException("audit filter '" + name + "' needs a value of 1 to 256 characters");
            }
            f.put(name, value.strip());
        });
        return new AuditQuery(f.get("agent"), f.get("user"), f.get("tool"), f.get("session"),
                f.containsKey("type") ? enumValue(AuditEventType.class, "type", f.get("type")) : null,
                f.containsKey("outcome") ? enumValue(Outcome.class, "outcome", f.get("outcome")) : null,
                f.containsKey("decision") ? f.get("decision").toLowerCase(Locale.ROOT) : null, f.get("policy"),
                f.containsKey("since") ? time("since", f.get("since"), now) : null,
                f.containsKey("until") ? time("until", f.get("until"), now) : null,
                f.containsKey("after") ? number("after", f.get("after"), Long.MAX_VALUE) : 0,
                f.containsKey("limit") ? (int) number("limit", f.get("limit"), MAX_LIMIT) : DEFAULT_LIMIT);
    }

    /** An instant, or a duration ({@code 30s 15m 24h 7d}) counted back from {@code now}. */
    public static Instant time(String name, String text, Instant now) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(s|m|h|d)").matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            long seconds = switch (m.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86_400;
            };
            return now.minusSeconds(seconds);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("audit filter '" + name + "' must be an instant (2026-01-02T03:04:05Z)"
                    + " or a duration before now (30s, 15m, 24h, 7d): " + text);
        }
    }

    private static long number(String name, String text, long max) {
        if (!text.matches("[0-9]{1,19}")) {
            throw new IllegalArgumentException("audit filter '" + name + "' must be a whole number: " + text);
        }
        try {
            long n = Long.parseLong(text);
            if (n > max) {
                throw new IllegalArgumentException("audit filter '" + name + "' must be at most " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("audit filter '" + name + "' is too large: " + text);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String text) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> known = new ArrayList<>();
            for (E v : type.getEnumConstants()) {
                known.add(v.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("audit filter '" + name + "' must be one of " + known + ": " + text);
        }
    }

    /** The SQL condition on stored columns (the filters the database can apply), with its parameters. */
    String where(List<String> parameters) {
        StringBuilder sql = new StringBuilder("sequence > ?");
        column(sql, parameters, "agent_id", agent);
        column(sql, parameters, "user_id", user);
        column(sql, parameters, "action", tool);
        column(sql, parameters, "session_id", session);
        column(sql, parameters, "type", type == null ? null : type.name());
        column(sql, parameters, "outcome", outcome == null ? null : outcome.name());
        if (since != null) {
            sql.append(" AND time >= ?");
            parameters.add(EventCodec.formatTime(clamp(since)));
        }
        if (until != null) {
            sql.append(" AND time < ?");
            parameters.add(EventCodec.formatTime(clamp(until)));
        }
        return sql.toString();
    }

    private static Instant clamp(Instant t) {
        Instant earliest = Instant.parse("0000-01-01T00:00:00Z");
        Instant latest = Instant.parse("9999-12-31T23:59:59.999999Z");
        return t.isBefore(earliest) ? earliest : t.isAfter(latest) ? latest : t;
    }

    private static void column(StringBuilder sql, List<String> parameters, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    /** The filters read from the details, which the database does not index. */
    boolean matchesDetails(AuditRecord record) {
        Map<String, Object> details = record.event().details();
        if (decision != null && !decision.equals(decisionOf(details))) {
            return false;
        }
        if (policy != null) {
            boolean named = details.get("policyIds") instanceof List<?> ids && ids.contains(policy);
            if (!named && details.get("obligations") instanceof List<?> obligations) {
                named = obligations.stream().anyMatch(o -> o instanceof Map<?, ?> m && policy.equals(m.get("policyId")));
            }
            return named;
        }
        return true;
    }

    /** {@code allow}, {@code approval}, {@code deny} or {@code none}, as the record's details say. */
    public static String decisionOf(Map<String, Object> details) {
        Object decided = details.get("decision");
        if ("deny".equals(decided)) {
            return "deny";
        }
        if (!"allow".equals(decided)) {
            return "none";
        }
        boolean approval = details.get("obligations") instanceof List<?> obligations && obligations.stream()
                .anyMatch(o -> o instanceof Map<?, ?> m && "approval".equals(m.get("name")));
        return approval ? "approval" : "allow";
    }
}
