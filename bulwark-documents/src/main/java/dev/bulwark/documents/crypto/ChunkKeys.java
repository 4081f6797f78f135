package dev.bulwark.documents.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Set;

/**
 * The AES-256-GCM key set that seals chunk payloads, stored as a Tink JSON key set file. Rotation adds a new primary
 * key; older keys stay in the set so existing ciphertexts still decrypt until they are re-encrypted. Every ciphertext
 * starts with Tink's 5-byte prefix naming the key that made it.
 *
 * <p>The file holds cleartext key material and must be readable by its owner only: opening refuses a file that the
 * group or others can read (on file systems with POSIX permissions).
 */
public final class ChunkKeys {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private volatile State state;

    private record State(KeysetHandle handle, Aead aead, int primaryKeyId) {
        static State of(KeysetHandle handle) throws GeneralSecurityException {
            return new State(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    handle.getPrimary().getId());
        }
    }

    private ChunkKeys(Path file, State state) {
        this.file = file;
        this.state = state;
    }

    /** Opens the key set file, creating it with one fresh key (mode 600) when it does not exist. */
    public static ChunkKeys openOrCreate(Path keysetFile) throws IOException {
        try {
            if (Files.exists(keysetFile)) {
                requireOwnerOnly(keysetFile);
                String json = Files.readString(keysetFile, StandardCharsets.UTF_8);
                return new ChunkKeys(keysetFile, State.of(
                        TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get())));
            }
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(keysetFile, handle);
            return new ChunkKeys(keysetFile, State.of(handle));
        } catch (GeneralSecurityException e) {
            throw new IOException("the key set file " + keysetFile + " is not a valid Tink AEAD key set", e);
        }
    }

    /** Adds a new AES-256-GCM key, makes it primary and saves the key set; returns the new key's id. */
    public synchronized int rotate() throws IOException {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(state.handle())
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            write(file, rotated);
            state = State.of(rotated);
            return state.primaryKeyId();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot rotate the chunk key set", e);
        }
    }

    public int primaryKeyId() {
        return state.primaryKeyId();
    }

    public int keyCount() {
        return state.handle().size();
    }

    /** The id of the key that produced a ciphertext, read from its Tink prefix; -1 when there is no valid prefix. */
    public static int keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != 0x01) {
            return -1;
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
        try {
            return state.aead().encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws ChunkDecryptionException {
        try {
            return state.aead().decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new ChunkDecryptionException("ciphertext failed authentication (corrupted, tampered with or "
                    + "encrypted under a key not in the key set)", e);
        }
    }

    private static void requireOwnerOnly(Path keysetFile) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keysetFile);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IOException("the key set file " + keysetFile + " is readable or writable by others ("
                    + PosixFilePermissions.toString(permissions) + "); run chmod 600 on it");
        }
    }

    /** Writes to a private temporary file and moves it into place, so a crash never leaves a half-written key set. */
    private static void write(Path keysetFile, KeysetHandle handle) throws IOException, GeneralSecurityException {
        Path absolute = keysetFile.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.writeString(temporary, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                StandardCharsets.UTF_8);
        try {
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
