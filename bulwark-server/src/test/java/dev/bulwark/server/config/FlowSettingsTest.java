package dev.bulwark.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowSettingsTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsTrustNoOutputAndDeclareNoSinks() {
        FlowSettings flow = loader.parse("", "b.yaml").flow();
        assertThat(flow.maxSessions()).isEqualTo(10_000);
        assertThat(flow.forTool("crm.get_customer")).isNull();
    }

    @Test
    void readsSinksAndTrustPerToolNameOrGlobFirstMatchWinning() {
        FlowSettings flow = loader.parse("""
                flow:
                  maxSessions: 50
                  tools:
                    - tool: bank.send_money
                      sinks: [recipient, /payment/iban, "/a~1b/c"]
                    - tool: "bank.*"
                      trustedOutput: true
                    - tool: "mail.*"
                      sinks: ["*"]
                """, "b.yaml").flow();
        assertThat(flow.maxSessions()).isEqualTo(50);
        ToolFlowSettings send = flow.forTool("bank.send_money");
        assertThat(send.sinkArguments()).isEqualTo(Set.of("recipient", "payment", "a/b"));
        assertThat(send.trustedOutput()).as("first match wins; trust is never inherited from a later glob").isFalse();
        assertThat(flow.forTool("bank.balance").trustedOutput()).isTrue();
        assertThat(flow.forTool("mail.send").sinkArguments()).containsExactly("*");
        assertThat(flow.forTool("mailbox.send")).as("a glob is not a prefix match").isNull();
        assertThat(flow.forTool("xbank.balance")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "flow: {tools: [{tool: ''}]}",
            "flow: {tools: [{tool: ' mail.send'}]}",
            "flow: {tools: [{tool: a.b}, {tool: a.b}]}",
            "flow: {tools: [{tool: a.b, sinks: ['']}]}",
            "flow: {tools: [{tool: a.b, sinks: ['/']}]}",
            "flow: {tools: [{tool: a.b, sinks: ['/x~2']}]}",
            "flow: {tools: [{tool: a.b, sinks: [null]}]}",
            "flow: {tools: [{tool: a.b, trusted: true}]}",
            "flow: {tools: [{tool: a.b, trustedOutput: maybe}]}",
            "flow: {tools: [null]}",
            "flow: {maxSessions: 0}",
            "flow: {maxSessions: 2000000}",
            "flow: {sinks: [x]}",
    })
    void refusesBadFlowConfiguration(String yaml) {
        assertThatThrownBy(() -> loader.parse(yaml, "b.yaml")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("b.yaml");
    }
}
