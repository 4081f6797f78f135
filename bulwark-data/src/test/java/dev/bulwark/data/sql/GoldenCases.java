package dev.bulwark.data.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The rewrite golden cases under {@code src/test/resources/sql-rewrite}: one directory per case. */
final class GoldenCases {
    static final int MAX_ROWS = 100;

    private GoldenCases() {}

    static Path root() {
        try {
            return Path.of(GoldenCases.class.getResource("/sql-rewrite").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> dirs = Files.list(root())) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The input without its final newline (the SQL itself may contain any bytes, NUL included). */
    static String input(Path dir) {
        String text = read(dir.resolve("input.sql"));
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    static SqlDialect dialect(Path dir) {
        Path file = dir.resolve("dialect.txt");
        return Files.exists(file) ? SqlDialect.valueOf(read(file).strip()) : SqlDialect.SQLITE;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
