package dev.bulwark.server.cli;

import dev.bulwark.audit.AuditVerifier;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.audit.CheckpointSigner;
import dev.bulwark.audit.TrustedKeys;
import dev.bulwark.server.admin.Views;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", description = "Verify and read the hash-chained audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Tail.class})
final class AuditCommand {

    static AuditVerifier verifier(BulwarkConfig config, Path publicKey) {
        long interval = config.audit().checkpointEvery();
        if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
            AuditVerifier embedded = AuditVerifier.ofEmbedded(config.dataPath(), interval);
            return publicKey == null ? embedded
                    : new AuditVerifier(embedded.database(), TrustedKeys.fromKeyFile(publicKey), interval,
                    embedded.anchor());
        }
        Properties p = config.database().connectionProperties();
        TrustedKeys keys = publicKey != null ? TrustedKeys.fromKeyFile(publicKey)
                : TrustedKeys.of(CheckpointSigner.loadOrCreate(config.dataPath().resolve("keys")
                .resolve(JdbcAuditLog.KEY_FILE)).publicKey());
        return AuditVerifier.at(config.jdbcUrl(), p, keys, interval);
    }

    @Command(name = "verify", description = "Check every record and signed checkpoint; exit 1 when tampered.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--public-key", description = "checkpoint public key (PEM) kept apart from the data directory")
        Path publicKey;

        @Override
        public Integer call() {
            AuditVerification v = verifier(options.load(), publicKey).verify();
            System.out.println(AuditVerifier.describe(v));
            return v.intact() ? 0 : 1;
        }
    }

    @Command(name = "tail", description = "Print the newest audit records as JSON lines.")
    static final class Tail implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = {"-n", "--lines"}, defaultValue = "20", description = "how many records (default 20)")
        int lines;

        @Override
        public Integer call() {
            BulwarkConfig config = options.load();
            if (lines < 1 || lines > 100_000) {
                System.err.println("bulwark: --lines must be between 1 and 100000");
                return 2;
            }
            for (AuditRecord r : records(config).tail(lines)) {
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
