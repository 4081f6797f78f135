package dev.bulwark.audit;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.audit.AuditException;
import dev.bulwark.spi.audit.AuditSigner;
import java.io.IOException;
import java.io.StringReader;
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
import java.util.Base64;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * An Ed25519 key held in memory, read from a key file (created on first use, owner-only permissions where the file
 * system has POSIX permissions) or from the same text in an environment variable. The text is a properties file with
 * {@code algorithm=Ed25519}, {@code private} (base64 PKCS#8) and {@code public} (base64 X.509).
 */
public final class KeyFileSigner implements AuditSigner {
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private KeyFileSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key kept nowhere (tests, throw-away logs). */
    static KeyFileSigner generate() {
        KeyPair pair = newKeyPair();
        return new KeyFileSigner(pair.getPrivate(), pair.getPublic());
    }

    /**
     * Loads the key file, or creates it with a new key when it does not exist.
     *
     * @throws IllegalStateException when the file cannot be read or written, is not a key file, or can be read by
     *                               others than its owner
     */
    public static KeyFileSigner loadOrCreate(Path keyFile) {
        Checks.present(keyFile, "keyFile");
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            if (posix(keyFile)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
                if (!OWNER_ONLY.containsAll(perms)) {
                    throw new IOException("key file must be readable by its owner only (chmod 600), has "
                            + PosixFilePermissions.toString(perms));
                }
            }
            return parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot use audit signing key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a key from key-file text, e.g. the value of an environment variable.
     *
     * @throws IllegalStateException when the text is not a matching Ed25519 key pair; the message never quotes it
     */
    public static KeyFileSigner fromText(String text, String source) {
        try {
            return parse(Checks.present(text, "text"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot use audit signing key from " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    @Override
    public byte[] sign(byte[] payload) {
        try {
            Signature signature = Signature.getInstance(CheckpointSigner.ALGORITHM);
            signature.initSign(privateKey);
            signature.update(payload);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new AuditException("cannot sign audit checkpoint: " + e.getMessage(), e);
        }
    }

    /** The key-file text of this key (secret). */
    String text() throws IOException {
        Properties props = new Properties();
        props.setProperty("algorithm", CheckpointSigner.ALGORITHM);
        props.setProperty("private", Base64.getEncoder().encodeToString(privateKey.getEncoded()));
        props.setProperty("public", Base64.getEncoder().encodeToString(publicKey.getEncoded()));
        var out = new java.io.StringWriter();
        props.store(out, "Bulwark audit checkpoint signing key. Secret: whoever holds it can forge checkpoints.");
        return out.toString();
    }

    private static void create(Path keyFile) throws IOException {
        String text = generate().text();
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = posix(dir)
                ? Files.createTempFile(dir, ".audit-key", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".audit-key", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
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

    private static KeyFileSigner parse(String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        if (!CheckpointSigner.ALGORITHM.equals(props.getProperty("algorithm"))) {
            throw new IOException("not an Ed25519 audit key file");
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(CheckpointSigner.ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(decode(props, "private")));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(decode(props, "public")));
            return new KeyFileSigner(privateKey, publicKey);
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

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance(CheckpointSigner.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every JDK 15+", e);
        }
    }
}
