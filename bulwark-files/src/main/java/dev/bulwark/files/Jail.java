package dev.bulwark.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * File access confined to one root directory, race-free against symlinks.
 *
 * <p>Method: the root is opened as a directory handle ({@link SecureDirectoryStream}, which the JDK implements on
 * Linux and macOS with {@code openat}/{@code fstatat}/{@code renameat} on a held directory descriptor). Each path
 * component is opened relative to its parent's handle with {@link LinkOption#NOFOLLOW_LINKS} ({@code O_NOFOLLOW}),
 * so a symlink anywhere in the path fails to open, and a directory renamed or replaced by a symlink after it was
 * opened changes nothing: the walk goes on inside the handle already held. Nothing is resolved by path string after
 * the root, so {@code ..}, absolute symlink targets and {@code /proc/self/root} have nothing to act on.
 *
 * <p>Limits on the JVM: there is no {@code fstat} of an opened file, so a file's type, link count and identity are
 * checked by name before and after opening it (equal file keys required); a local user who can write into the root
 * could swap a FIFO in between the check and the open and make the open block. Link counts are read through the
 * root's path (the JDK's directory handles have no {@code unix:nlink}) and tied to the opened file by its file key.
 * Where the platform has no {@code SecureDirectoryStream}, the jail refuses to start.
 */
final class Jail {
    /** Called between the steps of an access, so tests can race it; a no-op in production. */
    interface Pause {
        Pause NONE = stage -> { };

        void at(String stage) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final FileRoot root;
    private final Path directory;
    private final FileLimits limits;
    private final Pause pause;

    Jail(FileRoot root, FileLimits limits, Pause pause) throws IOException {
        this.root = root;
        this.directory = root.directory().toRealPath();
        this.limits = limits;
        this.pause = pause;
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("file root " + root.name() + " is not a directory: " + directory);
        }
        try (DirectoryStream<Path> probe = Files.newDirectoryStream(directory)) {
            if (!(probe instanceof SecureDirectoryStream)) {
                throw new IOException("this platform offers no SecureDirectoryStream (openat); the file connector "
                        + "cannot confine paths safely and is disabled");
            }
        }
    }

    FileRoot root() {
        return root;
    }

