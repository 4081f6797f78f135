package dev.bulwark.server.config;

import dev.bulwark.files.FileLimits;
import dev.bulwark.files.FileRoot;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The filesystem connector ({@code <name>.read}, {@code <name>.list}, {@code <name>.write}); off by default.
 *
 * @param enabled        whether the connector is served (default false)
 * @param name           connector name (default {@code fs})
 * @param roots          the directories agents may reach; at least one when enabled
 * @param maxReadBytes   bytes of a file returned (default 1 MiB)
 * @param maxWriteBytes  largest file written (default 1 MiB)
 * @param maxListEntries entries listed (default 1000)
 */
public record FilesSettings(Boolean enabled, String name, List<Root> roots, Integer maxReadBytes,
                            Integer maxWriteBytes, Integer maxListEntries) {

    /**
     * One root directory.
     *
     * @param name     what agents call it (the {@code root} argument)
     * @param path     the directory
     * @param writable whether {@code write} may write here (default false)
     * @param labels   labels of its contents (default {@code [untrusted]})
     */
    public record Root(String name, String path, Boolean writable, List<String> labels) {
        FileRoot toRoot() {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("files.roots[].path is required");
            }
            return new FileRoot(name, Path.of(path), writable != null && writable,
                    labels == null ? null : Set.copyOf(labels));
        }
    }

    public FilesSettings {
        enabled = enabled != null && enabled;
        name = name == null ? "fs" : name;
        if (!name.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("files.name must match [a-z][a-z0-9_-]{0,31}");
        }
        roots = roots == null ? List.of() : List.copyOf(roots);
        if (enabled && roots.isEmpty()) {
            throw new IllegalArgumentException("files.roots must name at least one directory when files is enabled");
        }
        if (fileRoots(roots).stream().map(FileRoot::name).distinct().count() != roots.size()) {
            throw new IllegalArgumentException("files.roots: names must be unique");
        }
        limits(maxReadBytes, maxWriteBytes, maxListEntries);
    }

    public static FilesSettings defaults() {
        return new FilesSettings(null, null, null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    public List<FileRoot> fileRoots() {
        return fileRoots(roots);
    }

    public FileLimits limits() {
        return limits(maxReadBytes, maxWriteBytes, maxListEntries);
    }

    private static List<FileRoot> fileRoots(List<Root> roots) {
        return roots.stream().map(Root::toRoot).toList();
    }

    private static FileLimits limits(Integer read, Integer write, Integer entries) {
        FileLimits d = FileLimits.defaults();
        return new FileLimits(read == null ? d.maxReadBytes() : read, write == null ? d.maxWriteBytes() : write,
                entries == null ? d.maxListEntries() : entries);
    }
}
