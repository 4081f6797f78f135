package dev.bulwark.identity;

/**
 * Registering an agent or a user whose id is already taken, by an agent or a user. Agents and users share one id
 * space, checked in the database, so that an id names exactly one principal on every replica.
 */
public final class IdTakenException extends IllegalArgumentException {
    private final String id;
    private final PrincipalKind takenBy;

    IdTakenException(String id, PrincipalKind takenBy) {
        super("id " + id + " is already taken by " + (takenBy == PrincipalKind.AGENT ? "an agent" : "a user")
                + "; agents and users may not share an id");
        this.id = id;
        this.takenBy = takenBy;
    }

    public String id() {
        return id;
    }

    /** Which kind of principal holds the id. */
    public PrincipalKind takenBy() {
        return takenBy;
    }
}
