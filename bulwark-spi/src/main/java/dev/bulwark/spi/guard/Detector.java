package dev.bulwark.spi.guard;

import java.util.List;

/**
 * Finds sensitive or hostile spans in text (PII, secrets, injected instructions). Used by guards on tool output and
 * by the ingestion pipeline. Implementations are thread-safe and bound their own work on huge input.
 */
public interface Detector {

    String name();

    /** Findings in order of their start; never {@code null}. Throws only on internal failure (callers fail closed). */
    List<Finding> detect(String text);
}
