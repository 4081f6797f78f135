package dev.bulwark.console;

/** What a signed-in human may reach: the admin sees every page, an approver only the approval queue. */
public enum ConsoleRole {
    /** Signed in with the admin token. */
    ADMIN,
    /** Signed in with an approver key of a user holding the approver role. */
    APPROVER;

    /** The API paths (under {@code /api/v1}) this role may reach through the console; the API checks again. */
    boolean mayReach(String apiPath) {
        return switch (this) {
            case ADMIN -> true;
            case APPROVER -> (apiPath.equals("approvals") || apiPath.startsWith("approvals/"))
                    && !apiPath.startsWith("approvals/approver-keys");
        };
    }
}
