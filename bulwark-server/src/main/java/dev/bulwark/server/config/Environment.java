package dev.bulwark.server.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Secrets may be written as {@code ${NAME}} and are then read from the environment, never stored in the file. */
final class Environment {
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

    private Environment() {}

    static String expand(String value, String field) {
        if (value == null) {
            return null;
        }
        Matcher m = REF.matcher(value);
        if (!m.matches()) {
            return value;
        }
        String resolved = System.getenv(m.group(1));
        if (resolved == null) {
            throw new IllegalArgumentException(field + " refers to environment variable " + m.group(1) + ", which is not set");
        }
        return resolved;
    }
}