    /** A file's contents, at most {@code maxReadBytes}. */
    ReadFile read(RelativePath path) throws FileRefusedException, IOException {
        if (path.isRoot()) {
            throw new FileRefusedException("give the path of a file");
        }
        try (SecureDirectoryStream<Path> dir = walk(path.parents())) {
            Path name = Path.of(path.name());
            BasicFileAttributes before = regularFile(dir, path.name());
            pause.at("checked");
            try (SeekableByteChannel channel = BoundedOpen.forReading(dir, name)) {
                BasicFileAttributes after = regularFile(dir, path.name());
                if (!after.fileKey().equals(before.fileKey())) {
                    throw new FileRefusedException("the file changed while it was opened");
                }
                requireSingleLink(path, after);
                int cap = limits.maxReadBytes();
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(cap + 1L, Math.max(after.size() + 1, 1)));
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    if (!buffer.hasRemaining() && buffer.capacity() <= cap) {
                        buffer = grow(buffer, cap + 1);
                    }
                }
                buffer.flip();
                boolean truncated = buffer.remaining() > cap;
                byte[] bytes = new byte[Math.min(buffer.remaining(), cap)];
                buffer.get(bytes);
                return new ReadFile(bytes, truncated);
            }
        }
    }

    /** The entries of a directory: name, type, size; at most {@code maxListEntries}. */
    Listing list(RelativePath path) throws FileRefusedException, IOException {
        try (SecureDirectoryStream<Path> dir = walk(path.components());
             SecureDirectoryStream<Path> entries = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            List<Listing.Entry> out = new ArrayList<>();
            int total = 0;
            for (Path entry : entries) {
                total++;
                if (out.size() >= limits.maxListEntries()) {
                    continue;
                }
                String name = entry.getFileName().toString();
                BasicFileAttributes attrs = dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS).readAttributes();
                String type = attrs.isSymbolicLink() ? "symlink" : attrs.isDirectory() ? "directory"
                        : attrs.isRegularFile() ? "file" : "other";
                out.add(new Listing.Entry(name, type, attrs.isRegularFile() ? attrs.size() : 0));
            }
            out.sort(java.util.Comparator.comparing(Listing.Entry::name));
            return new Listing(out, total);
        }
    }

    /**
     * Writes a file: a new one with {@code O_CREAT|O_EXCL} (never follows or reuses an existing name); with
     * {@code overwrite}, a temporary file in the same directory renamed over the old one, so an existing file's inode
     * (and any hard link to it) is never written into.
     */
    void write(RelativePath path, byte[] content, boolean overwrite) throws FileRefusedException, IOException {
        if (!root.writable()) {
            throw new FileRefusedException("the root '" + root.name() + "' is read-only");
        }
        if (path.isRoot()) {
            throw new FileRefusedException("give the path of a file");
        }
        if (content.length > limits.maxWriteBytes()) {
            throw new FileRefusedException("the content is larger than " + limits.maxWriteBytes() + " bytes");
        }
        try (SecureDirectoryStream<Path> dir = walk(path.parents())) {
            Path name = Path.of(path.name());
            BasicFileAttributes existing = attributes(dir, path.name());
            if (existing != null) {
                if (!overwrite) {
                    throw new FileRefusedException("the file exists; set overwrite to replace it");
                }
                if (!existing.isRegularFile()) {
                    throw new FileRefusedException("the path is not a regular file (symlink, directory or device)");
                }
                requireSingleLink(path, existing);
            }
            pause.at("checked");
            if (existing == null) {
                writeNew(dir, name, content);
                return;
            }
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            Path temp = Path.of(".bulwark-" + HexFormat.of().formatHex(random) + ".tmp");
            writeNew(dir, temp, content);
            try {
                dir.move(temp, dir, name);
            } catch (IOException e) {
                dir.deleteFile(temp);
                throw e;
            }
        }
    }

    private static void writeNew(SecureDirectoryStream<Path> dir, Path name, byte[] content)
            throws FileRefusedException, IOException {
        SeekableByteChannel channel;
        try {
            channel = dir.newByteChannel(name, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-r-----")));
        } catch (FileAlreadyExistsException e) {
            throw new FileRefusedException("the file exists; set overwrite to replace it");
        }
        try (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (channel instanceof java.nio.channels.FileChannel file) {
                file.force(true);
            }
        } catch (IOException e) {
            dir.deleteFile(name);
            throw e;
        }
    }

    /** Opens the root, then each component relative to its parent, never following a symlink. */
    private SecureDirectoryStream<Path> walk(List<String> components) throws FileRefusedException, IOException {
        SecureDirectoryStream<Path> dir = (SecureDirectoryStream<Path>) Files.newDirectoryStream(directory);
        try {
            for (String component : components) {
                BasicFileAttributes attrs = attributes(dir, component);
                if (attrs == null) {
                    throw new FileRefusedException("no such directory: " + component);
                }
                if (attrs.isSymbolicLink()) {
                    throw new FileRefusedException("symlinks are not followed: " + component);
                }
                if (!attrs.isDirectory()) {
                    throw new FileRefusedException("not a directory: " + component);
                }
                requireExactCase(dir, component, attrs);
                SecureDirectoryStream<Path> next;
                try {
                    next = dir.newDirectoryStream(Path.of(component), LinkOption.NOFOLLOW_LINKS);
                } catch (FileSystemLoopException | NotDirectoryException e) {
                    throw new FileRefusedException("symlinks are not followed: " + component);
                } catch (IOException e) {
                    if (isLoop(e)) {
                        throw new FileRefusedException("symlinks are not followed: " + component);
                    }
                    throw e;
                }
                dir.close();
                dir = next;
                pause.at("opened " + component);
            }
            pause.at("walked");
            return dir;
        } catch (FileRefusedException | IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /**
     * On a directory that folds case (ext4 casefold, macOS, Windows shares) {@code SECRET} opens {@code secret}; a
     * policy written on the canonical spelling would then be bypassed. Where the other-case spelling names the same
     * file, the exact spelling must be an entry of the directory.
     */
    private static void requireExactCase(SecureDirectoryStream<Path> dir, String name, BasicFileAttributes attrs)
            throws FileRefusedException, IOException {
        String other = name.toUpperCase(Locale.ROOT).equals(name) ? name.toLowerCase(Locale.ROOT)
                : name.toUpperCase(Locale.ROOT);
        if (other.equals(name)) {
            return;
        }
        BasicFileAttributes folded = attributes(dir, other);
        if (folded == null || !folded.fileKey().equals(attrs.fileKey())) {
            return;
        }
        try (SecureDirectoryStream<Path> entries = dir.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().equals(name)) {
                    return;
                }
            }
        }
        throw new FileRefusedException("the path differs in case from the name on disk: " + name);
    }

    private BasicFileAttributes regularFile(SecureDirectoryStream<Path> dir, String name)
            throws FileRefusedException, IOException {
        BasicFileAttributes attrs = attributes(dir, name);
        if (attrs == null) {
            throw new FileRefusedException("no such file: " + name);
        }
        if (attrs.isSymbolicLink()) {
            throw new FileRefusedException("symlinks are not followed: " + name);
        }
        if (!attrs.isRegularFile()) {
            throw new FileRefusedException("not a regular file: " + name);
        }
        requireExactCase(dir, name, attrs);
        return attrs;
    }

    /** Refuses a file with more than one name: a hard link can make a file outside the root readable from inside. */
    private void requireSingleLink(RelativePath path, BasicFileAttributes opened) throws FileRefusedException,
            IOException {
        Map<String, Object> unix = Files.readAttributes(directory.resolve(path.toString()), "unix:*",
                LinkOption.NOFOLLOW_LINKS);
        if (!opened.fileKey().equals(unix.get("fileKey"))) {
            throw new FileRefusedException("the file changed while it was checked");
        }
        if (unix.get("nlink") instanceof Integer links && links > 1) {
            throw new FileRefusedException("the file has " + links + " hard links; such files are not served");
        }
    }

    private static BasicFileAttributes attributes(SecureDirectoryStream<Path> dir, String name) throws IOException {
        try {
            return dir.getFileAttributeView(Path.of(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static SeekableByteChannel open(SecureDirectoryStream<Path> dir, Path name, Set<StandardOpenOption> mode)
            throws FileRefusedException, IOException {
        Set<OpenOption> options = new java.util.HashSet<>(mode);
        options.add(LinkOption.NOFOLLOW_LINKS);
        try {
            return dir.newByteChannel(name, options);
        } catch (FileSystemLoopException e) {
            throw new FileRefusedException("symlinks are not followed: " + name);
        } catch (IOException e) {
            if (isLoop(e)) {
                throw new FileRefusedException("symlinks are not followed: " + name);
            }
            throw e;
        }
    }

    private static boolean isLoop(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("symbolic links") || message.contains("ELOOP");
    }

    private static ByteBuffer grow(ByteBuffer buffer, int max) {
        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min((long) buffer.capacity() * 2, max));
        buffer.flip();
        bigger.put(buffer);
        return bigger;
    }

    /** What {@link #read} returns. */
    record ReadFile(byte[] bytes, boolean truncated) {
    }

    /** What {@link #list} returns. */
    record Listing(List<Entry> entries, int total) {
        record Entry(String name, String type, long size) {
        }
    }
}
