package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.audit.AuditRecord;
import dev.bulwark.spi.audit.AuditVerification;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Witness sources that are damaged or written by someone else: reported, never a crash, never silently trusted. */
class HostileWitnessTest {
    @TempDir
    Path dir;
    Path data;
    CheckpointSigner signer;
    List<AuditRecord> records;
    Path file;

    @BeforeEach
    void writeLog() {
        data = dir.resolve("data");
        file = dir.resolve("anchors.jsonl");
        signer = EmbeddedKeys.signer(data);
        try (JdbcAuditLog log = JdbcAuditLog.openEmbedded(data, signer, AuditLogOptions.defaults()
                .withCheckpointInterval(10).withCheckpointPeriod(Duration.ZERO), AnchorPublisher.none())) {
            records = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                records.add(log.append(TestEvents.event(i)));
            }
        }
    }

    private String anchorLine(CheckpointSigner by, int sequence, String hash) {
        return AnchorLines.format(by.sign(sequence, hash, Instant.parse("2026-01-01T00:00:00Z")).anchor());
    }

    private String genuine(int sequence) {
        return anchorLine(signer, sequence, records.get(sequence - 1).hash());
    }

    private AuditReport verifyWith(String... lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n");
        return AuditVerifier.ofEmbedded(data, 10).withAnchors(FileWitness.read(file)).report();
    }

    @Test
    void garbageLinesAreWarnedAboutAndTheGenuineAnchorsStillCount() throws Exception {
        AuditReport report = verifyWith("not json", "{\"sequence\":5}", genuine(10), "{]", "x".repeat(100_000),
                "{\"hash\":1,\"keyId\":\"k\",\"sequence\":3,\"signature\":\"s\",\"time\":\"t\"}", genuine(20));

        assertThat(report.verification()).isEqualTo(new AuditVerification.Intact(20, 2));
        assertThat(report.lastAnchor()).isEqualTo(20);
        assertThat(report.anchorWarnings()).hasSize(5).allSatisfy(w -> assertThat(w).contains("is not an anchor"));
        assertThat(report.anchorWarnings().get(3)).contains("longer than 4096");
    }

    @Test
    void bytesThatAreNotUtf8OnlySpoilTheirOwnLine() throws Exception {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'};
        Files.write(file, garbage);
        Files.writeString(file, genuine(20) + "\n", java.nio.file.StandardOpenOption.APPEND);

        AnchorSet set = FileWitness.read(file);

        assertThat(set.anchors()).extracting(Checkpoint::sequence).containsExactly(20L);
        assertThat(set.warnings()).singleElement().asString().contains("line 1");
    }

    @Test
    void reorderedAnchorsAreWarnedAboutButStillChecked() throws Exception {
        AuditReport report = verifyWith(genuine(20), genuine(10));

        assertThat(report.verification().intact()).isTrue();
        assertThat(report.anchorsMatched()).isEqualTo(2);
        assertThat(report.anchorWarnings()).singleElement().asString().contains("reordered");
    }

    @Test
    void anAnchorForgedWithAnotherKeyFailsVerification() throws Exception {
        AuditReport report = verifyWith(genuine(10),
                anchorLine(CheckpointSigner.generate(), 20, records.get(19).hash()));

        assertThat(report.intact()).isFalse();
        assertThat(report.verification()).isInstanceOf(AuditVerification.Broken.class);
        assertThat(report.anchorFailures()).singleElement().asString().contains("record 20")
                .contains("not signed by a trusted key");
    }

    @Test
    void anAnchorWhoseSignedFieldsWereAlteredFailsVerification() throws Exception {
        String altered = genuine(10).replace("\"sequence\":10", "\"sequence\":11");

        AuditReport report = verifyWith(altered);

        assertThat(report.anchorFailures()).singleElement().asString().contains("record 11");
    }

    @Test
    void aTrustedAnchorForAHashTheLogNeverHadBreaksIt() throws Exception {
        AuditReport report = verifyWith(anchorLine(signer, 10, "ab".repeat(32)));

        assertThat(report.verification()).isInstanceOf(AuditVerification.Broken.class);
        assertThat(((AuditVerification.Broken) report.verification()).sequence()).isEqualTo(10);
    }

    @Test
    void anEmptyWitnessAnchorsNothing() throws Exception {
        Files.writeString(file, "");

        AuditReport report = AuditVerifier.ofEmbedded(data, 10).withAnchors(FileWitness.read(file)).report();

        assertThat(report.verification().intact()).isTrue();
        assertThat(report.unanchored()).isEqualTo(20);
        assertThat(String.join("\n", report.describe())).contains("UNANCHORED TAIL: 20 records (1 to 20)");
    }

    @Test
    void aMissingOrUnreachableSourceIsAFailureNotACrash() {
        AuditReport missingFile = AuditVerifier.ofEmbedded(data, 10)
                .withAnchors(AnchorSet.from(dir.resolve("nowhere.jsonl").toString(), new Properties())).report();
        AuditReport badDatabase = AuditVerifier.ofEmbedded(data, 10)
                .withAnchors(AnchorSet.from("jdbc:sqlite:" + dir.resolve("empty.db"), new Properties())).report();

        assertThat(missingFile.intact()).isFalse();
        assertThat(missingFile.anchorFailures()).singleElement().asString().contains("cannot read anchors");
        assertThat(badDatabase.intact()).isFalse();
        assertThat(badDatabase.anchorFailures()).singleElement().asString().contains("cannot read anchors");
    }

    @Test
    void aFileWitnessClosesALineLeftIncompleteByACrash() throws Exception {
        Files.writeString(file, genuine(10) + "\n" + "{\"sequence\":2", StandardCharsets.UTF_8);
        try (FileWitness witness = FileWitness.open(file)) {
            witness.publish(signer.sign(20, records.get(19).hash(), Instant.now()).anchor());
        }

        AnchorSet set = FileWitness.read(file);

        assertThat(set.anchors()).extracting(Checkpoint::sequence).containsExactly(10L, 20L);
        assertThat(set.warnings()).singleElement().asString().contains("line 2");
    }
}
