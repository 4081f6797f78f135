package dev.bulwark.files;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A directory agents may reach.
 *
 * @param name      what agents call it ({@code root} argument; policy sees it as {@code context.arguments.root})
 * @param directory the directory; symlinks in this configured path are resolved once, at start
 * @param writable  whether {@code fs.write} may write here (default false)
 * @param labels    labels of the contents read from here (default {@code untrusted})
 */
public record FileRoot(String name, Path directory, boolean writable, Set<String> labels) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public FileRoot {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a file root's name must match " + NAME.pattern());
        }
        if (directory == null) {
            throw new IllegalArgumentException("file root " + name + " needs a directory");
        }
        labels = Set.copyOf(labels == null ? Set.of("untrusted") : labels);
    }
}
