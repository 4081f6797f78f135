package dev.bulwark.data.sql;

import dev.bulwark.spi.Checks;
import java.util.regex.Pattern;

/** Configured names: lower-case simple identifiers, so they are the same in every dialect and in tool names. */
final class Names {
    private static final Pattern SIMPLE = Pattern.compile("[a-z_][a-z0-9_]{0,58}");

    private Names() {}

    static String requireSimple(String name, String what) {
        Checks.present(name, what);
        if (!SIMPLE.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + SIMPLE.pattern() + ": " + name);
        }
        return name;
    }
}
