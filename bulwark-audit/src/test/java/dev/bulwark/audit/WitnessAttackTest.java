package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.bulwark.spi.audit.AuditVerification;
import dev.bulwark.spi.audit.AuditVerification.Broken;
import dev.bulwark.spi.audit.Witness;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of the outside review, each run against a log whose checkpoints went to a witness the attacker cannot
 * rewrite. Every test first shows the attack succeeding against the database alone (verify says intact), then shows
 * the witness (or a public key kept elsewhere) catching it.
 */
class WitnessAttackTest {
    private static final int INTERVAL = 10;

    @TempDir
    Path dir;
    Path data;
    Path witnessFile;
    Attacker attacker;

    @BeforeEach
    void setUp() {
        data = dir.resolve("data");
        witnessFile = dir.resolve("witness").resolve("anchors.jsonl");
        attacker = new Attacker(new UrlDataSource(JdbcAuditLog.embeddedUrl(data), new Properties()));
    }

    private static AuditLogOptions options() {
        return AuditLogOptions.defaults().withCheckpointInterval(INTERVAL).withCheckpointPeriod(Duration.ZERO);
    }

    /** 35 records, checkpoints at 10, 20, 30 and 35 (sealed on close), each offered to the witnesses. */
    private void writeLogOf35(Witness... witnesses) {
        AnchorPublisher publisher = new AnchorPublisher(List.of(witnesses), Duration.ofSeconds(5), false,
                Clock.systemUTC());
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, EmbeddedKeys.signer(data), options(), publisher)) {
            for (int i = 1; i <= 35; i++) {
                log.append(TestEvents.event(i));
            }
        }
    }

    private AuditVerifier databaseOnly() {
        return AuditVerifier.ofEmbedded(data, INTERVAL);
    }

    private AuditVerifier withFileAnchors() {
        return databaseOnly().withAnchors(FileWitness.read(witnessFile));
    }

    private static void assertBroken(AuditVerification v, String problem) {
        assertThat(v).isInstanceOf(Broken.class);
        assertThat(((Broken) v).problem()).contains(problem);
    }

    @Test
    void theWitnessHoldsTheSealedHeadAndAnUntouchedLogIsIntact() {
        writeLogOf35(FileWitness.open(witnessFile));

        AuditReport report = withFileAnchors().report();

        assertThat(report.verification()).isEqualTo(new AuditVerification.Intact(35, 4));
        assertThat(report.lastAnchor()).isEqualTo(35);
        assertThat(report.fullyAnchored()).isTrue();
        assertThat(report.describe().getFirst()).startsWith("audit log intact: 35 records");
    }

    @Test
    void rewriteResignedWithTheCoLocatedKeyIsCaughtByTheAnchors() throws Exception {
        writeLogOf35(FileWitness.open(witnessFile));
        CheckpointSigner stolen = CheckpointSigner.loadOrCreate(EmbeddedKeys.keyFile(data));

        attacker.rewrite(5, "innocent.call");
        attacker.resignCheckpoints(stolen);

        assertThat(databaseOnly().verify()).as("the attack, without anchors").isEqualTo(
                new AuditVerification.Intact(35, 4));
        assertBroken(withFileAnchors().verify(), "differs from the external anchor");
    }

    @Test
    void rewriteResignedWithAKeyTheAttackerGeneratesIsCaughtByAKeyKeptElsewhereAndByTheAnchors() throws Exception {
        writeLogOf35(FileWitness.open(witnessFile));
        String realPublicKey = CheckpointSigner.loadOrCreate(EmbeddedKeys.keyFile(data)).publicKeyPem();
        KeyFileSigner own = KeyFileSigner.generate();
        Files.writeString(EmbeddedKeys.keyFile(data), own.text()); // replaces the co-located key file

        attacker.rewrite(5, "innocent.call");
        attacker.resignCheckpoints(CheckpointSigner.using(own));

        assertThat(databaseOnly().verify()).as("the attack, trusting the data directory's key").isEqualTo(
                new AuditVerification.Intact(35, 4));
        assertBroken(databaseOnly().withTrustedKeys(TrustedKeys.fromPem(realPublicKey)).verify(), "not trusted");
        AuditReport anchored = withFileAnchors().report();
        assertThat(anchored.intact()).isFalse();
        assertThat(anchored.anchorFailures()).first().asString().contains("not signed by a trusted key");
    }

    @Test
    void truncationBackToACheckpointIsCaughtByTheFileWitness() throws Exception {
        writeLogOf35(FileWitness.open(witnessFile));

        attacker.truncateAfter(30);

        assertThat(databaseOnly().verify()).isEqualTo(new AuditVerification.Intact(30, 3));
        assertBroken(withFileAnchors().verify(), "truncated");
    }

    @Test
    void truncationToAnEmptyLogIsCaughtByTheFileWitness() throws Exception {
        writeLogOf35(FileWitness.open(witnessFile));

        attacker.truncateAfter(0);

        assertThat(databaseOnly().verify()).isEqualTo(new AuditVerification.Intact(0, 0));
        assertBroken(withFileAnchors().verify(), "truncated");
    }

    @Test
    void truncationIsCaughtByTheDatabaseWitness() throws Exception {
        String witnessUrl = "jdbc:sqlite:" + dir.resolve("witness.db");
        writeLogOf35(JdbcWitness.open(witnessUrl, new Properties()));

        attacker.truncateAfter(20);

        assertThat(databaseOnly().verify()).isEqualTo(new AuditVerification.Intact(20, 2));
        AnchorSet held = AnchorSet.from(witnessUrl, new Properties());
        assertThat(held.anchors()).extracting(Checkpoint::sequence).contains(35L);
        assertBroken(databaseOnly().withAnchors(held).verify(), "truncated");
    }

    @Test
    void truncationIsCaughtByTheWebhookReceiversExport() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/anchors", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + "|" + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/anchors");
            writeLogOf35(new WebhookWitness(url, Map.of("Authorization", "Bearer w1"), Duration.ofSeconds(5)));
        } finally {
            receiver.stop(0);
        }
        assertThat(received).isNotEmpty().allSatisfy(r -> assertThat(r).endsWith("|Bearer w1"));
        Path export = dir.resolve("export.jsonl");
        Files.write(export, received.stream().map(r -> r.substring(0, r.lastIndexOf('|'))).toList());

        attacker.truncateAfter(30);

        assertBroken(databaseOnly().withAnchors(FileWitness.read(export)).verify(), "truncated");
    }

    @Test
    void rewriteOfTheTailWithinTheCountWindowIsCaughtByAnchorsOfTimedCheckpoints() throws Exception {
        AnchorPublisher publisher = new AnchorPublisher(List.of(FileWitness.open(witnessFile)), Duration.ofSeconds(5),
                false, Clock.systemUTC());
        AuditLogOptions byTime = AuditLogOptions.defaults().withCheckpointPeriod(Duration.ofMillis(100));
        JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, EmbeddedKeys.signer(data), byTime, publisher);
        for (int i = 1; i <= 12; i++) {
            log.append(TestEvents.event(i));
        }
        awaitAnchored(12);
        // the gateway dies (no seal on close); the attacker, without the key, rewrites record 9 and removes the
        // timed checkpoints after record 8, which by count alone (every 1000) need not exist
        attacker.rewrite(9, "innocent.call");
        attacker.sql("DELETE FROM audit_checkpoint WHERE sequence > 8");

        AuditReport databaseOnly = AuditVerifier.ofEmbedded(data, 1000).report();
        assertThat(databaseOnly.verification().intact()).as("the attack passes the chain checks").isTrue();
        assertThat(databaseOnly.describe().getFirst()).doesNotStartWith("audit log intact");
        assertThat(String.join("\n", databaseOnly.describe())).contains("NOT ANCHORED");
        assertBroken(AuditVerifier.ofEmbedded(data, 1000).withAnchors(FileWitness.read(witnessFile)).verify(),
                "differs from the external anchor");
        log.close();
    }

    private void awaitAnchored(long sequence) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (FileWitness.read(witnessFile).anchors().stream().anyMatch(a -> a.sequence() >= sequence)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no anchor for record " + sequence + " within 20 s");
    }
}
