package dev.bulwark.server.cli;

import dev.bulwark.documents.Confidentiality;
import dev.bulwark.documents.DocumentTemplate;
import dev.bulwark.documents.IngestOutcome;
import dev.bulwark.documents.Integrity;
import dev.bulwark.documents.SourceAcl;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.Documents;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "documents", description = "Ingest documents and rotate their encryption key (gateway stopped; "
        + "while it runs, use POST /api/v1/documents).",
        subcommands = {DocumentsCommand.Ingest.class, DocumentsCommand.RotateKey.class})
final class DocumentsCommand {

    @Command(name = "ingest", description = "Ingest a file or every file of a directory (.txt, .md, .html).")
    static final class Ingest implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "file or directory")
        Path path;
        @Option(names = "--prefix", defaultValue = "file:", description = "source id prefix (default file:)")
        String prefix;
        @Option(names = "--user", description = "user id allowed to read (repeatable)")
        List<String> users = List.of();
        @Option(names = "--agent", description = "agent id allowed to read (repeatable)")
        List<String> agents = List.of();
        @Option(names = "--group", description = "group or role allowed to read (repeatable)")
        List<String> groups = List.of();
        @Option(names = "--owner", description = "owner, who may always read: user:<id> or agent:<id>")
        String owner;
        @Option(names = "--trusted", description = "mark as trusted (default: untrusted external content)")
        boolean trusted;
        @Option(names = "--confidentiality", defaultValue = "internal",
                description = "public, internal, confidential or secret (default internal)")
        String confidentiality;

        /** Agents and users are distinct principals: each ACL entry says its kind. */
        private java.util.Set<String> principals() {
            java.util.Set<String> out = new LinkedHashSet<>();
            users.forEach(u -> out.add(dev.bulwark.documents.AclPrincipal.user(u)));
            agents.forEach(a -> out.add(dev.bulwark.documents.AclPrincipal.agent(a)));
            return out;
        }

        @Override
        public Integer call() throws Exception {
            BulwarkConfig config = options.load();
            DocumentTemplate template = new DocumentTemplate(prefix, Map.of(),
                    new SourceAcl(principals(), new LinkedHashSet<>(groups)), Optional.ofNullable(owner),
                    trusted ? Integrity.TRUSTED : Integrity.UNTRUSTED, Confidentiality.fromLabel(confidentiality));
            int refused = 0;
            try (Documents documents = Documents.open(config, detectors(config))) {
                for (IngestOutcome outcome : documents.ingestor().ingestFiles(path, template)) {
                    switch (outcome) {
                        case IngestOutcome.Ingested ok -> System.out.println("ingested " + ok.sourceId() + " ("
                                + ok.result().chunks() + " chunks)");
                        case IngestOutcome.Refused no -> {
                            refused++;
                            System.err.println("refused " + no.sourceId() + ": " + no.reason() + ": " + no.message());
                        }
                    }
                }
            }
            return refused == 0 ? 0 : 1;
        }
    }

    /** The same PII detection as the gateway's ingestion endpoint, unless PII guards are configured off. */
    static List<dev.bulwark.spi.guard.Detector> detectors(BulwarkConfig config) {
        return dev.bulwark.server.gateway.Guards.piiDetector(config.guards().pii()).map(List::of).orElse(List.of());
    }

    @Command(name = "rotate-key", description = "Make a new primary key and re-encrypt every chunk with it.")
    static final class RotateKey implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() throws Exception {
            try (Documents documents = Documents.open(options.load(), List.of())) {
                int keyId = documents.store().rotateKey();
                var report = documents.store().reencrypt();
                System.out.println("primary key " + keyId + ": " + report.rewritten() + " chunks re-encrypted, "
                        + report.unchanged() + " unchanged, " + report.failed().size() + " failed");
                return report.failed().isEmpty() ? 0 : 1;
            }
        }
    }
}
