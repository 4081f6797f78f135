package dev.bulwark.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bulwark.spi.Checks;
import dev.bulwark.spi.approval.ApprovalDecision;
import dev.bulwark.spi.approval.ApprovalDecision.Reason;
import dev.bulwark.spi.approval.ApprovalRequest;
import dev.bulwark.spi.approval.ApprovalState;
import dev.bulwark.spi.approval.ApprovalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Approval requests in a JDBC database (SQLite or PostgreSQL; the SQL is their common subset). Times are epoch
 * milliseconds. A partial unique index keeps at most one pending request per binding across replicas; approve, deny
 * and consume are single conditional {@code UPDATE}s whose row count says whether this attempt won.
 */
public final class JdbcApprovalStore implements ApprovalStore {
    static final String TABLE = "bulwark_approvals";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final String COLUMNS = "id, binding, tool, agent_id, user_id, session_id, arguments, policy_ids,"
            + " reasons, facts, required_approvals, approver1, approver2, state, created_at, expires_at, denied_by,"
            + " deny_reason, decided_at, consumed_at";

    private final DataSource dataSource;

    public JdbcApprovalStore(DataSource dataSource) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        createTable();
    }

    private void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(64) PRIMARY KEY,"
                    + " binding VARCHAR(64) NOT NULL, tool TEXT NOT NULL, agent_id TEXT NOT NULL, user_id TEXT,"
                    + " session_id TEXT NOT NULL, arguments TEXT NOT NULL, policy_ids TEXT NOT NULL,"
                    + " reasons TEXT NOT NULL, facts TEXT NOT NULL, required_approvals INTEGER NOT NULL,"
                    + " approver1 TEXT, approver2 TEXT, state VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL,"
                    + " expires_at BIGINT NOT NULL, denied_by TEXT, deny_reason TEXT, decided_at BIGINT,"
                    + " consumed_at BIGINT)");
            // At most one pending request per exact call, whichever replica opened it.
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS bulwark_approvals_one_pending ON " + TABLE
                    + " (binding) WHERE state = 'pending'");
            s.execute("CREATE INDEX IF NOT EXISTS bulwark_approvals_state ON " + TABLE + " (state, created_at)");
        } catch (SQLException e) {
            throw failure("could not create the approvals table", e);
        }
    }

    @Override
    public ApprovalRequest openOrReuse(ApprovalRequest request) {
        Checks.present(request, "request");
        if (request.state() != ApprovalState.PENDING) {
            throw new IllegalArgumentException("only a pending request can be opened");
        }
        Instant now = request.createdAt();
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                // A pending request past its expiry must not block a new one for the same call.
                try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET state = 'expired'"
                        + " WHERE binding = ? AND state = 'pending' AND expires_at <= ?")) {
                    s.setString(1, request.binding());
                    s.setLong(2, now.toEpochMilli());
                    s.executeUpdate();
                }
                if (insert(c, request)) {
                    return request;
                }
                Optional<ApprovalRequest> pending = selectOne(c, "binding = ? AND state = 'pending'",
                        request.binding());
                if (pending.isPresent()) {
                    return pending.get();
                }
            } catch (SQLException e) {
                throw failure("could not open an approval request", e);
            }
        }
        throw new IllegalStateException("could not open an approval request: the pending one kept changing");
    }

    private static boolean insert(Connection c, ApprovalRequest r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES"
                + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, 'pending', ?, ?, NULL, NULL, NULL, NULL)"
                + " ON CONFLICT DO NOTHING")) {
            s.setString(1, r.id());
            s.setString(2, r.binding());
            s.setString(3, r.tool());
            s.setString(4, r.agentId());
            s.setString(5, r.userId().orElse(null));
            s.setString(6, r.sessionId());
            s.setString(7, json(r.arguments()));
            s.setString(8, json(r.policyIds()));
            s.setString(9, json(r.reasons()));
            s.setString(10, json(r.facts()));
            s.setInt(11, r.requiredApprovals());
            s.setLong(12, r.createdAt().toEpochMilli());
            s.setLong(13, r.expiresAt().toEpochMilli());
            return s.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<ApprovalRequest> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            return selectOne(c, "id = ?", id);
        } catch (SQLException e) {
            throw failure("could not read an approval request", e);
        }
    }

    @Override
    public List<ApprovalRequest> list(Optional<ApprovalState> state, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        String where = state.isPresent() ? " WHERE state = ?" : "";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM " + TABLE + where + " ORDER BY created_at DESC, id LIMIT " + limit)) {
            if (state.isPresent()) {
                s.setString(1, state.get().label());
            }
            List<ApprovalRequest> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("could not list approval requests", e);
        }
    }

    /**
     * One statement adds the approver and, when that makes enough distinct approvers, approves: the right-hand sides
     * read the row as it was before the update, in SQLite and PostgreSQL alike.
     */
    @Override
    public ApprovalDecision approve(String id, String approver, Instant now) {
        Checks.nonBlank(approver, "approver");
        Checks.present(now, "now");
        String count = "(CASE WHEN approver1 IS NULL THEN 1 ELSE 2 END)";
        String sql = "UPDATE " + TABLE + " SET"
                + " approver1 = CASE WHEN approver1 IS NULL THEN ? ELSE approver1 END,"
                + " approver2 = CASE WHEN approver1 IS NULL THEN approver2 ELSE ? END,"
                + " state = CASE WHEN " + count + " >= required_approvals THEN 'approved' ELSE 'pending' END,"
                + " decided_at = CASE WHEN " + count + " >= required_approvals THEN ? ELSE decided_at END"
                + " WHERE id = ? AND state = 'pending' AND expires_at > ? AND approver2 IS NULL"
                + " AND (approver1 IS NULL OR approver1 <> ?) AND agent_id <> ? AND (user_id IS NULL OR user_id <> ?)";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, approver);
            s.setString(2, approver);
            s.setLong(3, now.toEpochMilli());
            s.setString(4, id);
            s.setLong(5, now.toEpochMilli());
            s.setString(6, approver);
            s.setString(7, approver);
            s.setString(8, approver);
            if (s.executeUpdate() == 1) {
                return new ApprovalDecision.Recorded(selectOne(c, "id = ?", id).orElseThrow());
            }
            return whyNot(c, id, now, approver);
        } catch (SQLException e) {
            throw failure("could not approve", e);
        }
    }

    @Override
    public ApprovalDecision deny(String id, String deniedBy, String reason, Instant now) {
        Checks.nonBlank(deniedBy, "deniedBy");
        Checks.nonBlank(reason, "reason");
        String sql = "UPDATE " + TABLE + " SET state = 'denied', denied_by = ?, deny_reason = ?, decided_at = ?"
                + " WHERE id = ? AND state = 'pending' AND expires_at > ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, deniedBy);
            s.setString(2, reason);
            s.setLong(3, now.toEpochMilli());
            s.setString(4, id);
            s.setLong(5, now.toEpochMilli());
            if (s.executeUpdate() == 1) {
                return new ApprovalDecision.Recorded(selectOne(c, "id = ?", id).orElseThrow());
            }
            return whyNot(c, id, now, null);
        } catch (SQLException e) {
            throw failure("could not deny", e);
        }
    }

    private static ApprovalDecision whyNot(Connection c, String id, Instant now, String approver) throws SQLException {
        Optional<ApprovalRequest> found = selectOne(c, "id = ?", id);
        if (found.isEmpty()) {
            return new ApprovalDecision.Refused(Reason.NOT_FOUND, "no such approval request");
        }
        ApprovalRequest r = found.get();
        ApprovalState state = r.stateAt(now);
        if (state == ApprovalState.EXPIRED) {
            return new ApprovalDecision.Refused(Reason.EXPIRED, "the approval request has expired");
        }
        if (state != ApprovalState.PENDING) {
            return new ApprovalDecision.Refused(Reason.NOT_PENDING, "the approval request is already "
                    + state.label());
        }
        if (approver != null && (r.approvers().contains(approver) || r.agentId().equals(approver)
                || r.userId().filter(approver::equals).isPresent())) {
            return new ApprovalDecision.Refused(Reason.NOT_ALLOWED, approver + " may not approve this request");
        }
        return new ApprovalDecision.Refused(Reason.NOT_PENDING, "the approval request changed meanwhile");
    }

    @Override
    public Optional<ApprovalRequest> consume(String binding, Instant now) {
        Checks.nonBlank(binding, "binding");
        try (Connection c = dataSource.getConnection()) {
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + TABLE
                    + " WHERE binding = ? AND state = 'approved' AND expires_at > ? ORDER BY created_at, id")) {
                s.setString(1, binding);
                s.setLong(2, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        candidates.add(rs.getString(1));
                    }
                }
            }
            for (String id : candidates) {
                try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET state = 'consumed',"
                        + " consumed_at = ? WHERE id = ? AND state = 'approved' AND expires_at > ?")) {
                    s.setLong(1, now.toEpochMilli());
                    s.setString(2, id);
                    s.setLong(3, now.toEpochMilli());
                    if (s.executeUpdate() == 1) {
                        return selectOne(c, "id = ?", id);
                    }
                }
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw failure("could not consume an approval", e);
        }
    }

    @Override
    public List<String> expireDue(Instant now) {
        try (Connection c = dataSource.getConnection()) {
            List<String> due = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + TABLE
                    + " WHERE state IN ('pending', 'approved') AND expires_at <= ? ORDER BY expires_at LIMIT 1000")) {
                s.setLong(1, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        due.add(rs.getString(1));
                    }
                }
            }
            List<String> expired = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET state = 'expired'"
                    + " WHERE id = ? AND state IN ('pending', 'approved') AND expires_at <= ?")) {
                for (String id : due) {
                    s.setString(1, id);
                    s.setLong(2, now.toEpochMilli());
                    if (s.executeUpdate() == 1) {
                        expired.add(id);
                    }
                }
            }
            return expired;
        } catch (SQLException e) {
            throw failure("could not expire approval requests", e);
        }
    }

    @Override
    public List<String> withdrawAllOf(String agentId, String deniedBy, String reason, Instant now) {
        Checks.nonBlank(agentId, "agentId");
        Checks.nonBlank(deniedBy, "deniedBy");
        Checks.nonBlank(reason, "reason");
        try (Connection c = dataSource.getConnection()) {
            List<String> open = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM " + TABLE
                    + " WHERE agent_id = ? AND state IN ('pending', 'approved') AND expires_at > ?")) {
                s.setString(1, agentId);
                s.setLong(2, now.toEpochMilli());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        open.add(rs.getString(1));
                    }
                }
            }
            // one conditional UPDATE per request, so a use or decision racing the withdrawal has exactly one winner
            List<String> withdrawn = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET state = 'denied', denied_by = ?,"
                    + " deny_reason = ?, decided_at = ? WHERE id = ? AND state IN ('pending', 'approved')")) {
                for (String id : open) {
                    s.setString(1, deniedBy);
                    s.setString(2, reason);
                    s.setLong(3, now.toEpochMilli());
                    s.setString(4, id);
                    if (s.executeUpdate() == 1) {
                        withdrawn.add(id);
                    }
                }
            }
            return withdrawn;
        } catch (SQLException e) {
            throw failure("could not withdraw approval requests", e);
        }
    }

    @Override
    public int pendingOf(String agentId, Optional<String> userId, String binding, Instant now) {
        String sql = "SELECT COUNT(*) FROM " + TABLE + " WHERE agent_id = ? AND state = 'pending' AND expires_at > ?"
                + " AND binding <> ? AND " + (userId.isPresent() ? "user_id = ?" : "user_id IS NULL");
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, agentId);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, binding);
            if (userId.isPresent()) {
                s.setString(4, userId.get());
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw failure("could not count pending approval requests", e);
        }
    }

    private static Optional<ApprovalRequest> selectOne(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE " + where
                + " ORDER BY created_at DESC LIMIT 1")) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static ApprovalRequest read(ResultSet rs) throws SQLException {
        List<String> approvers = new ArrayList<>(2);
        if (rs.getString("approver1") != null) {
            approvers.add(rs.getString("approver1"));
        }
        if (rs.getString("approver2") != null) {
            approvers.add(rs.getString("approver2"));
        }
        return new ApprovalRequest(rs.getString("id"), rs.getString("binding"), rs.getString("tool"),
                rs.getString("agent_id"), Optional.ofNullable(rs.getString("user_id")), rs.getString("session_id"),
                parse(rs.getString("arguments"), OBJECT), parse(rs.getString("policy_ids"), STRINGS),
                parse(rs.getString("reasons"), STRINGS), parse(rs.getString("facts"), OBJECT),
                rs.getInt("required_approvals"), approvers, ApprovalState.fromLabel(rs.getString("state")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("expires_at")),
                Optional.ofNullable(rs.getString("denied_by")), Optional.ofNullable(rs.getString("deny_reason")),
                instant(rs, "decided_at"), instant(rs, "consumed_at"));
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(value));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("approval request field is not JSON", e);
        }
    }

    private static <T> T parse(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approval row holds invalid JSON", e);
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
