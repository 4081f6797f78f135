package dev.bulwark.identity;

import dev.bulwark.spi.Checks;

/**
 * A freshly generated API key, shown to its owner once and stored only as a salted hash. {@link #toString()} hides
 * the value so the key cannot leak through logs; read it with {@link #value()} exactly where it is handed out.
 */
public record ApiKey(String value) {
    public ApiKey {
        Checks.nonBlank(value, "api key");
    }

    @Override
    public String toString() {
        return "ApiKey[***]";
    }
}
