package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void emptyDocumentMeansEmbeddedDefaults() {
        BulwarkConfig config = loader.parse("", "bulwark.yaml");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith("bulwark.db");
        assertThat(config.identity().tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.demo().on()).isTrue();
        assertThat(config.audit().sync()).isEqualTo("normal");
    }

    @Test
    void tokenThrottlingIsOnByDefaultAndConfigurable() {
        var defaults = loader.parse("", "b.yaml").identity().throttle().settings();
        assertThat(defaults.failuresPerPair()).isEqualTo(5);
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(5));
        var tuned = loader.parse("identity: {throttle: {window: 1m, failuresPerClientAndSource: 3,"
                + " failuresPerSource: 50, failuresPerClient: 10, maxTrackedKeys: 5000}}", "b.yaml")
                .identity().throttle().settings();
        assertThat(tuned.failuresPerPair()).isEqualTo(3);
        assertThat(tuned.failuresPerSource()).isEqualTo(50);
        assertThat(tuned.maxTrackedKeys()).isEqualTo(5000);
        assertThatThrownBy(() -> loader.parse("identity: {throttle: {failuresPerSource: 0}}", "b.yaml"))
                .hasMessageContaining("identity.throttle");
        assertThatThrownBy(() -> loader.parse("identity: {throttle: {lockout: true}}", "b.yaml"))
                .hasMessageContaining("lockout");
        assertThatThrownBy(() -> loader.parse("identity: {userTokenTtl: 30d}", "b.yaml"))
                .hasMessageContaining("userTokenTtl");
    }

    @Test
    void guardsAndDocumentsSectionsAreValidated() {
        BulwarkConfig config = loader.parse("""
                guards:
                  pii: {toolOutput: {EMAIL_ADDRESS: allow, default: redact}, egress: {API_KEY: block}}
                documents: {name: kb, missingAcl: reject}
                """, "b.yaml");
        assertThat(config.guards().pii().toolOutput()).containsEntry("EMAIL_ADDRESS", "allow");
        assertThat(config.documents().name()).isEqualTo("kb");
        assertThatThrownBy(() -> loader.parse("guards: {pii: {toolOutput: {EMAIL_ADDRESS: shred}}}", "b.yaml"))
                .hasMessageContaining("must be one of");
        assertThatThrownBy(() -> loader.parse("guards: {pii: {toolOutput: {email: redact}}}", "b.yaml"))
                .hasMessageContaining("finding type");
        assertThat(loader.parse("guards: {injection: {spotlighting: datamark, blockAt: 0.95}}", "b.yaml")
                .guards().injection().spotlighting()).isEqualTo("datamark");
        assertThatThrownBy(() -> loader.parse("guards: {injection: {labelAt: 0.8, quarantineAt: 0.5}}", "b.yaml"))
                .hasMessageContaining("labelAt <= quarantineAt");
        assertThatThrownBy(() -> loader.parse("guards: {injection: {spotlighting: neon}}", "b.yaml"))
                .hasMessageContaining("delimit, datamark, encode or off");
        assertThatThrownBy(() -> loader.parse("documents: {missingAcl: everyone}", "b.yaml"))
                .hasMessageContaining("owner-only or reject");
    }

    @Test
    void theTokenVaultIsInTheDatabaseUnlessConfiguredInMemory() {
        VaultSettings standard = loader.parse("", "b.yaml").guards().pii().vault();
        assertThat(standard.inDatabase()).isTrue();
        assertThat(standard.retentionPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(standard.maxEntries()).isEqualTo(1_000_000L);
        VaultSettings memory = loader.parse("guards: {pii: {vault: {store: memory, retention: 12h}}}", "b.yaml")
                .guards().pii().vault();
        assertThat(memory.inDatabase()).isFalse();
        assertThat(memory.maxEntries()).isEqualTo(100_000L);
        assertThat(memory.retentionPeriod()).isEqualTo(Duration.ofHours(12));
        assertThat(loader.parse("guards: {pii: {vault: {maxEntries: 5}}}", "b.yaml").guards().pii().vault()
                .maxEntries()).isEqualTo(5L);
        assertThatThrownBy(() -> loader.parse("guards: {pii: {vault: {store: redis}}}", "b.yaml"))
                .hasMessageContaining("guards.pii.vault.store must be one of");
        assertThatThrownBy(() -> loader.parse("guards: {pii: {vault: {retention: forever}}}", "b.yaml"))
                .hasMessageContaining("guards.pii.vault.retention");
        assertThatThrownBy(() -> loader.parse("guards: {pii: {vault: {maxEntries: 0}}}", "b.yaml"))
                .hasMessageContaining("maxEntries must be positive");
        assertThatThrownBy(() -> loader.parse("guards: {pii: {vault: {store: memory, maxEntries: 99999999}}}",
                "b.yaml")).hasMessageContaining("at most");
        assertThatThrownBy(() -> loader.parse("guards: {pii: {vault: {stor: memory}}}", "b.yaml"))
                .hasMessageContaining("stor");
    }

    @Test
    void sessionsAreInTheDatabaseUnlessConfiguredInMemory() {
        SessionSettings standard = loader.parse("", "b.yaml").sessions();
        assertThat(standard.inDatabase()).isTrue();
        assertThat(standard.idleTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(standard.maxSessions()).isEqualTo(100_000);
        assertThat(standard.maxLabels()).isEqualTo(64);
        SessionSettings memory = loader.parse("sessions: {store: memory, ttl: 15m, maxSessions: 10, maxLabels: 8}",
                "b.yaml").sessions();
        assertThat(memory.inDatabase()).isFalse();
        assertThat(memory.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(memory.maxSessions()).isEqualTo(10);
        assertThat(memory.maxLabels()).isEqualTo(8);
        assertThatThrownBy(() -> loader.parse("sessions: {store: redis}", "b.yaml"))
                .hasMessageContaining("sessions.store must be database or memory");
        assertThatThrownBy(() -> loader.parse("sessions: {ttl: 0s}", "b.yaml")).hasMessageContaining("sessions.ttl");
        assertThatThrownBy(() -> loader.parse("sessions: {maxLabels: 0}", "b.yaml"))
                .hasMessageContaining("sessions.maxLabels");
        assertThatThrownBy(() -> loader.parse("sessions: {maxSessions: -1}", "b.yaml"))
                .hasMessageContaining("sessions.maxSessions");
    }

    @Test
    void auditSyncIsFullOrNormal() {
        assertThat(loader.parse("audit: {sync: full}", "b.yaml").audit().sync()).isEqualTo("full");
        assertThatThrownBy(() -> loader.parse("audit: {sync: sometimes}", "b.yaml"))
                .hasMessageContaining("audit.sync must be full or normal");
    }

    @Test
    void policyValidationIsStrictUnlessSaidOtherwise() {
        assertThat(loader.parse("", "b.yaml").policies().validation()).isEqualTo("strict");
        assertThat(loader.parse("policies: {validation: permissive}", "b.yaml").policies().validation())
                .isEqualTo("permissive");
        assertThatThrownBy(() -> loader.parse("policies:\n  validation: lenient\n", "b.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("b.yaml:")
                .hasMessageContaining("policies.validation must be strict, permissive or off, not 'lenient'");
    }

    @Test
    void serverHostsAndBodyTimeoutAreValidated() {
        BulwarkConfig config = loader.parse("server: {allowedHosts: [gw.example.com], bodyTimeoutSeconds: 3}", "b.yaml");
        assertThat(config.server().allowedHosts()).containsExactly("gw.example.com");
        assertThat(config.server().bodyTimeoutSeconds()).isEqualTo(3);
        assertThat(loader.parse("", "b.yaml").server().bodyTimeoutSeconds()).isEqualTo(10);
        assertThatThrownBy(() -> loader.parse("server: {allowedHosts: [\"http://gw.example.com/\"]}", "b.yaml"))
                .hasMessageContaining("server.allowedHosts holds host names");
        assertThatThrownBy(() -> loader.parse("server: {bodyTimeoutSeconds: 0}", "b.yaml"))
                .hasMessageContaining("server.bodyTimeoutSeconds must be between 1 and 300");
    }

    @Test
    void readsEverySection() {
        BulwarkConfig config = loader.parse("""
                dataDir: /tmp/x
                server: {port: 9090, maxRequestBytes: 4096, allowedOrigins: [http://app.example]}
                identity: {tokenTtl: 5m, clockSkew: PT10S}
                audit: {checkpointEvery: 10}
                demo: {enabled: false}
                upstreams:
                  - {name: files, url: http://127.0.0.1:9000/mcp, kinds: {read_file: read}, pinning: manual}
                """, "b.yaml");
        assertThat(config.server().port()).isEqualTo(9090);
        assertThat(config.identity().tokenLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.identity().skew()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.upstreams().get(0).pinning()).isEqualTo("manual");
        assertThat(config.demo().on()).isFalse();
    }

    @Test
    void unknownKeyNamesFileLineAndKnownKeys() {
        assertThatThrownBy(() -> loader.parse("server:\n  prot: 1\n", "bulwark.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bulwark.yaml:2:")
                .hasMessageContaining("unknown key 'prot'")
                .hasMessageContaining("port");
    }

    @Test
    void invalidValueNamesLineAndRule() {
        assertThatThrownBy(() -> loader.parse("dataDir: x\nserver:\n  port: 70000\n", "b.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("b.yaml:2:")
                .hasMessageContaining("server.port must be between 0 and 65535");
        assertThatThrownBy(() -> loader.parse("identity:\n  tokenTtl: 48h\n", "b.yaml"))
                .hasMessageContaining("at most 24h");
        assertThatThrownBy(() -> loader.parse("identity:\n  tokenTtl: soon\n", "b.yaml"))
                .hasMessageContaining("not a duration");
    }

    @Test
    void upstreamNeedsExactlyOneOfUrlAndCommand() {
        assertThatThrownBy(() -> loader.parse("upstreams:\n  - {name: x}\n", "b.yaml"))
                .hasMessageContaining("exactly one of url or command");
        assertThatThrownBy(() -> loader.parse(
                "upstreams:\n  - {name: x, url: 'http://a/mcp', command: [ls]}\n", "b.yaml"))
                .hasMessageContaining("exactly one of url or command");
        assertThatThrownBy(() -> loader.parse("upstreams:\n  - {name: x, url: 'file:///etc/passwd'}\n", "b.yaml"))
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> loader.parse("upstreams:\n  - name: ok\n    url: 'http://a/mcp'\n"
                + "  - name: b\n    url: 'ftp://b'\n", "b.yaml"))
                .hasMessageStartingWith("b.yaml:4:").hasMessageContaining("http(s)");
        assertThatThrownBy(() -> loader.parse(
                "upstreams:\n  - {name: a, url: 'http://a/mcp'}\n  - {name: a, url: 'http://b/mcp'}\n", "b.yaml"))
                .hasMessageContaining("unique");
    }

    @Test
    void malformedYamlIsAClearError() {
        assertThatThrownBy(() -> loader.parse("server: [unclosed\n", "b.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("b.yaml:");
        assertThatThrownBy(() -> loader.parse("database:\n  url: mysql://x\n", "b.yaml"))
                .hasMessageContaining("jdbc:sqlite: or jdbc:postgresql:");
    }

    @Test
    void secretFromMissingEnvironmentVariableIsRefused() {
        assertThatThrownBy(() -> loader.parse("database:\n  password: ${BULWARK_TEST_SURELY_UNSET_VAR}\n", "b.yaml"))
                .hasMessageContaining("BULWARK_TEST_SURELY_UNSET_VAR");
    }
}
