package dev.bulwark.server.cli;

import dev.bulwark.audit.AnchorSet;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.AuditReport;
import dev.bulwark.audit.AuditVerifier;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.audit.TrustedKeys;
import dev.bulwark.audit.UnfinishedCalls;
import dev.bulwark.server.admin.Views;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.AuditSetup;
import dev.bulwark.spi.audit.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "Verify and read the hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class, AuditTrailCommands.Query.class,
                AuditTrailCommands.Export.class, AuditTrailCommands.Forward.class, AuditTrailCommands.Prune.class})
final class AuditCommand {

    /** Exit code of verify when it verified, but records are newer than the last anchor and anchors were required. */
    static final int UNANCHORED = 3;

    static AuditVerifier verifier(BulwarkConfig config, Path publicKey) {
        long interval = config.audit().checkpointEvery();
        TrustedKeys keys = publicKey != null ? TrustedKeys.fromKeyFile(publicKey) : AuditSetup.trustedKeys(config);
        if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
            Path database = config.dataPath().resolve(JdbcAuditLog.DATABASE_FILE);
            if (!java.nio.file.Files.isRegularFile(database)) {
                throw new IllegalArgumentException("no audit database at " + database);
            }
            return AuditVerifier.at(JdbcAuditLog.embeddedUrl(config.dataPath()), new Properties(), keys, interval);
        }
        return AuditVerifier.at(config.jdbcUrl(), config.database().connectionProperties(), keys, interval);
    }

    @Command(name = "verify", description = {
            "Check every record, signed checkpoint and witness anchor; list side effects with no recorded outcome.",
            "Exit 0: verified (records newer than the last anchor are reported); 1: tampered or an anchor is not"
                    + " trusted; 3: with --require-anchored, records newer than the last anchor."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--public-key", description = "checkpoint public key (PEM) kept apart from the data directory")
        Path publicKey;
        @Option(names = "--anchors", description = "anchors to check: a witness file (or a webhook receiver's export"
                + " as JSON lines), or the JDBC URL of a witness database; repeatable. Default: the configured file"
                + " and database witnesses")
        List<String> anchors;
        @Option(names = "--anchors-user", description = "user for a witness database given with --anchors")
        String anchorsUser;
        @Option(names = "--anchors-password-env", description = "environment variable holding its password")
        String anchorsPasswordEnv;
        @Option(names = "--require-anchored", description = "exit 3 when records are newer than the last anchor")
        boolean requireAnchored;

        @Override
        public Integer call() {
            BulwarkConfig config = options.load();
            AuditVerifier verifier = verifier(config, publicKey);
            if (anchors == null || anchors.isEmpty()) {
                AuditSetup.witnessFile(config).filter(f -> !java.nio.file.Files.exists(f)).ifPresent(f ->
                        System.out.println("note: the configured witness file " + f + " does not exist"));
                for (AnchorSet set : AuditSetup.configuredAnchors(config)) {
                    verifier = verifier.withAnchors(set);
                }
            } else {
                Properties p = new Properties();
                if (anchorsUser != null) {
                    p.setProperty("user", anchorsUser);
                }
                if (anchorsPasswordEnv != null && System.getenv(anchorsPasswordEnv) != null) {
                    p.setProperty("password", System.getenv(anchorsPasswordEnv));
                }
                for (String source : anchors) {
                    verifier = verifier.withAnchors(AnchorSet.from(source, p));
                }
            }
            AuditReport report = verifier.report();
            report.describe().forEach(System.out::println);
            if (!report.intact()) {
                return 1;
            }
            return requireAnchored && !report.fullyAnchored() ? UNANCHORED : 0;
        }
    }

    @Command(name = "tail", description = "Print the newest audit records as JSON lines.")
    static final class Tail implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = {"-n", "--lines"}, defaultValue = "20", description = "how many records (default 20)")
        int lines;
        @Option(names = "--unfinished", description = "print instead the attempts of side effects that have no"
                + " outcome record (the process died between attempt and outcome)")
        boolean unfinished;

        @Override
        public Integer call() {
            BulwarkConfig config = options.load();
            if (lines < 1 || lines > 100_000) {
                System.err.println("bulwark: --lines must be between 1 and 100000");
                return 2;
            }
            AuditRecords records = records(config);
            if (unfinished) {
                for (UnfinishedCalls.Attempt attempt : records.unfinished()) {
                    records.read(attempt.sequence(), 1).forEach(r -> System.out.println(Views.record(r)));
                }
                return 0;
            }
            for (AuditRecord r : records.tail(lines)) {
                System.out.println(Views.record(r));
            }
            return 0;
        }

        /** A read-only view: tailing never writes to the chain, even while a gateway is running. */
        private static AuditRecords records(BulwarkConfig config) {
            if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
                return AuditRecords.ofEmbedded(config.dataPath());
            }
            return AuditRecords.at(config.jdbcUrl(), config.database().connectionProperties());
        }
    }
}
