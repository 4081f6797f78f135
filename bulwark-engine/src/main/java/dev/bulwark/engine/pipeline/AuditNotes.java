package dev.bulwark.engine.pipeline;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.JsonTrees;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step wants said in the call's audit record beyond the standard fields (e.g. how write rules changed the
 * arguments). Each entry becomes a field of the record's details; an entry never replaces a standard field. Entries
 * are JSON trees and must not hold argument values or output, which the standard fields carry redacted.
 */
public record AuditNotes(Map<String, Object> entries) {
    public static final ContextKey<AuditNotes> KEY = ContextKey.of("auditNotes", AuditNotes.class);

    public AuditNotes {
        entries = JsonTrees.copyObject(Checks.present(entries, "entries"));
    }

    /** A copy of {@code call} whose notes also hold {@code name}. */
    public static CallContext add(CallContext call, String name, Object value) {
        Map<String, Object> merged = new LinkedHashMap<>(call.get(KEY).map(AuditNotes::entries).orElse(Map.of()));
        merged.put(Checks.nonBlank(name, "name"), value);
        return call.with(KEY, new AuditNotes(merged));
    }
}
