package dev.bulwark.server.gateway;

import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.audit.Retention;
import dev.bulwark.audit.forward.AuditForwarder;
import dev.bulwark.audit.forward.SyslogSender;
import dev.bulwark.server.config.AuditTrailSettings;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.audit.AuditRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Runs what {@code auditTrail} configures beside a gateway: retention (prune every {@code pruneEvery}) and forwarding
 * to syslog (every second, from the cursor file). Both run on the housekeeping thread; a failure is logged and retried
 * on the next round, never stops calls.
 */
public final class AuditTrail implements AutoCloseable {
    /** The forwarding cursor, in the data directory. */
    public static final String CURSOR_FILE = "audit-forward.cursor";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditTrail.class);

    private final AuditForwarder forwarder;

    private AuditTrail(AuditForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /** Starts what the configuration asks for (nothing by default). */
    public static AuditTrail start(BulwarkConfig config, JdbcAuditLog log, Clock clock,
                                   ScheduledExecutorService housekeeping) throws Exception {
        AuditTrailSettings settings = config.auditTrail();
        if (settings.keepDuration() != null) {
            long every = settings.pruneInterval().toMillis();
            housekeeping.scheduleWithFixedDelay(() -> prune(log, settings, clock), every, every, TimeUnit.MILLISECONDS);
        }
        AuditForwarder forwarder = null;
        if (settings.syslog() != null) {
            AuditRecords records = log.records();
            long start = settings.from().equals("start") ? 0
                    : records.tail(1).stream().mapToLong(AuditRecord::sequence).max().orElse(0);
            forwarder = new AuditForwarder(records, SyslogSender.to(settings.syslog(), settings.tls()
                    ? tls(settings.trustStore() == null ? null : Path.of(settings.trustStore()),
                    settings.trustStorePassword()) : null), config.dataPath().resolve(CURSOR_FILE), start, hostname(),
                    "bulwark");
            housekeeping.scheduleWithFixedDelay(forwarder::round, 0, 1, TimeUnit.SECONDS);
        }
        return new AuditTrail(forwarder);
    }

    static void prune(JdbcAuditLog log, AuditTrailSettings settings, Clock clock) {
        try {
            Retention.Pruned pruned = log.prune(clock.instant().minus(settings.keepDuration()));
            if (pruned.base() > 0) {
                LOG.info("audit retention: removed {} records; the chain now starts at record {}", pruned.removed(),
                        pruned.base());
            }
        } catch (RuntimeException e) {
            LOG.error("audit retention failed (retried in {}): {}", settings.pruneEvery(), e.toString());
        }
    }

    /** The forwarder, when forwarding is configured; for status and tests. */
    public AuditForwarder forwarder() {
        return forwarder;
    }

    /** Waits up to five seconds for every witness to hold the newest checkpoint (a prune then may use it). */
    public static void awaitWitnesses(JdbcAuditLog log) {
        long newest = log.latestCheckpoint().map(c -> c.sequence()).orElse(0L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.witnesses().stream().anyMatch(w -> w.published() < newest) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The TLS context: the JDK's trust store, or the given PKCS#12 one (password may be null). */
    public static SSLContext tls(Path trustStore, String password) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        if (trustStore == null) {
            context.init(null, null, null);
            return context;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** This machine's name for the syslog HOSTNAME field. */
    public static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "bulwark";
        }
    }

    @Override
    public void close() {
        if (forwarder != null) {
            forwarder.close();
        }
    }
}
