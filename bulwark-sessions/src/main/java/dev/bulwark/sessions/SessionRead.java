package dev.bulwark.sessions;

import static dev.bulwark.sessions.SessionSchema.LABELS;
import static dev.bulwark.sessions.SessionSchema.SESSIONS;
import static dev.bulwark.sessions.SessionSchema.TOOLS;

import dev.bulwark.spi.session.SessionFacts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One session's row with its labels and recent tools, in one statement that returns one row: the labels and the tools
 * come packed into one text each ({@code string_agg}, which SQLite 3.44+ and PostgreSQL both have, with its
 * {@code ORDER BY}), each item as its length in characters, a colon and the item, so any text packs and unpacks
 * unambiguously. A row per label and per tool (what this replaced) cost twice the CPU per read on SQLite.
 *
 * @param lastUsed the stored last use, epoch milliseconds
 */
record SessionRead(SessionFacts facts, long lastUsed, String agent, String user) {
    static final String SQL = "SELECT started_at, call_count, last_used, agent_id, user_id,"
            + " (SELECT string_agg(length(label) || ':' || label, '') FROM " + LABELS
            + " WHERE session_id = s.id),"
            + " (SELECT string_agg(length(tool) || ':' || tool, '' ORDER BY seq) FROM " + TOOLS
            + " WHERE session_id = s.id)"
            + " FROM " + SESSIONS + " s WHERE id = ?";

    /** Runs {@link #SQL} (prepared) for the session {@code id}; null when it has no row. */
    static SessionRead of(PreparedStatement statement, String id) throws SQLException {
        statement.setString(1, id);
        try (ResultSet r = statement.executeQuery()) {
            if (!r.next()) {
                return null;
            }
            Instant started = Instant.ofEpochMilli(r.getLong(1));
            int calls = (int) Math.min(Integer.MAX_VALUE, r.getLong(2));
            long lastUsed = r.getLong(3);
            String agent = r.getString(4);
            String user = r.getString(5);
            Set<String> labels = new HashSet<>(unpack(r.getString(6)));
            List<String> tools = unpack(r.getString(7));
            return new SessionRead(new SessionFacts(id, started, calls, labels, tools, 0), lastUsed, agent, user);
        }
    }

    /** The items of a packed text (null: none). Text that is not such a packing is refused, not guessed at. */
    static List<String> unpack(String packed) throws SQLException {
        List<String> items = new ArrayList<>();
        if (packed == null) {
            return items;
        }
        int at = 0;
        while (at < packed.length()) {
            int colon = packed.indexOf(':', at);
            if (colon <= at || colon - at > 9) {
                throw new SQLException("session store: unreadable packed list");
            }
            int length = 0;
            for (int i = at; i < colon; i++) {
                char digit = packed.charAt(i);
                if (digit < '0' || digit > '9') {
                    throw new SQLException("session store: unreadable packed list");
                }
                length = length * 10 + (digit - '0');
            }
            int start = colon + 1;
            int end;
            try {
                end = packed.offsetByCodePoints(start, length); // the databases count characters, not UTF-16 units
            } catch (IndexOutOfBoundsException e) {
                throw new SQLException("session store: unreadable packed list", e);
            }
            items.add(packed.substring(start, end));
            at = end;
        }
        return items;
    }
}
