package dev.bulwark.server.gateway;

import dev.bulwark.engine.session.InMemorySessionStore;
import dev.bulwark.server.config.SessionSettings;
import dev.bulwark.sessions.JdbcSessionStore;
import dev.bulwark.spi.session.SessionLimits;
import dev.bulwark.spi.session.SessionStore;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store in force: by default in the gateway's database (SQLite embedded, or the PostgreSQL replicas
 * share), so a task keeps what it has seen across replicas and restarts; in memory only when configured.
 */
final class SessionsSetup {
    private static final Logger LOG = LoggerFactory.getLogger(SessionsSetup.class);

    private SessionsSetup() {}

    static SessionStore open(SessionSettings settings, DataSource database, Clock clock,
                             ScheduledExecutorService housekeeping) {
        SessionLimits defaults = SessionLimits.defaults();
        SessionLimits limits = new SessionLimits(settings.maxLabels(), defaults.maxLabelLength(),
                defaults.recentTools(), defaults.maxExtensions(), defaults.maxExtensionBytes());
        if (!settings.inDatabase()) {
            LOG.warn("sessions.store is memory: a task's labels are lost on restart and not seen by other replicas");
            return new InMemorySessionStore(settings.idleTimeout(), settings.maxSessions(), clock, limits);
        }
        JdbcSessionStore store = new JdbcSessionStore(database, settings.idleTimeout(), settings.maxSessions(), limits,
                clock);
        housekeeping.scheduleWithFixedDelay(() -> purge(store), 5, 5, TimeUnit.MINUTES);
        return store;
    }

    /** A failure is retried on the next round; expired sessions are refused meanwhile (they start afresh). */
    private static void purge(JdbcSessionStore store) {
        try {
            store.purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("could not purge expired sessions: {}", e.toString());
        }
    }
}
