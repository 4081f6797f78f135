package dev.bulwark.audit;

import dev.bulwark.spi.audit.AuditException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an embedded data directory keeps its checkpoint key: {@code keys/audit-signing.key}, in the owner-only keys
 * folder beside the other key files, not beside {@code audit.db}. Older versions kept it at
 * {@code audit-signing.key} in the data directory itself; such a key is moved into {@code keys/} on first use (the
 * same key, so old checkpoints keep verifying), and verifiers trust a key still found at the old place.
 *
 * <p>Either place is inside the data directory: whoever can write the directory can replace the key and re-sign a
 * rewritten log. Keep the key elsewhere ({@code audit.signingKeyFile}, {@code audit.signingKeyEnv}, or a hardware
 * signer) and anchor the log at a witness to defend against that.
 */
public final class EmbeddedKeys {
    private static final System.Logger LOG = System.getLogger("dev.bulwark.audit");

    private EmbeddedKeys() {}

    /** {@code <dataDirectory>/keys/audit-signing.key}. */
    public static Path keyFile(Path dataDirectory) {
        return dataDirectory.resolve("keys").resolve(JdbcAuditLog.KEY_FILE);
    }

    /** {@code <dataDirectory>/audit-signing.key}, where versions before witnesses kept it. */
    public static Path legacyKeyFile(Path dataDirectory) {
        return dataDirectory.resolve(JdbcAuditLog.KEY_FILE);
    }

    /**
     * The signer of an embedded data directory, moving a key from the old place first.
     *
     * @throws AuditException when the key cannot be moved, read or created
     */
    public static CheckpointSigner signer(Path dataDirectory) {
        Path key = keyFile(dataDirectory);
        migrate(dataDirectory);
        try {
            return CheckpointSigner.loadOrCreate(key);
        } catch (IllegalStateException e) {
            throw new AuditException(e.getMessage(), e);
        }
    }

    /** Moves a key at the old place into {@code keys/} unless a key is there already. */
    static void migrate(Path dataDirectory) {
        Path legacy = legacyKeyFile(dataDirectory);
        Path key = keyFile(dataDirectory);
        if (!Files.exists(legacy) || Files.exists(key)) {
            if (Files.exists(legacy)) {
                LOG.log(System.Logger.Level.WARNING, "two audit signing keys: " + key + " is used; " + legacy
                        + " (the old place) is only trusted when verifying");
            }
            return;
        }
        try {
            Path keys = key.getParent();
            if (!Files.isDirectory(keys)) {
                Files.createDirectories(keys);
                try {
                    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the key file's own permissions still apply
                }
            }
            Files.move(legacy, key, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(System.Logger.Level.INFO, "moved the audit signing key from " + legacy + " to " + key);
        } catch (FileAlreadyExistsException e) {
            // another process moved or created it first: use that key
        } catch (IOException e) {
            throw new AuditException("cannot move the audit signing key from " + legacy + " to " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The public keys of the data directory's key files at both places.
     *
     * @throws IllegalArgumentException when neither exists or one is not a key file
     */
    public static TrustedKeys trusted(Path dataDirectory) {
        List<Path> found = new ArrayList<>();
        for (Path p : List.of(keyFile(dataDirectory), legacyKeyFile(dataDirectory))) {
            if (Files.exists(p)) {
                found.add(p);
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no audit signing key at " + keyFile(dataDirectory) + " (nor at "
                    + legacyKeyFile(dataDirectory) + "): pass the public key with --public-key");
        }
        TrustedKeys keys = TrustedKeys.fromKeyFile(found.getFirst());
        for (Path p : found.subList(1, found.size())) {
            keys = keys.and(TrustedKeys.fromKeyFile(p));
        }
        return keys;
    }
}
