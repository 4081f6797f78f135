package dev.bulwark.policy;

import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.value.CedarList;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Cedar side of one tool, built once per tool and reused by every decision about it: the resource entity
 * {@code Bulwark::Tool::"<name>"} in its connector and kind, and the action {@code Bulwark::Action::"<kind>"} in
 * {@code Bulwark::Action::"call"}. When the decision is about a resource or prompt the tool reads
 * ({@link Subject}), the resource entity is {@code Bulwark::Resource::"<uri>"} or {@code Bulwark::Prompt::"<name>"}
 * instead, with the same attributes and parents, so the tool's connector and kind group it.
 */
record ToolEntities(Tool tool, Subject subject, EntityRef resource, Set<EntityRef> resourceAncestors, EntityRef action,
                    EntityUID resourceUid, EntityUID actionUid, Entity resourceEntity, Entity actionEntity) {
    static final EntityRef CALL = new EntityRef(EntityRef.ACTION, "call");
    static final Set<EntityRef> ACTION_ANCESTORS = Set.of(CALL);
    private static final EntityUID CALL_UID = CALL.toUid();
    private static final Map<ToolKind, Entity> ACTIONS = actions();

    /** The group {@code call} needs no entity of its own: membership is read from the action's parents. */
    static ToolEntities of(Tool tool) {
        return of(tool, null);
    }

    /** The entities of a decision about {@code subject} through {@code tool}, or about the tool when it is null. */
    static ToolEntities of(Tool tool, Subject subject) {
        EntityRef resource = subject == null ? new EntityRef(EntityRef.TOOL, tool.name())
                : new EntityRef(subject.type().entityType(), subject.id());
        EntityRef connector = new EntityRef(EntityRef.CONNECTOR, tool.connector());
        EntityRef kind = new EntityRef(EntityRef.KIND, tool.kind().label());
        EntityRef action = new EntityRef(EntityRef.ACTION, tool.kind().label());
        Map<String, Value> attributes = new HashMap<>();
        attributes.put("name", new PrimString(subject == null ? tool.name() : subject.id()));
        attributes.put("connector", new PrimString(tool.connector()));
        attributes.put("kind", new PrimString(tool.kind().label()));
        attributes.put("labels", strings(sorted(tool.outputLabels())));
        EntityUID resourceUid = resource.toUid();
        Entity toolEntity = new Entity(resourceUid, attributes, Set.of(connector.toUid(), kind.toUid()));
        Entity actionEntity = ACTIONS.get(tool.kind());
        return new ToolEntities(tool, subject, resource, Set.of(connector, kind), action, resourceUid, actionEntity.getEUID(),
                toolEntity, actionEntity);
    }

    static CedarList strings(Iterable<String> values) {
        CedarList list = new CedarList();
        for (String value : values) {
            list.add(new PrimString(value));
        }
        return list;
    }

    private static Map<ToolKind, Entity> actions() {
        Map<ToolKind, Entity> out = new EnumMap<>(ToolKind.class);
        for (ToolKind kind : ToolKind.values()) {
            EntityUID uid = new EntityRef(EntityRef.ACTION, kind.label()).toUid();
            out.put(kind, new Entity(uid, new HashMap<>(), Set.of(CALL_UID)));
        }
        return out;
    }

    /** The sorted label list keeps entity JSON identical between equal tools. */
    static List<String> sorted(Set<String> labels) {
        return labels.stream().sorted().toList();
    }
}
