package dev.bulwark.documents;

/** What ingestion does with a document whose source declared no ACL. */
public enum MissingAclPolicy {
    /** Only the document's owner may read it (the default); a document with neither ACL nor owner is refused. */
    OWNER_ONLY,
    /** The document is refused. */
    REJECT
}
