package dev.bulwark.server.cli;

import dev.bulwark.audit.AuditExport;
import dev.bulwark.audit.AuditPage;
import dev.bulwark.audit.AuditQuery;
import dev.bulwark.audit.AuditRecords;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.audit.Retention;
import dev.bulwark.audit.forward.AuditForwarder;
import dev.bulwark.audit.forward.SyslogSender;
import dev.bulwark.server.admin.Views;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.AuditSetup;
import dev.bulwark.server.gateway.AuditTrail;
import dev.bulwark.spi.audit.AuditRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark audit query | export | forward | prune}. */
final class AuditTrailCommands {
    private AuditTrailCommands() {}

    @Command(name = "query", description = {"Print the audit records the filters select, oldest first, as JSON lines.",
            "A page ends after --limit records (or a bounded number of rows examined); the cursor for the next page"
                    + " is printed to standard error as 'next: --after N'."})
    static final class Query implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Mixin
        AuditFilterOptions filters;
        @Option(names = "--limit", defaultValue = "100", description = "records per page, 1 to 10000 (default 100)")
        int limit;

        @Override
        public Integer call() {
            BulwarkConfig config = options.load();
            AuditPage page = AuditFilterOptions.records(config).query(filters.query(limit));
            page.records().forEach(r -> System.out.println(Views.record(r)));
            page.next().ifPresent(n -> System.err.println("next: --after " + n));
            return 0;
        }
    }

    @Command(name = "export", description = {"Write every record the filters select as JSON lines (one canonical"
            + " record per line, with its hash), a page at a time.", "Each line's hash can be recomputed from the line;"
            + " the lines of an unfiltered export also link to each other."})
    static final class Export implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Mixin
        AuditFilterOptions filters;
        @Option(names = {"-o", "--out"}, description = "file to write (default: standard output)")
        Path out;

        @Override
        public Integer call() throws IOException {
            BulwarkConfig config = options.load();
            AuditRecords records = AuditFilterOptions.records(config);
            AuditQuery query = filters.query(AuditQuery.MAX_LIMIT);
            long written = 0;
            try (Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                    : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                while (true) {
                    AuditPage page = records.query(query);
                    for (AuditRecord r : page.records()) {
                        w.write(AuditExport.line(r));
                        w.write('\n');
                        written++;
                    }
                    if (page.next().isEmpty()) {
                        break;
                    }
                    query = query.after(page.next().getAsLong());
                }
                w.flush();
            }
            if (out != null) {
                System.out.println("exported " + written + " records to " + out);
            }
            return 0;
        }
    }

    @Command(name = "forward", description = "Send audit records to a syslog receiver (RFC 5424 over TCP, octet"
            + " counting; --tls for RFC 5425), from a cursor kept in a file, so a rerun sends only what is new.")
    static final class Forward implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--syslog", required = true, description = "host:port of the receiver")
        String address;
        @Option(names = "--tls", description = "connect with TLS, checking the receiver's certificate")
        boolean tls;
        @Option(names = "--trust-store", description = "PKCS#12 trust store for --tls (default: the JDK's CAs)")
        Path trustStore;
        @Option(names = "--trust-store-password-env", description = "environment variable holding its password")
        String trustStorePasswordEnv;
        @Option(names = "--cursor", description = "cursor file (default: <dataDir>/audit-forward.cursor)")
        Path cursor;
        @Option(names = "--from-start", description = "without a cursor file, send every record (default: only"
                + " records newer than now)")
        boolean fromStart;
        @Option(names = "--follow", description = "keep sending new records every second until stopped")
        boolean follow;

        @Override
        public Integer call() throws Exception {
            BulwarkConfig config = options.load();
            AuditRecords records = AuditFilterOptions.records(config);
            long start = fromStart ? 0 : records.tail(1).stream().mapToLong(AuditRecord::sequence).max().orElse(0);
            Path file = cursor != null ? cursor : config.dataPath().resolve(AuditTrail.CURSOR_FILE);
            AuditForwarder forwarder = new AuditForwarder(records, SyslogSender.to(address,
                    tls ? AuditTrail.tls(trustStore, trustStorePasswordEnv == null ? null
                            : System.getenv(trustStorePasswordEnv)) : null), file, start, AuditTrail.hostname(), "bulwark");
            try {
                long sent = forwarder.forwardAvailable();
                System.out.println("sent " + sent + " records; cursor " + forwarder.cursor());
                while (follow) {
                    Thread.sleep(1000);
                    forwarder.round();
                }
                return 0;
            } finally {
                forwarder.close();
            }
        }
    }

    @Command(name = "prune", description = {"Remove records older than --before, keeping the chain verifiable: only"
            + " below a signed checkpoint that every witness has anchored, after writing an audit.prune record."})
    static final class Prune implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Option(names = "--before", required = true, description = "an instant, or a duration ago (90d)")
        String before;

        @Override
        public Integer call() {
            BulwarkConfig config = options.load();
            Instant cutoff = AuditQuery.time("before", before, Instant.now());
            try (JdbcAuditLog log = AuditSetup.open(config)) {
                AuditTrail.awaitWitnesses(log);
                Retention.Pruned pruned = log.prune(cutoff);
                if (pruned.base() == 0) {
                    System.out.println("nothing to prune: no signed, anchored checkpoint is older than " + cutoff);
                } else {
                    System.out.println("pruned " + pruned.removed() + " records; the chain now starts at record "
                            + pruned.base() + " (audit.prune record " + pruned.record() + ")");
                }
            }
            return 0;
        }
    }
}
