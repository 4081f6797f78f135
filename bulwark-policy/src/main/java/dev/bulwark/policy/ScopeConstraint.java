package dev.bulwark.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One of the three scope constraints of a policy (principal, action or resource), decided without Cedar because
 * Bulwark's entity hierarchy is flat and fully known: an entity's ancestors are exactly the parents it is given.
 */
sealed interface ScopeConstraint {

    /** Whether an entity with these ancestors satisfies the constraint. */
    boolean matches(EntityRef entity, Set<EntityRef> ancestors);

    /** The entities the constraint names; an entity it does not name can only match through its type. */
    Set<EntityRef> references();

    /** {@code principal}, no constraint. */
    record Any() implements ScopeConstraint {
        @Override
        public boolean matches(EntityRef entity, Set<EntityRef> ancestors) {
            return true;
        }

        @Override
        public Set<EntityRef> references() {
            return Set.of();
        }
    }

    /** {@code == E}. */
    record Equals(EntityRef target) implements ScopeConstraint {
        @Override
        public boolean matches(EntityRef entity, Set<EntityRef> ancestors) {
            return target.equals(entity);
        }

        @Override
        public Set<EntityRef> references() {
            return Set.of(target);
        }
    }

    /** {@code in E} or, for actions, {@code in [E1, E2]}: the entity is one of them or descends from one. */
    record In(Set<EntityRef> targets) implements ScopeConstraint {
        public In {
            targets = Set.copyOf(targets);
        }

        @Override
        public boolean matches(EntityRef entity, Set<EntityRef> ancestors) {
            for (EntityRef target : targets) {
                if (target.equals(entity) || ancestors.contains(target)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Set<EntityRef> references() {
            return targets;
        }
    }

    /** {@code is T} or {@code is T in E}. */
    record Is(String type, Optional<EntityRef> in) implements ScopeConstraint {
        @Override
        public boolean matches(EntityRef entity, Set<EntityRef> ancestors) {
            return entity.type().equals(type)
                    && in.map(t -> t.equals(entity) || ancestors.contains(t)).orElse(true);
        }

        @Override
        public Set<EntityRef> references() {
            return in.map(Set::of).orElse(Set.of());
        }
    }

    /** Reads a constraint from Cedar's JSON policy format; anything unforeseen is refused rather than guessed. */
    static ScopeConstraint fromJson(JsonNode node) {
        String op = node.path("op").asText("");
        return switch (op) {
            case "All" -> new Any();
            case "==" -> new Equals(entity(node.path("entity")));
            case "in" -> {
                if (node.has("entities")) {
                    Set<EntityRef> targets = new HashSet<>();
                    node.get("entities").forEach(e -> targets.add(entity(e)));
                    yield new In(targets);
                }
                yield new In(Set.of(entity(node.path("entity"))));
            }
            case "is" -> new Is(text(node, "entity_type"),
                    node.has("in") ? Optional.of(entity(node.path("in").path("entity"))) : Optional.empty());
            default -> throw new IllegalArgumentException("unsupported scope constraint: " + node);
        };
    }

    private static EntityRef entity(JsonNode node) {
        if (node.has("__entity")) {
            node = node.get("__entity");
        }
        return new EntityRef(text(node, "type"), text(node, "id"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("scope constraint lacks '" + field + "': " + node);
        }
        return value.asText();
    }
}
