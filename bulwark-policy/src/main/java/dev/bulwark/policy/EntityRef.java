package dev.bulwark.policy;

import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An entity's type and id as plain strings, compared cheaply when analysing policy scopes. */
record EntityRef(String type, String id) {
    static final String AGENT = "Bulwark::Agent";
    static final String USER = "Bulwark::User";
    static final String ROLE = "Bulwark::Role";
    static final String ACTION = "Bulwark::Action";
    static final String TOOL = "Bulwark::Tool";
    static final String CONNECTOR = "Bulwark::Connector";
    static final String KIND = "Bulwark::Kind";
    static final String RESOURCE = "Bulwark::Resource";
    static final String PROMPT = "Bulwark::Prompt";

    private static final Map<String, EntityTypeName> TYPES = new ConcurrentHashMap<>();

    EntityRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    EntityUID toUid() {
        return TYPES.computeIfAbsent(type, t -> EntityTypeName.parse(t)
                .orElseThrow(() -> new IllegalArgumentException("bad entity type " + t))).of(id);
    }
}
