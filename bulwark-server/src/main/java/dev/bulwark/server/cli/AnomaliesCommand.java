package dev.bulwark.server.cli;

import dev.bulwark.anomaly.AnomalyKind;
import dev.bulwark.anomaly.JdbcAnomalyStore;
import dev.bulwark.server.admin.AnomalyViews;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.DataDirectory;
import dev.bulwark.server.store.Databases;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the anomalies every replica reported, from the configured database, newest first, one JSON object a line. */
@Command(name = "anomalies", description = "List anomalies the detectors reported (newest first, JSON lines).")
final class AnomaliesCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;
    @Option(names = {"-n", "--limit"}, defaultValue = "50", description = "how many (1 to 1000, default 50)")
    int limit;
    @Option(names = "--agent", description = "only this agent's")
    String agent;
    @Option(names = "--kind", description = "only this kind: call-rate, first-use, data-volume, denial-burst,"
            + " unusual-hours, fan-out, sensitive-sequence, repeated-injection, outside-intent")
    String kind;
    @Option(names = "--since", description = "only at or after this ISO-8601 instant")
    String since;

    @Override
    public Integer call() {
        if (limit < 1 || limit > JdbcAnomalyStore.MAX_LIST) {
            System.err.println("bulwark: --limit must be between 1 and " + JdbcAnomalyStore.MAX_LIST);
            return 2;
        }
        AnomalyKind k;
        Instant from;
        try {
            k = kind == null ? null : AnomalyKind.fromLabel(kind);
            from = since == null ? null : Instant.parse(since);
        } catch (RuntimeException e) {
            System.err.println("bulwark: " + e.getMessage());
            return 2;
        }
        BulwarkConfig config = options.load();
        DataDirectory.prepare(config.dataPath());
        try (var db = Databases.open(config.jdbcUrl(), config.database().user(), config.database().password())) {
            new JdbcAnomalyStore(db).list(limit, agent, k, from)
                    .forEach(a -> System.out.println(AnomalyViews.anomaly(a)));
        }
        return 0;
    }
}
