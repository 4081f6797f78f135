package dev.bulwark.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The console's pages, scripts and styles, read from the jar. Names are checked against a strict pattern first. */
final class StaticFiles {
    private static final Pattern NAME = Pattern.compile("(?:pages/)?[a-z0-9][a-z0-9-]{0,63}\\.(js|css|html|svg|png)");
    private static final String ROOT = "/dev/bulwark/console/static/";
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png");

    record File(byte[] bytes, String contentType) {
    }

    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    /** The file with this name, or empty for a name outside the pattern or not in the jar. */
    Optional<File> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, StaticFiles::load);
    }

    private static Optional<File> load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String ext = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new File(in.readAllBytes(), TYPES.get(ext)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read console file " + name, e);
        }
    }
}
