package dev.bulwark.server.gateway;

import dev.bulwark.anomaly.AnomalyDetector;
import dev.bulwark.anomaly.AnomalyFeed;
import dev.bulwark.anomaly.CallEvent;
import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.JdbcAnomalyStore;
import dev.bulwark.anomaly.JdbcBaselineStore;
import dev.bulwark.anomaly.JdbcRiskLedger;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.DecideStep;
import dev.bulwark.server.config.AnomalyDetectionSettings;
import dev.bulwark.spi.audit.AuditLog;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Anomaly detection wired into the gateway: the pipeline's audit log is tapped so every concluded call reaches the
 * detectors (off the call's thread), anomalies get their configured responses, raised risk is added to sessions before
 * the decision, and the anomalies are kept in the database for the API. Baselines are learned in memory and, unless
 * {@code anomaly.baselineSnapshot} is off, written to the database periodically and on close, loaded at start, and
 * loaded by a replica meeting a principal first (docs/security/anomaly.md); anomalies, risk and kills are in the
 * database.
 */
public final class AnomalyWatch implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AnomalyWatch.class);
    private static final int MAX_INTENTS = 10_000;

    private final AnomalyDetectionSettings settings;
    private final JdbcAnomalyStore store;
    private final JdbcRiskLedger ledger;
    private final AnomalyFeed feed;
    private final AnomalyDetector detector;
    private final SlackWebhook webhook;
    private final Function<String, ToolKind> kinds;
    private final AtomicLong tapFailures = new AtomicLong();
    private final Map<String, String> intents = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_INTENTS;
        }
    };

    private AnomalyWatch(AnomalyDetectionSettings settings, DataSource database, KillSwitch killSwitch, AuditLog audit,
                         Function<String, ToolKind> kinds, String gatewayUrl, Clock clock,
                         dev.bulwark.spi.telemetry.AnomalyMetrics metrics) {
        this.settings = settings;
        this.kinds = kinds;
        this.store = new JdbcAnomalyStore(database);
        this.ledger = new JdbcRiskLedger(database, clock);
        this.webhook = settings.webhooks().isEmpty() ? null
                : new SlackWebhook(settings.webhooks(), gatewayUrl, java.time.Duration.ofSeconds(1));
        AnomalyResponses responses = new AnomalyResponses(settings.responsesByKind(), killSwitch, ledger,
                settings.risk(), settings.riskLifetime(), audit, store, webhook, gatewayUrl, clock);
        java.util.function.Consumer<dev.bulwark.anomaly.Anomaly> counted = a -> {
            metrics.detected(a.kind().label()); // bulwark_anomalies_total{kind}; never throws
            responses.accept(a);
        };
        JdbcBaselineStore baselines = settings.baselineSnapshotPeriod() == null ? null
                : new JdbcBaselineStore(database, clock);
        this.detector = settings.on() ? new AnomalyDetector(settings.detection(), clock,
                EnumSet.allOf(AnomalyKind.class), baselines) : null;
        if (detector != null && baselines != null) {
            LOG.info("anomaly baselines loaded from the database: {}", detector.restore());
        }
        this.feed = detector == null ? null : new AnomalyFeed(detector, counted, settings.queue());
    }

    static AnomalyWatch open(AnomalyDetectionSettings settings, DataSource database, KillSwitch killSwitch,
                             AuditLog audit, Function<String, ToolKind> kinds, String gatewayUrl, Clock clock,
                             ScheduledExecutorService housekeeping, dev.bulwark.spi.telemetry.AnomalyMetrics metrics) {
        AnomalyWatch watch = new AnomalyWatch(settings, database, killSwitch, audit, kinds, gatewayUrl, clock,
                metrics);
        housekeeping.scheduleWithFixedDelay(watch::purge, 1, 60, TimeUnit.MINUTES);
        java.time.Duration every = settings.baselineSnapshotPeriod();
        if (watch.detector != null && every != null) {
            housekeeping.scheduleWithFixedDelay(watch::snapshot, every.toMillis(), every.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        return watch;
    }

    /** The log the pipeline writes to: the same log, with each call also handed to the detectors. */
    AuditLog tap(AuditLog log) {
        return feed == null ? log : new TappedAuditLog(log, event -> {
            CallEvent call = CallEvents.of(event, kinds, this::intentOf);
            if (call != null) {
                feed.offer(call);
            }
        }, tapFailures::incrementAndGet);
    }

    /** Inserts the step that adds raised risk to the session, just before the decision. */
    void insertRiskStep(CallPipeline.Builder steps) {
        steps.insertBefore(DecideStep.class, new AnomalyRiskStep(ledger));
    }

    /** Remembers a starting session's intent for the outside-intent detector (bounded, newest kept). */
    void declareIntent(String sessionId, String intent) {
        synchronized (intents) {
            // the task a session opened with is what its tools are learned against; later turns refine it
            intents.putIfAbsent(sessionId, intent);
        }
    }

    private String intentOf(String sessionId) {
        synchronized (intents) {
            return intents.get(sessionId);
        }
    }

    public JdbcAnomalyStore store() {
        return store;
    }

    public JdbcRiskLedger ledger() {
        return ledger;
    }

    public boolean on() {
        return feed != null;
    }

    /** What the detectors have done on this replica; {@code null} when detection is off. */
    public AnomalyFeed.Status status() {
        return feed == null ? null : feed.status();
    }

    /** Events the tap could not hand over (a conversion that threw), besides those the feed dropped. */
    public long tapFailures() {
        return tapFailures.get();
    }

    /** Waits until every call seen so far was judged (tests). */
    public boolean drain(java.time.Duration timeout) throws InterruptedException {
        return feed == null || feed.drain(timeout);
    }

    /** Writes the baselines learned since the last snapshot; failures are logged by the detector and retried. */
    void snapshot() {
        try {
            detector.snapshot();
        } catch (RuntimeException e) {
            LOG.warn("could not snapshot anomaly baselines: {}", e.toString());
        }
    }

    /** Stored baselines found unreadable and baseline store errors on this replica; 0 when detection is off. */
    public long baselineProblems() {
        return detector == null ? 0 : detector.baselineProblems();
    }

    private void purge() {
        try {
            store.purgeBefore(java.time.Instant.now().minus(settings.retentionPeriod()));
        } catch (RuntimeException e) {
            LOG.warn("could not purge old anomalies: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (feed != null) {
            feed.close();
            if (settings.baselineSnapshotPeriod() != null) {
                snapshot(); // what was learned since the last period survives a clean shutdown
            }
        }
        if (webhook != null) {
            webhook.close();
        }
    }
}
