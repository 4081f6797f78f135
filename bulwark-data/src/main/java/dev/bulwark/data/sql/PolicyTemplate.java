package dev.bulwark.data.sql;

import dev.bulwark.spi.identity.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Policy SQL (a row filter or a mask) split into text and principal references, so each call binds the principal's
 * values as JDBC parameters and never splices them into SQL text.
 *
 * <p>A reference that is the whole content of an {@code IN ( … )} list is multi-valued: it expands to one parameter
 * per comma-separated entry, or to {@code NULL} when there are none (so {@code IN} and {@code NOT IN} both match
 * nothing: fail closed). Anywhere else the whole attribute string is one parameter.
 */
final class PolicyTemplate {
    private static final Pattern REFERENCE = Pattern.compile(
            ":((?:agent|user|principal)\\.[A-Za-z_][A-Za-z0-9_]{0,63})");
    private static final Pattern IN_LIST_OPENING = Pattern.compile("(?is).*\\bIN\\s*\\(\\s*");
    private static final Pattern IN_LIST_CLOSING = Pattern.compile("(?s)\\s*\\).*");

    private record Reference(String name, boolean inList) {
    }

    private final List<Object> segments;

    private PolicyTemplate(List<Object> segments) {
        this.segments = segments;
    }

    static PolicyTemplate parse(String sql) {
        boolean[] outside = SqlScreen.outsideQuotes(sql);
        List<Object> segments = new ArrayList<>();
        Matcher m = REFERENCE.matcher(sql);
        int last = 0;
        while (m.find()) {
            if (!outside[m.start()] || m.start() > 0 && sql.charAt(m.start() - 1) == ':') {
                continue;
            }
            segments.add(sql.substring(last, m.start()));
            boolean inList = IN_LIST_OPENING.matcher(sql.substring(0, m.start())).matches()
                    && IN_LIST_CLOSING.matcher(sql.substring(m.end())).matches();
            segments.add(new Reference(m.group(1), inList));
            last = m.end();
        }
        segments.add(sql.substring(last));
        return new PolicyTemplate(List.copyOf(segments));
    }

    /** The text with each reference replaced by one {@code ?}, for validating the configured SQL at start-up. */
    String withPlaceholders() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            out.append(segment instanceof String text ? text : "?");
        }
        return out.toString();
    }

    /** The text with each reference replaced by {@code NULL}, for checking the SQL against the database. */
    String withNulls() {
        StringBuilder out = new StringBuilder();
        for (Object segment : segments) {
            out.append(segment instanceof String text ? text : "NULL");
        }
        return out.toString();
    }

    /**
     * Appends the SQL for {@code principal} and its parameters; returns false, appending nothing, when a reference
     * resolves to nothing.
     */
    boolean render(Principal principal, StringBuilder sql, List<Object> parameters) {
        List<Object> values = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof String s) {
                text.append(s);
                continue;
            }
            Reference reference = (Reference) segment;
            Optional<String> value = PrincipalValues.resolve(principal, reference.name());
            if (value.isEmpty()) {
                return false;
            }
            if (!reference.inList()) {
                text.append('?');
                values.add(value.get());
                continue;
            }
            List<String> entries = PrincipalValues.split(value.get());
            if (entries.isEmpty()) {
                text.append("NULL");
            }
            for (int i = 0; i < entries.size(); i++) {
                text.append(i == 0 ? "?" : ", ?");
                values.add(entries.get(i));
            }
        }
        sql.append(text);
        parameters.addAll(values);
        return true;
    }
}
