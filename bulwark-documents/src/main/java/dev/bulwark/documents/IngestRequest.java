package dev.bulwark.documents;

import dev.bulwark.spi.Checks;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One document to ingest. Ingesting a {@code sourceId} again replaces the earlier version.
 *
 * @param sourceId        the document's stable id in its source, e.g. {@code wiki:hr/leave-policy.md}
 * @param title           a human-readable title (encrypted at rest with the chunks)
 * @param content         the raw bytes; must be UTF-8
 * @param mediaType       how to read the bytes
 * @param metadata        free string metadata, returned with every chunk (encrypted at rest)
 * @param acl             who may read it; may be empty, then {@link MissingAclPolicy} decides
 * @param owner           the user or agent that owns the document ({@code user:<id>} or {@code agent:<id>}), if
 *                        known; always allowed to read it
 * @param integrity       whether the source is trusted; external sources should be {@link Integrity#UNTRUSTED}
 * @param confidentiality the label every chunk carries
 */
public record IngestRequest(String sourceId, String title, byte[] content, MediaType mediaType,
                            Map<String, String> metadata, SourceAcl acl, Optional<String> owner, Integrity integrity,
                            Confidentiality confidentiality) {
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,255}");
    public static final int MAX_TITLE = 1000;

    public IngestRequest {
        Checks.present(sourceId, "sourceId");
        if (!SOURCE_ID.matcher(sourceId).matches()) {
            throw new IllegalArgumentException("sourceId must match " + SOURCE_ID.pattern() + ": " + sourceId);
        }
        Checks.present(title, "title");
        if (title.length() > MAX_TITLE) {
            throw new IllegalArgumentException("title is longer than " + MAX_TITLE + " characters");
        }
        content = Checks.present(content, "content").clone();
        Checks.present(mediaType, "mediaType");
        metadata = Map.copyOf(Checks.present(metadata, "metadata"));
        Checks.present(acl, "acl");
        Checks.present(owner, "owner");
        owner.ifPresent(o -> AclPrincipal.requireKinded(o, "owner"));
        Checks.present(integrity, "integrity");
        Checks.present(confidentiality, "confidentiality");
    }

    /** A request with the defaults for an external source: untrusted, internal, no metadata, no owner. */
    public static IngestRequest external(String sourceId, String title, byte[] content, MediaType mediaType,
                                         SourceAcl acl) {
        return new IngestRequest(sourceId, title, content, mediaType, Map.of(), acl, Optional.empty(),
                Integrity.UNTRUSTED, Confidentiality.INTERNAL);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    int contentLength() {
        return content.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IngestRequest r && sourceId.equals(r.sourceId) && title.equals(r.title)
                && Arrays.equals(content, r.content) && mediaType == r.mediaType && metadata.equals(r.metadata)
                && acl.equals(r.acl) && owner.equals(r.owner) && integrity == r.integrity
                && confidentiality == r.confidentiality;
    }

    @Override
    public int hashCode() {
        return sourceId.hashCode() * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "IngestRequest[sourceId=" + sourceId + ", mediaType=" + mediaType.mime() + ", bytes=" + content.length
                + ", integrity=" + integrity.label() + ", confidentiality=" + confidentiality.label() + "]";
    }
}
