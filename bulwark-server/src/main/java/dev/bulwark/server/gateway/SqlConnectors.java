package dev.bulwark.server.gateway;

import com.zaxxer.hikari.HikariDataSource;
import dev.bulwark.data.sql.AccessRule;
import dev.bulwark.data.sql.ColumnSpec;
import dev.bulwark.data.sql.RuleCondition;
import dev.bulwark.data.sql.SqlConnector;
import dev.bulwark.data.sql.SqlConnectorConfig;
import dev.bulwark.data.sql.SqlDataPolicy;
import dev.bulwark.data.sql.SqlDialect;
import dev.bulwark.data.sql.SqlLimits;
import dev.bulwark.data.sql.TablePolicy;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.SqlSettings;
import dev.bulwark.server.store.Databases;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.tool.ConnectorException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The governed SQL connectors: the configured ones and, in the demo, {@code sales} over the CRM database. Each is
 * checked against its database at start; one that does not verify stops the gateway rather than run unprotected.
 */
final class SqlConnectors implements AutoCloseable {
    private final List<SqlConnector> connectors = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();

    static SqlConnectors open(BulwarkConfig config, PolicyEngine policies, Clock clock) throws ConnectorException {
        SqlConnectors all = new SqlConnectors();
        try {
            if (config.demo().on()) {
                all.add(demo(config), "jdbc:sqlite:" + config.dataPath().resolve("crm.db"), null, null, policies, clock);
            }
            for (SqlSettings s : config.sql()) {
                all.add(toConfig(s), s.url(), s.user(), s.password(), policies, clock);
            }
            return all;
        } catch (ConnectorException | RuntimeException e) {
            all.close();
            throw e;
        }
    }

    private void add(SqlConnectorConfig config, String url, String user, String password, PolicyEngine policies,
                     Clock clock) throws ConnectorException {
        HikariDataSource pool = Databases.openReadOnly(url, user, password);
        pools.add(pool);
        SqlConnector connector = new SqlConnector(config, pool, new CedarTableAccess(policies, config.name(), clock));
        try {
            connector.verifySchema();
        } catch (ConnectorException e) {
            throw new ConnectorException("SQL connector " + config.name() + " does not match its database: "
                    + e.getMessage(), e);
        }
        connectors.add(connector);
    }

    List<SqlConnector> connectors() {
        return List.copyOf(connectors);
    }

    static SqlConnectorConfig toConfig(SqlSettings s) {
        List<TablePolicy> tables = new ArrayList<>();
        for (SqlSettings.Table t : s.tables()) {
            List<ColumnSpec> columns = t.columns().stream().map(c -> {
                ColumnSpec spec = new ColumnSpec(c.name(), c.labels(), false);
                return c.filterable() ? spec.asFilterable() : spec;
            }).toList();
            List<AccessRule> rules = t.rules().stream().map(r -> AccessRule.of(r.name(),
                    new RuleCondition(r.when().agentRoles(), r.when().userRoles(), r.when().attributes()),
                    r.rowFilter(), r.masks())).toList();
            tables.add(new TablePolicy(t.name(), Optional.ofNullable(t.schema()), columns, rules));
        }
        SqlDialect dialect = s.url().startsWith("jdbc:sqlite:") ? SqlDialect.SQLITE : SqlDialect.POSTGRESQL;
        return new SqlConnectorConfig(s.name(), dialect, new SqlDataPolicy(tables), s.maxRows(), s.timeoutDuration(),
                s.readTools(), SqlLimits.DEFAULT);
    }

    /**
     * The demo's row security: support agents see the customers of the regions in their {@code regions} attribute,
     * with e-mail hashed, phone reduced to its last four digits and notes redacted; admin agents see everything.
     */
    static SqlConnectorConfig demo(BulwarkConfig config) {
        TablePolicy customers = new TablePolicy("customers", Optional.empty(), List.of(
                ColumnSpec.of("id").asFilterable(), ColumnSpec.of("name", "pii"), ColumnSpec.of("email", "pii"),
                ColumnSpec.of("phone", "pii"), ColumnSpec.of("region").asFilterable(),
                ColumnSpec.of("tier").asFilterable(), ColumnSpec.of("notes", "internal"), ColumnSpec.of("owner")),
                List.of(AccessRule.of("admin-all", RuleCondition.agentRole("admin-agent"), "1 = 1", Map.of()),
                        AccessRule.of("support-regions", RuleCondition.agentRole("support"),
                                "region IN (:agent.regions)",
                                Map.of("email", "hash", "phone", "last4", "notes", "redact"))));
        return new SqlConnectorConfig("sales", SqlDialect.SQLITE, new SqlDataPolicy(List.of(customers)), 200,
                Duration.ofSeconds(5), true, SqlLimits.DEFAULT);
    }

    @Override
    public void close() {
        connectors.forEach(SqlConnector::close);
        pools.forEach(HikariDataSource::close);
    }
}
