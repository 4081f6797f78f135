package dev.bulwark.server.gateway;

import dev.bulwark.data.sql.TableAccess;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.session.SessionFacts;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * May this principal read this table at all? Asked by the SQL connector for every table a query touches, and
 * decided by Cedar: the table is the resource {@code Bulwark::Tool::"<connector>.table.<table>"}, a member of its
 * connector and of kind {@code read}, so {@code resource in Bulwark::Connector::"sales"} covers the tables too. The
 * decision sees no call arguments and no session history (the call itself was decided with both just before).
 */
final class CedarTableAccess implements TableAccess {
    private static final String ANY_OBJECT = "{\"type\":\"object\"}";
    private final PolicyEngine policies;
    private final String connector;
    private final Clock clock;

    CedarTableAccess(PolicyEngine policies, String connector, Clock clock) {
        this.policies = policies;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public boolean mayRead(Principal principal, String table) {
        Tool resource = new Tool(connector + ".table." + table, "table " + table, ANY_OBJECT, ToolKind.READ,
                connector, Set.of());
        Decision decision = policies.decide(new DecisionRequest(principal, resource, Map.of(),
                SessionFacts.fresh("table-access", clock.instant()), clock.instant()));
        return decision instanceof Decision.Allow allow && allow.obligations().isEmpty();
    }
}
