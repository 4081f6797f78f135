package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * The Ed25519 key that signs checkpoints, kept in a key file (created on first use, owner-only permissions where the
 * file system has POSIX permissions). Give the public key ({@link #publicKeyPem()}) to whoever verifies the log.
 */
public final class CheckpointSigner {
    static final String ALGORITHM = "Ed25519";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private CheckpointSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = TrustedKeys.keyIdOf(publicKey);
    }

    /** A signer with a fresh key that is kept nowhere (tests, throw-away logs). */
    public static CheckpointSigner generate() {
        KeyPair pair = newKeyPair();
        return new CheckpointSigner(pair.getPrivate(), pair.getPublic());
    }

    /**
     * Loads the key file, or creates it with a new key when it does not exist.
     *
     * @throws IllegalStateException when the file cannot be read or written, is not a key file, or can be read by
     *                               others than its owner
     */
    public static CheckpointSigner loadOrCreate(Path keyFile) {
        Checks.present(keyFile, "keyFile");
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return load(keyFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use audit signing key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key as a PEM block ({@code -----BEGIN PUBLIC KEY-----}), readable by {@link TrustedKeys#fromPem}. */
    public String publicKeyPem() {
        return TrustedKeys.toPem(publicKey);
    }

    /** Signs that record {@code sequence} has {@code hash}, now. */
    Checkpoint sign(long sequence, String hash, Instant now) {
        Instant time = now.truncatedTo(ChronoUnit.MICROS);
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(Checkpoint.payload(sequence, hash, time, keyId));
            return new Checkpoint(sequence, hash, time, keyId, Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign audit checkpoint: " + e.getMessage(), e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        KeyPair pair = newKeyPair();
        Properties props = new Properties();
        props.setProperty("algorithm", ALGORITHM);
        props.setProperty("private", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        props.setProperty("public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = posix(dir)
                ? Files.createTempFile(dir, ".audit-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".audit-key", ".tmp");
        try {
            try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                props.store(out, "Bulwark audit checkpoint signing key. Secret: whoever holds it can forge checkpoints.");
            }
            // a hard link appears complete and fails if another process created the file first (rename would
            // silently replace it, leaving that process signing with a key no longer on disk); its key then wins
            try {
                Files.createLink(keyFile, temp);
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temp, keyFile);
            }
        } catch (FileAlreadyExistsException e) {
            // lost the race to another process: use its key
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static CheckpointSigner load(Path keyFile) throws IOException {
        if (posix(keyFile)) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(perms)) {
                throw new IOException("key file must be readable by its owner only (chmod 600), has "
                        + PosixFilePermissions.toString(perms));
            }
        }
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(keyFile, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        if (!ALGORITHM.equals(props.getProperty("algorithm"))) {
            throw new IOException("not an Ed25519 audit key file");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(
                    new PKCS8EncodedKeySpec(decode(props, "private")));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(props, "public")));
            CheckpointSigner signer = new CheckpointSigner(privateKey, publicKey);
            signer.checkPairMatches();
            return signer;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("corrupt key file: " + e.getMessage(), e);
        }
    }

    private static byte[] decode(Properties props, String name) throws IOException {
        String value = props.getProperty(name);
        if (value == null) {
            throw new IOException("key file has no '" + name + "' entry");
        }
        return Base64.getDecoder().decode(value.trim());
    }

    private void checkPairMatches() throws GeneralSecurityException {
        byte[] probe = "bulwark key pair check".getBytes(StandardCharsets.UTF_8);
        Signature signature = Signature.getInstance(ALGORITHM);
        signature.initSign(privateKey);
        signature.update(probe);
        byte[] signed = signature.sign();
        signature.initVerify(publicKey);
        signature.update(probe);
        if (!signature.verify(signed)) {
            throw new GeneralSecurityException("private and public key do not belong together");
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }
}
