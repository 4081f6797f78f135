package dev.bulwark.spi.session;

import dev.bulwark.spi.Checks;
import java.util.Arrays;

/**
 * An opaque blob a feature keeps in a session (e.g. an index of values the session has seen), so features can be
 * added without changing the store's schema.
 *
 * @param name    the feature's name, {@code [a-z0-9._-]}, at most 64 characters
 * @param version 1 on first store, then one more on each replacement
 * @param data    the bytes (copied)
 */
public record SessionExtension(String name, long version, byte[] data) {
    public SessionExtension {
        SessionLimits.checkExtensionName(name);
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1");
        }
        data = Checks.present(data, "data").clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionExtension e && e.name.equals(name) && e.version == version
                && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(version) * 17 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SessionExtension[" + name + " v" + version + ", " + data.length + " bytes]";
    }
}
