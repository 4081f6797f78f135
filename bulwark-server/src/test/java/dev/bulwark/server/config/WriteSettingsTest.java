package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.engine.writes.WriteRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code writes:} section: parsed into rules in order, errors at the offending rule's line. */
class WriteSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void rulesAreReadInOrder() {
        BulwarkConfig config = loader.parse("""
                writes:
                  pay.*:
                    - {argument: /amount, max: 100, action: clamp}
                    - {argument: /to, domainIn: [example.com], subdomains: true}
                    - {budget: 1000, argument: /amount, per: 1d, scope: user}
                  crm.update_customer_note:
                    - {rate: 5, per: 1m, scope: agent}
                """, "b.yaml");
        assertThat(config.writeRules()).extracting(r -> r.tools()).containsExactly("pay.*", "crm.update_customer_note");
        assertThat(config.writeRules().getFirst().rules()).hasExactlyElementsOfTypes(WriteRule.NumberRange.class,
                WriteRule.DomainIn.class, WriteRule.Budget.class);
    }

    @Test
    void aBadRuleIsReportedAtItsLine() {
        assertThatThrownBy(() -> loader.parse("""
                writes:
                  pay.send:
                    - {argument: /amount, max: 100}
                    - argument: /to
                      domainIn: [example.com]
                      action: clamp
                """, "b.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("b.yaml:4:")
                .hasMessageContaining("clamp applies to max/min/maxLength only");
        assertThatThrownBy(() -> loader.parse("writes:\n  pay.send:\n    - {rate: 5, per: 1w, scope: agent}\n",
                "b.yaml")).hasMessageStartingWith("b.yaml:3:").hasMessageContaining("per must be a window");
        assertThatThrownBy(() -> loader.parse("writes:\n  pay.send:\n    - {argument: /a, maximum: 5}\n", "b.yaml"))
                .hasMessageStartingWith("b.yaml:3:").hasMessageContaining("is a key misspelt");
        assertThatThrownBy(() -> loader.parse("writes:\n  pay.send:\n    - {argument: /a, max: 5, actoin: clamp}\n",
                "b.yaml")).hasMessageStartingWith("b.yaml:3:").hasMessageContaining("unknown key 'actoin'");
        assertThatThrownBy(() -> loader.parse("writes:\n  pay.send:\n    - {argument: /a, max: 5, allow: [x]}\n",
                "b.yaml")).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> loader.parse("writes:\n  pay.send:\n    - {argument: /a, pattern: '([a'}\n",
                "b.yaml")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> loader.parse("writes:\n  pay.send: []\n", "b.yaml"))
                .hasMessageContaining("needs a list of rules");
        assertThatThrownBy(() -> loader.parse("writes:\n  'pay send':\n    - {rate: 1, per: 1h, scope: agent}\n",
                "b.yaml")).hasMessageContaining("tool name or glob");
    }

    @Test
    void theExampleInConfigurationMdLoads() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of("../docs/CONFIGURATION.md"));
        int start = doc.indexOf("\nwrites:");
        String section = doc.substring(start + 1, doc.indexOf("\n```", start));
        BulwarkConfig config = loader.parse(section, "CONFIGURATION.md");
        assertThat(config.writeRules()).extracting(r -> r.tools())
                .containsExactly("crm.update_customer_note", "payments.*");
        assertThat(config.writeRules().get(1).rules()).hasSize(5);
    }

    @Test
    void theDocumentedDemoExampleLoads() {
        BulwarkConfig config = loader.load(Path.of("../docs/examples/bulwark-demo-writes.yaml"));
        assertThat(config.writes()).containsOnlyKeys("crm.update_customer_note", "crm.delete_customer");
    }
}
