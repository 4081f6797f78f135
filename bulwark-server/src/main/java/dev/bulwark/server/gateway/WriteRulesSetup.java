package dev.bulwark.server.gateway;

import dev.bulwark.budgets.JdbcUsageCounters;
import dev.bulwark.engine.pipeline.CallPipeline;
import dev.bulwark.engine.pipeline.DecideStep;
import dev.bulwark.engine.writes.WriteRules;
import dev.bulwark.engine.writes.WriteRulesStep;
import dev.bulwark.server.config.BulwarkConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the write rules step right after the decide step when {@code writes:} is configured. Its counters live in the
 * gateway's database, so replicas sharing it share rate and budget limits. Insert it after any approval step was
 * inserted after the decide step, so that it runs before that step and can hand it escalations.
 */
final class WriteRulesSetup {
    private static final Logger LOG = LoggerFactory.getLogger(WriteRulesSetup.class);
    /** Longer than the longest window a rule may have (366 days). */
    private static final Duration KEEP = Duration.ofDays(367);

    private WriteRulesSetup() {}

    static void insert(CallPipeline.Builder steps, BulwarkConfig config, DataSource database,
                       boolean approvalStepFollows, ScheduledExecutorService housekeeping, Clock clock) {
        if (config.writes().isEmpty()) {
            return;
        }
        JdbcUsageCounters counters = new JdbcUsageCounters(database);
        steps.insertAfter(DecideStep.class, new WriteRulesStep(new WriteRules(config.writeRules(), counters),
                approvalStepFollows));
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                counters.purgeBefore(clock.instant().minus(KEEP).getEpochSecond());
            } catch (RuntimeException e) {
                LOG.warn("could not purge old usage counters: {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
        LOG.info("write rules active for {}", config.writes().keySet());
    }
}
