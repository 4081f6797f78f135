package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.Map;
import java.util.Optional;

/**
 * What files loaded from disk share: a source id prefix, metadata, ACL, owner and labels.
 *
 * @param sourcePrefix prepended to each file's relative path to make its source id, e.g. {@code share:}
 */
public record DocumentTemplate(String sourcePrefix, Map<String, String> metadata, SourceAcl acl,
                               Optional<String> owner, Integrity integrity, Confidentiality confidentiality) {
    public DocumentTemplate {
        Checks.present(sourcePrefix, "sourcePrefix");
        metadata = Map.copyOf(Checks.present(metadata, "metadata"));
        Checks.present(acl, "acl");
        Checks.present(owner, "owner");
        owner.ifPresent(o -> AclPrincipal.requireKinded(o, "owner"));
        Checks.present(integrity, "integrity");
        Checks.present(confidentiality, "confidentiality");
    }

    /** Untrusted, internal, no metadata: the defaults for an external source. */
    public static DocumentTemplate external(String sourcePrefix, SourceAcl acl) {
        return new DocumentTemplate(sourcePrefix, Map.of(), acl, Optional.empty(), Integrity.UNTRUSTED,
                Confidentiality.INTERNAL);
    }
}
