package dev.bulwark.connectors.mcp;

import java.util.List;
import java.util.Optional;

/**
 * Where pins of upstream tools are kept, so approvals and blocks survive restarts and are shared by replicas.
 * Implementations throw {@link PinStoreException} when the store fails; callers then offer nothing (fail closed).
 */
public interface ToolPins {

    /** The pin of a namespaced tool, if it was ever seen. */
    Optional<ToolPin> find(String tool);

    /**
     * Whether the pin of {@code tool} lets calls through to the definition with hash {@code definitionHash}: the
     * answer of {@code find(tool).map(p -> p.allows(definitionHash))}, false when there is no pin. Asked before every
     * call, so stores may answer it without reading the review fields of the pin.
     */
    default boolean allows(String tool, String definitionHash) {
        return find(tool).map(pin -> pin.allows(definitionHash)).orElse(false);
    }

    /** All pins of one connector, ordered by tool name. */
    List<ToolPin> list(String connector);

    /** Inserts or replaces the pin of {@code pin.tool()}. */
    void save(ToolPin pin);
}
