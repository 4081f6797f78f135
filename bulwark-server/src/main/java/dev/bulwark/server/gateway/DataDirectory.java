package dev.bulwark.server.gateway;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory: owner-only throughout. The directory and every directory in it are {@code rwx------}, every
 * file {@code rw-------} or tighter, nothing in it grants a group or other user anything (databases with their {@code -wal}/{@code -shm}/{@code -journal} files, the documents
 * index, keys, policies, credentials). Java cannot set a umask, so files that libraries create (SQLite, Lucene)
 * are tightened by {@link #sweep} right after they are opened and periodically; the directory's own mode already
 * keeps other users out in between. Where the file system has no POSIX permissions, a warning says so once.
 */
public final class DataDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private DataDirectory() {}

    /**
     * Creates the directory tree if needed, tightens it (logging a directory that was open to others) and returns the
     * keys folder.
     */
    public static Path prepare(Path dataDir) {
        boolean existed = Files.isDirectory(dataDir);
        Gateway.createDirectories(dataDir);
        if (existed && openToOthers(dataDir)) {
            LOG.warn("data directory {} was readable by other users; restricting it to its owner", dataDir);
        }
        Path keys = dataDir.resolve("keys");
        Gateway.createDirectories(keys);
        sweep(dataDir);
        return keys;
    }

    /** Restricts the directory tree to its owner; returns how many entries it had to tighten. Never follows links. */
    public static int sweep(Path dataDir) {
        int[] tightened = {0};
        try {
            Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    tightened[0] += restrict(dir) ? 1 : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        tightened[0] += restrict(file) ? 1 : 0;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file a library removed while we walked (a rolled-over journal) needs nothing.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedUnsupported e) {
            warnUnsupported(dataDir, e);
        }
        if (tightened[0] > 0) {
            LOG.info("restricted {} entries of {} to their owner", tightened[0], dataDir);
        }
        return tightened[0];
    }

    /** Writes a file only its owner can read. */
    static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
            warnUnsupported(file, e);
        }
        Files.writeString(file, content);
    }

    private static boolean openToOthers(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        try {
            return view != null && view.readAttributes().permissions().stream().anyMatch(GROUP_OR_OTHER::contains);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes every group and other permission, leaving the owner's as they are (a directory stays traversable, an
     * executable stays executable); {@code true} when it changed anything.
     */
    private static boolean restrict(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            throw new UncheckedUnsupported();
        }
        try {
            Set<PosixFilePermission> now = view.readAttributes().permissions();
            if (now.stream().noneMatch(GROUP_OR_OTHER::contains)) {
                return false;
            }
            Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
            owner.addAll(now);
            owner.removeAll(GROUP_OR_OTHER);
            view.setPermissions(owner);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            LOG.warn("cannot restrict {} to its owner: {}", path, e.toString());
            return false;
        }
    }

    private static void warnUnsupported(Path path, Exception e) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("{} is on a file system without POSIX permissions ({}): data files are not restricted to their"
                    + " owner by Bulwark; protect the directory by other means", path, e.toString());
        }
    }

    /** The file system has no POSIX view; ends the walk. */
    private static final class UncheckedUnsupported extends RuntimeException {
        UncheckedUnsupported() {
            super("no POSIX permissions", null, false, false);
        }
    }
}
