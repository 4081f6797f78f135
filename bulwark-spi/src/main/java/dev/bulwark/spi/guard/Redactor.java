package dev.bulwark.spi.guard;

import java.util.Map;

/** Makes arguments safe to record: credentials and secrets are replaced, long values shortened. */
@FunctionalInterface
public interface Redactor {

    /** Returns a redacted copy of a JSON object tree; the input is not changed. */
    Map<String, Object> redact(Map<String, Object> arguments);
}
