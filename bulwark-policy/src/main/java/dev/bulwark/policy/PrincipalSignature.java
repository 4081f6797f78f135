package dev.bulwark.policy;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * All that the principal scopes of a policy set can tell apart about a principal: its type, its id if some scope
 * names it, and those of its ancestors (roles) that some scope names. A principal scope only compares the principal's
 * type, tests equality with a named entity, or tests membership of a named entity among the ancestors, so two
 * principals with equal signatures are matched by exactly the same scopes and can share one policy slice. Agents whose
 * ids no policy names and that hold the same named roles therefore share a slice, whatever their other roles.
 *
 * @param ancestors the named ancestors, sorted so that equal sets give equal signatures
 */
record PrincipalSignature(String type, Optional<String> id, List<EntityRef> ancestors) {
    private static final Comparator<EntityRef> ORDER = Comparator.comparing(EntityRef::type)
            .thenComparing(EntityRef::id);

    PrincipalSignature {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        ancestors = List.copyOf(ancestors);
    }

    /** The entities named by the principal scopes of a policy set. */
    record Vocabulary(Set<EntityRef> named) {
        Vocabulary {
            named = Set.copyOf(named);
        }

        static Vocabulary of(List<LoadedPolicy> policies) {
            Set<EntityRef> named = new HashSet<>();
            policies.forEach(p -> named.addAll(p.principal().references()));
            return new Vocabulary(named);
        }

        PrincipalSignature signatureOf(EntityRef principal, Set<EntityRef> ancestors) {
            Optional<String> id = named.contains(principal) ? Optional.of(principal.id()) : Optional.empty();
            List<EntityRef> relevant = ancestors.stream().filter(named::contains).sorted(ORDER).toList();
            return new PrincipalSignature(principal.type(), id, relevant);
        }
    }
}
