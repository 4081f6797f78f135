package dev.bulwark.server.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data directory and its private {@code keys/} folder. */
final class DataDirectory {
    private DataDirectory() {}

    /** Creates the directory tree if needed and returns the keys folder, readable by the owner only. */
    static Path prepare(Path dataDir) {
        Path keys = dataDir.resolve("keys");
        Gateway.createDirectories(keys);
        try {
            Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system: the key files themselves still carry what protection it offers.
        }
        return keys;
    }

    /** Writes a file only its owner can read. */
    static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content);
    }
}
