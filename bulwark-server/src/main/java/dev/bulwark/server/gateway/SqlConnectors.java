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
import dev.bulwark.spi.tool.Connector;
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
    /** Per reader connector: the SQL connector governing what it reads, and its tool bindings. */
    private final Map<String, Map.Entry<SqlConnector, List<SqlSettings.ToolBinding>>> readers =
            new java.util.LinkedHashMap<>();

    static SqlConnectors open(BulwarkConfig config, PolicyEngine policies, Clock clock) throws ConnectorException {
        SqlConnectors all = new SqlConnectors();
        try {
            javax.crypto.SecretKey master = MaskKey.load(config.dataPath().resolve("keys"));
            if (config.demo().on()) {
                all.add(demo(config), "jdbc:sqlite:" + config.dataPath().resolve("crm.db"), null, null, policies, clock,
                        master, demoReaders());
            }
            for (SqlSettings s : config.sql()) {
                all.add(toConfig(s), s.url(), s.user(), s.password(), policies, clock, master, s.readers());
            }
            return all;
        } catch (ConnectorException | RuntimeException e) {
            all.close();
            throw e;
        }
    }

    private void add(SqlConnectorConfig config, String url, String user, String password, PolicyEngine policies,
                     Clock clock, javax.crypto.SecretKey master, List<SqlSettings.Reader> readerSettings)
            throws ConnectorException {
        HikariDataSource pool = Databases.openReadOnly(url, user, password);
        pools.add(pool);
        SqlConnector connector = new SqlConnector(config, pool, new CedarTableAccess(policies, config.name(), clock),
                MaskKey.forConnector(master, config.name()));
        for (SqlSettings.Reader reader : readerSettings) {
            if (readers.put(reader.connector(), Map.entry(connector, reader.tools())) != null) {
                throw new IllegalArgumentException("connector " + reader.connector() + " is declared a reader of two "
                        + "SQL connectors");
            }
        }
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

    /**
     * The connectors with every declared reader wrapped so its tools run through row security (and its unbound
     * tools are not served).
     *
     * @throws IllegalArgumentException when a declared reader is not a connector of the gateway
     */
    List<Connector> govern(List<Connector> all) {
        java.util.Set<String> names = new java.util.HashSet<>();
        all.forEach(c -> names.add(c.name()));
        for (String reader : readers.keySet()) {
            if (!names.contains(reader)) {
                throw new IllegalArgumentException("connector " + reader + " is declared a reader of SQL connector "
                        + readers.get(reader).getKey().name() + " but is not configured");
            }
        }
        return all.stream().map(c -> readers.containsKey(c.name()) ? (Connector) new GovernedReader(c,
                readers.get(c.name()).getKey(), readers.get(c.name()).getValue()) : c).toList();
    }

    static SqlConnectorConfig toConfig(SqlSettings s) {
        List<TablePolicy> tables = new ArrayList<>();
        for (SqlSettings.Table t : s.tables()) {
            List<ColumnSpec> columns = t.columns().stream().map(c -> {
                ColumnSpec spec = new ColumnSpec(c.name(), c.labels(), false, c.screen());
                return c.filterable() ? spec.asFilterable() : spec;
            }).toList();
            List<AccessRule> rules = t.rules().stream().map(r -> AccessRule.of(r.name(),
                    new RuleCondition(r.when().agentRoles(), r.when().userRoles(), r.when().attributes()),
                    r.rowFilter(), r.masks())).toList();
            tables.add(new TablePolicy(t.name(), Optional.ofNullable(t.schema()), columns, rules));
        }
        SqlDialect dialect = s.url().startsWith("jdbc:sqlite:") ? SqlDialect.SQLITE : SqlDialect.POSTGRESQL;
        return new SqlConnectorConfig(s.name(), dialect, new SqlDataPolicy(tables), s.maxRows(), s.timeoutDuration(),
                s.readTools(), SqlLimits.DEFAULT, dev.bulwark.data.sql.SqlFunctions.configured(dialect,
                s.functions().allow(), s.functions().deny()));
    }

    /**
     * The demo CRM connector reads the same customers: its tools are served through {@code sales}' row security
     * (find and get answered from the governed table; note updates and deletes only on customers the caller can see).
     */
    static List<SqlSettings.Reader> demoReaders() {
        return List.of(new SqlSettings.Reader("crm", List.of(
                new SqlSettings.ToolBinding("crm.find_customers", "customers", false, Map.of("region", "region"),
                        Map.of("name_contains", "name"), "limit", null),
                new SqlSettings.ToolBinding("crm.get_customer", "customers", false, Map.of("id", "id"), null, null,
                        null),
                new SqlSettings.ToolBinding("crm.update_customer_note", "customers", true, null, null, null,
                        Map.of("id", "id")),
                new SqlSettings.ToolBinding("crm.delete_customer", "customers", true, null, null, null,
                        Map.of("id", "id")))));
    }

    /**
     * The demo's row security: support agents see the customers of the regions in their {@code regions} attribute,
     * with e-mail hashed, phone reduced to its last four digits and notes redacted; admin agents see everything.
     * Names, regions, tiers and owners are shown as the rules decide (no generic PII re-redaction); notes are free
     * text and stay screened where a rule shows them.
     */
    static SqlConnectorConfig demo(BulwarkConfig config) {
        TablePolicy customers = new TablePolicy("customers", Optional.empty(), List.of(
                ColumnSpec.of("id").asFilterable().decidedByPolicy(), ColumnSpec.of("name", "pii").decidedByPolicy(),
                ColumnSpec.of("email", "pii").decidedByPolicy(), ColumnSpec.of("phone", "pii").decidedByPolicy(),
                ColumnSpec.of("region").asFilterable().decidedByPolicy(),
                ColumnSpec.of("tier").asFilterable().decidedByPolicy(), ColumnSpec.of("notes", "internal"),
                ColumnSpec.of("owner").decidedByPolicy()),
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
