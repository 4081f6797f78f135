package dev.bulwark.identity;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.sql.KeptStatements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Revoked token ids ({@code jti}), in a JDBC database (SQLite or PostgreSQL).
 *
 * <p>{@link #isRevoked} asks the database on every call and keeps no in-process cache. A cache refreshed on write would
 * miss revocations written by another replica sharing the PostgreSQL database, and a polled cache would let a revoked
 * token through until the next poll; revocation must take effect on the next call everywhere. The lookup is one
 * primary-key read (tens of microseconds on SQLite, one round trip on PostgreSQL).
 */
public final class SqlRevocationList {
    /** How long an entry revoked without a known expiry is kept; longer than any token Bulwark issues. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    /** Longer than any clock skew a verifier allows. */
    public static final Duration PURGE_MARGIN = Duration.ofMinutes(10);
    static final int MAX_JTI_LENGTH = 256;
    /** The key prefix of an agent's token cut-off; Bulwark's own jtis are UUIDs and never take this form. */
    static final String AGENT_CUTOFF = "agent:";
    /** The revocation check's text for the usual token lineages (one to three ids), built once. */
    private static final String[] AGENT_OR_IDS = {agentOrIds(0), agentOrIds(1), agentOrIds(2), agentOrIds(3)};

    private final DataSource dataSource;
    private final KeptStatements reads = new KeptStatements();
    private final Clock clock;
    private final Duration retention;

    public SqlRevocationList(DataSource dataSource) {
        this(dataSource, Clock.systemUTC(), DEFAULT_RETENTION);
    }

    /**
     * @param retention how long to remember a jti revoked with {@link #revoke(String)}; must exceed the longest token
     *                  lifetime, or a revoked token could become valid again after the entry is purged
     */
    public SqlRevocationList(DataSource dataSource, Clock clock, Duration retention) {
        this.dataSource = Checks.present(dataSource, "dataSource");
        this.clock = Checks.present(clock, "clock");
        this.retention = Checks.present(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        Sql.createTables(dataSource);
    }

    /** Revokes a token id until the token would have expired anyway. Revoking twice keeps the later expiry. */
    public void revoke(String jti, Instant expiresAt) {
        Checks.nonBlank(jti, "jti");
        Checks.present(expiresAt, "expiresAt");
        if (jti.length() > MAX_JTI_LENGTH) {
            throw new IllegalArgumentException("jti longer than " + MAX_JTI_LENGTH + " characters");
        }
        String sql = "INSERT INTO " + Sql.REVOKED + " (jti, expires_at, revoked_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (jti) DO UPDATE SET expires_at = CASE WHEN excluded.expires_at > "
                + Sql.REVOKED + ".expires_at THEN excluded.expires_at ELSE " + Sql.REVOKED + ".expires_at END";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jti);
            s.setLong(2, expiresAt.toEpochMilli());
            s.setLong(3, clock.millis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("could not revoke token", e);
        }
    }

    /** Revokes a token id whose expiry is unknown (e.g. given by an admin); kept for the configured retention. */
    public void revoke(String jti) {
        revoke(jti, clock.instant().plus(retention));
    }

    /**
     * Revokes every token issued to the agent up to now (the kill switch), as one row keyed {@code agent:<id>} whose
     * time is the cut-off: a token of the agent issued at or before it is refused on every replica, also after the
     * agent is re-activated. Tokens carry their issue time in whole seconds, so one issued in the same second as the
     * cut-off is refused too. The row is kept for the retention, longer than any token lives.
     */
    public void revokeTokensOf(String agentId) {
        String key = AGENT_CUTOFF + Checks.nonBlank(agentId, "agentId");
        if (key.length() > MAX_JTI_LENGTH) {
            throw new IllegalArgumentException("agent id too long");
        }
        String sql = "INSERT INTO " + Sql.REVOKED + " (jti, expires_at, revoked_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (jti) DO UPDATE SET revoked_at = excluded.revoked_at, expires_at = excluded.expires_at";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            s.setLong(2, clock.instant().plus(retention).toEpochMilli());
            s.setLong(3, clock.millis());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("could not revoke the tokens of agent " + agentId, e);
        }
    }

    /**
     * Whether any of the token ids was revoked, or the agent's tokens were revoked ({@link #revokeTokensOf}) at or after
     * {@code issuedAt}, in one query. Fails (throws) rather than answer when the database cannot be read.
     */
    public boolean anyRevoked(List<String> jtis, String agentId, Instant issuedAt) {
        List<String> ids = usable(jtis);
        KeptStatements.Query<Boolean> query = s -> {
            s.setString(1, AGENT_CUTOFF + agentId);
            s.setLong(2, issuedAt.toEpochMilli());
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 2 + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        };
        try (Connection c = dataSource.getConnection()) {
            if (ids.size() < AGENT_OR_IDS.length) {
                // the usual lineages: a kept statement per connection (a fixed, small set of texts)
                return reads.use(c, AGENT_OR_IDS[ids.size()], query);
            }
            try (PreparedStatement s = c.prepareStatement(agentOrIds(ids.size()))) {
                return query.run(s);
            }
        } catch (SQLException e) {
            throw Sql.failure("could not read the revocation list", e);
        }
    }

    /** The query of {@link #anyRevoked(List, String, Instant)} for {@code ids} token ids. */
    private static String agentOrIds(int ids) {
        return "SELECT 1 FROM " + Sql.REVOKED + " WHERE (jti = ? AND revoked_at >= ?)"
                + (ids == 0 ? "" : " OR jti IN (" + String.join(", ", java.util.Collections.nCopies(ids, "?")) + ")");
    }

    /** The token ids worth asking about, each once, in order; checked on every request, so without streams. */
    private static List<String> usable(List<String> jtis) {
        List<String> ids = new java.util.ArrayList<>(jtis.size());
        java.util.Set<String> seen = jtis.size() > 8 ? new java.util.HashSet<>() : null;
        for (String jti : jtis) {
            if (jti != null && jti.length() <= MAX_JTI_LENGTH
                    && (seen == null ? !ids.contains(jti) : seen.add(jti))) {
                ids.add(jti);
            }
        }
        return ids;
    }

    /** Whether the token id was revoked. Fails (throws) rather than answer when the database cannot be read. */
    public boolean isRevoked(String jti) {
        if (jti == null || jti.length() > MAX_JTI_LENGTH) {
            return false;
        }
        String sql = "SELECT 1 FROM " + Sql.REVOKED + " WHERE jti = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, jti);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failure("could not read the revocation list", e);
        }
    }

    /**
     * Whether any of the token ids was revoked, in one query: a token and the tokens it was exchanged from. Fails
     * (throws) rather than answer when the database cannot be read.
     */
    public boolean anyRevoked(List<String> jtis) {
        List<String> ids = usable(jtis);
        if (ids.isEmpty()) {
            return false;
        }
        String sql = "SELECT 1 FROM " + Sql.REVOKED + " WHERE jti IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                s.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failure("could not read the revocation list", e);
        }
    }

    /**
     * Forgets entries whose tokens have expired (they are refused as expired anyway), keeping a margin of
     * {@link #PURGE_MARGIN} so a token still inside the verifier's clock-skew allowance stays revoked. Returns how
     * many were removed.
     */
    public int purgeExpired() {
        String sql = "DELETE FROM " + Sql.REVOKED + " WHERE expires_at < ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, clock.instant().minus(PURGE_MARGIN).toEpochMilli());
            return s.executeUpdate();
        } catch (SQLException e) {
            throw Sql.failure("could not purge the revocation list", e);
        }
    }
}
