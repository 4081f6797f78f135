package dev.bulwark.sandbox;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A language {@code code.run} offers: the code is written to {@code /work/<file>} and run as {@code command + file}.
 *
 * @param name    what agents pass as {@code language}, e.g. {@code python}
 * @param command absolute path of the interpreter inside the sandbox, then its fixed arguments
 * @param file    the name the code is saved under in the work directory
 */
public record Language(String name, List<String> command, String file) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    public Language {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("language name must match " + NAME.pattern() + ": " + name);
        }
        command = List.copyOf(command);
        if (command.isEmpty() || !command.get(0).startsWith("/")) {
            throw new IllegalArgumentException("language " + name + ": the command must start with an absolute path");
        }
        if (!Files.NAME.matcher(file).matches()) {
            throw new IllegalArgumentException("language " + name + ": bad file name " + file);
        }
    }

    /** Python on the system interpreter (never a version-manager shim, which would need the user's home). */
    public static Language python() {
        return new Language("python", List.of("/usr/bin/python3", "-I", "-B"), "main.py");
    }

    /** POSIX shell. */
    public static Language shell() {
        return new Language("sh", List.of("/bin/sh"), "main.sh");
    }

    /** Names allowed for files in the work directory: no path separators, no leading dot. */
    static final class Files {
        static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

        private Files() {}
    }
}
