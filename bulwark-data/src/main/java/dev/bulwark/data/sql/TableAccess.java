package dev.bulwark.data.sql;

import dev.bulwark.spi.identity.Principal;

/**
 * Whether a principal may read a configured table at all (e.g. {@code payroll}); the server answers it with a Cedar
 * decision. Asked for every table a query touches, before the query runs.
 */
@FunctionalInterface
public interface TableAccess {
    /** Denies every table: the default until the server wires policy in. */
    TableAccess DENY_ALL = (principal, table) -> false;

    boolean mayRead(Principal principal, String table);
}
