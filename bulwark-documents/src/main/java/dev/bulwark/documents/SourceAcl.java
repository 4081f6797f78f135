package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.Set;

/**
 * Who may read a document, as its source declared it.
 *
 * @param principals users and agents allowed, each {@code user:<id>} or {@code agent:<id>} (see {@link AclPrincipal});
 *                   a bare id is refused as ambiguous
 * @param groups     group or role names allowed; a principal holding one of these roles is allowed
 */
public record SourceAcl(Set<String> principals, Set<String> groups) {
    public SourceAcl {
        principals = Set.copyOf(Checks.present(principals, "principals"));
        groups = Set.copyOf(Checks.present(groups, "groups"));
        principals.forEach(p -> AclPrincipal.requireKinded(p, "ACL principal"));
        groups.forEach(g -> Checks.nonBlank(g, "ACL group"));
    }

    public static SourceAcl none() {
        return new SourceAcl(Set.of(), Set.of());
    }

    public boolean isEmpty() {
        return principals.isEmpty() && groups.isEmpty();
    }
}
