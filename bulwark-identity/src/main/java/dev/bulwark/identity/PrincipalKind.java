package dev.bulwark.identity;

/** The two kinds of principal. Their ids are one namespace: no agent has the id of a user, nor the reverse. */
public enum PrincipalKind {
    AGENT("agent"),
    USER("user");

    /** The kind as stored and as written in ACLs and audit details ({@code agent:<id>}, {@code user:<id>}). */
    public final String label;

    PrincipalKind(String label) {
        this.label = label;
    }

    static PrincipalKind fromLabel(String label) {
        for (PrincipalKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalStateException("unknown principal kind in database: " + label);
    }
}
