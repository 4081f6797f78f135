package dev.bulwark.policy;

import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.PrimString;
import com.cedarpolicy.value.Value;
import dev.bulwark.spi.identity.Agent;
import dev.bulwark.spi.identity.User;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One side of a decision: the agent, or the user it acts for, as a Cedar entity in its roles.
 *
 * @param ancestors the role entities, used to analyse policy scopes without Cedar
 */
record PrincipalEntities(String description, EntityRef ref, Set<EntityRef> ancestors, Entity entity) {

    static PrincipalEntities of(Agent agent) {
        Map<String, Value> attributes = strings(agent.attributes());
        // The registered owner wins over a free attribute of the same name.
        attributes.put("owner", new PrimString(agent.owner()));
        return build("agent '" + agent.id() + "'", new EntityRef(EntityRef.AGENT, agent.id()), agent.roles(),
                attributes);
    }

    static PrincipalEntities of(User user) {
        return build("user '" + user.id() + "'", new EntityRef(EntityRef.USER, user.id()), user.roles(),
                strings(user.attributes()));
    }

    EntityUID uid() {
        return entity.getEUID();
    }

    private static PrincipalEntities build(String description, EntityRef ref, Set<String> roles,
                                           Map<String, Value> attributes) {
        Set<EntityRef> ancestors = new HashSet<>();
        Set<EntityUID> parents = new HashSet<>();
        for (String role : roles) {
            EntityRef roleRef = new EntityRef(EntityRef.ROLE, role);
            ancestors.add(roleRef);
            parents.add(roleRef.toUid());
        }
        return new PrincipalEntities(description, ref, Set.copyOf(ancestors),
                new Entity(ref.toUid(), attributes, parents));
    }

    private static Map<String, Value> strings(Map<String, String> values) {
        Map<String, Value> out = new HashMap<>();
        values.forEach((k, v) -> out.put(k, new PrimString(v)));
        return out;
    }
}
