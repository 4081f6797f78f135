package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import dev.bulwark.spi.identity.Agent;
import java.util.Set;

/**
 * Who may read a document, as its source declared it.
 *
 * @param principals ids of users and agents allowed (the two share one id syntax)
 * @param groups     group or role names allowed; a principal holding one of these roles is allowed
 */
public record SourceAcl(Set<String> principals, Set<String> groups) {
    public SourceAcl {
        principals = Set.copyOf(Checks.present(principals, "principals"));
        groups = Set.copyOf(Checks.present(groups, "groups"));
        principals.forEach(p -> Agent.requireValidId(p, "ACL principal"));
        groups.forEach(g -> Checks.nonBlank(g, "ACL group"));
    }

    public static SourceAcl none() {
        return new SourceAcl(Set.of(), Set.of());
    }

    public boolean isEmpty() {
        return principals.isEmpty() && groups.isEmpty();
    }
}
