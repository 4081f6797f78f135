package dev.bulwark.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointSignerTest {
    private static final String HASH = "ab".repeat(32);

    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyKeyFileOnFirstUseAndLoadsTheSameKeyAfterwards() throws Exception {
        Path file = dir.resolve("keys").resolve("audit-signing.key");

        CheckpointSigner created = CheckpointSigner.loadOrCreate(file);
        CheckpointSigner loaded = CheckpointSigner.loadOrCreate(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(loaded.keyId()).isEqualTo(created.keyId()).hasSize(16);
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
        Checkpoint checkpoint = created.sign(7, HASH, Instant.now());
        assertThat(TrustedKeys.fromKeyFile(file).signed(checkpoint)).isTrue();
    }

    @Test
    void keepsTheFirstKeyWhenTheFileAlreadyExists() throws Exception {
        Path file = dir.resolve("audit-signing.key");
        CheckpointSigner first = CheckpointSigner.loadOrCreate(file);
        String before = Files.readString(file);

        CheckpointSigner.loadOrCreate(file);

        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(CheckpointSigner.loadOrCreate(file).keyId()).isEqualTo(first.keyId());
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers).containsExactly(file); // no temporary files left behind
        }
    }

    @Test
    void concurrentFirstUsesAllEndUpWithTheKeyOnDisk() throws Exception {
        Path file = dir.resolve("raced.key");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        var start = new java.util.concurrent.CountDownLatch(1);
        var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
        for (int i = 0; i < 8; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return CheckpointSigner.loadOrCreate(file).keyId();
            }));
        }
        start.countDown();
        var ids = new java.util.HashSet<String>();
        for (var f : futures) {
            ids.add(f.get());
        }
        pool.shutdown();

        assertThat(ids).containsExactly(CheckpointSigner.loadOrCreate(file).keyId());
    }

    @Test
    void refusesAKeyFileOthersCanRead() throws Exception {
        Path file = dir.resolve("audit-signing.key");
        CheckpointSigner.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> CheckpointSigner.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chmod 600");
    }

    @Test
    void refusesACorruptKeyFile() throws Exception {
        Path file = dir.resolve("audit-signing.key");
        Files.writeString(file, "algorithm=Ed25519\nprivate=AAAA\npublic=AAAA\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> CheckpointSigner.loadOrCreate(file)).hasMessageContaining("corrupt key file");
    }

    @Test
    void refusesAKeyFileWhosePublicKeyIsNotItsPrivateKeys() throws Exception {
        Path a = dir.resolve("a.key");
        Path b = dir.resolve("b.key");
        CheckpointSigner.loadOrCreate(a);
        CheckpointSigner.loadOrCreate(b);
        String publicOfB = Files.readAllLines(b).stream().filter(l -> l.startsWith("public=")).findFirst().orElseThrow();
        String mixed = Files.readAllLines(a).stream().map(l -> l.startsWith("public=") ? publicOfB : l)
                .reduce("", (x, y) -> x + y + "\n");
        Files.writeString(a, mixed);

        assertThatThrownBy(() -> CheckpointSigner.loadOrCreate(a)).hasMessageContaining("do not belong together");
    }

    @Test
    void exportedPemIsTrustedAndOnlyItsKeyVerifies() {
        CheckpointSigner signer = CheckpointSigner.generate();
        CheckpointSigner stranger = CheckpointSigner.generate();
        TrustedKeys trusted = TrustedKeys.fromPem("comment\n" + signer.publicKeyPem() + stranger.publicKeyPem());

        assertThat(trusted.size()).isEqualTo(2);
        assertThat(trusted.signed(signer.sign(1, HASH, Instant.now()))).isTrue();
        assertThat(TrustedKeys.fromPem(signer.publicKeyPem()).signed(stranger.sign(1, HASH, Instant.now())))
                .isFalse();
    }

    @Test
    void aSignatureCoversEveryCheckpointField() {
        CheckpointSigner signer = CheckpointSigner.generate();
        TrustedKeys trusted = TrustedKeys.of(signer.publicKey());
        Checkpoint c = signer.sign(5, HASH, Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(trusted.signed(c)).isTrue();
        assertThat(trusted.signed(new Checkpoint(6, c.hash(), c.time(), c.keyId(), c.signature()))).isFalse();
        assertThat(trusted.signed(new Checkpoint(5, "cd".repeat(32), c.time(), c.keyId(), c.signature()))).isFalse();
        assertThat(trusted.signed(new Checkpoint(5, c.hash(), c.time().plusMillis(1), c.keyId(), c.signature())))
                .isFalse();
        assertThat(trusted.signed(new Checkpoint(5, c.hash(), c.time(), c.keyId(), "not base64!"))).isFalse();
    }

    @Test
    void refusesKeysThatAreNotEd25519OrNotPem() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        assertThatThrownBy(() -> TrustedKeys.of(rsa)).hasMessageContaining("Ed25519");
        var ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPublic();
        assertThatThrownBy(() -> TrustedKeys.of(ed448)).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> TrustedKeys.fromPem("nothing here")).hasMessageContaining("no -----BEGIN");
        assertThatThrownBy(() -> TrustedKeys.fromPem(TrustedKeys.toPem(rsa)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpointRefusesMalformedFields() {
        Instant now = Instant.now();
        assertThatThrownBy(() -> new Checkpoint(0, HASH, now, "k", "s")).hasMessageContaining("starts at 1");
        assertThatThrownBy(() -> new Checkpoint(1, "ABC", now, "k", "s")).hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> new Checkpoint(1, HASH, now, " ", "s")).hasMessageContaining("keyId");
    }

    /** Stands in for a PKCS#11 token or a KMS: the private key never leaves it, only sign() and the public key do. */
    private static final class DeviceSigner implements dev.bulwark.spi.audit.AuditSigner {
        private final java.security.KeyPair pair;
        int signatures;

        DeviceSigner(java.security.KeyPair pair) {
            this.pair = pair;
        }

        @Override
        public java.security.PublicKey publicKey() {
            return pair.getPublic();
        }

        @Override
        public byte[] sign(byte[] payload) {
            signatures++;
            try {
                java.security.Signature s = java.security.Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update(payload);
                return s.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new dev.bulwark.spi.audit.AuditException("device error", e);
            }
        }
    }

    @Test
    void anySignerThroughTheSpiSignsCheckpointsThatVerifyUnderItsPublicKey() throws Exception {
        DeviceSigner device = new DeviceSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        CheckpointSigner signer = CheckpointSigner.using(device);

        Checkpoint c = signer.sign(9, HASH, Instant.now());

        assertThat(TrustedKeys.of(device.publicKey()).signed(c)).isTrue();
        assertThat(device.signatures).as("one probe when taken into use, one checkpoint").isEqualTo(2);
    }

    @Test
    void aSignerWhoseSignaturesDoNotMatchItsPublicKeyIsRefusedAtOnce() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DeviceSigner mismatched = new DeviceSigner(new java.security.KeyPair(other.getPublic(), pair.getPrivate()));
        DeviceSigner rsa = new DeviceSigner(KeyPairGenerator.getInstance("RSA").generateKeyPair());

        assertThatThrownBy(() -> CheckpointSigner.using(mismatched)).hasMessageContaining("do not belong together");
        assertThatThrownBy(() -> CheckpointSigner.using(rsa)).hasMessageContaining("Ed25519");
    }

    @Test
    void aKeyGivenAsTextWorksLikeTheKeyFileAndErrorsNeverQuoteIt() throws Exception {
        Path file = dir.resolve("audit-signing.key");
        CheckpointSigner fromFile = CheckpointSigner.loadOrCreate(file);
        String text = Files.readString(file);

        assertThat(CheckpointSigner.fromText(text, "environment variable K").keyId()).isEqualTo(fromFile.keyId());
        String broken = text.replaceAll("private=.*", "private=QUJD");
        assertThatThrownBy(() -> CheckpointSigner.fromText(broken, "environment variable K"))
                .hasMessageContaining("environment variable K").hasMessageNotContaining("QUJD");
    }
}
