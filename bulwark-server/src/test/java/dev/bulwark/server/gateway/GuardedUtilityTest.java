package dev.bulwark.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.data.sql.SqlConnector;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.spi.guard.OutputGuard;
import dev.bulwark.spi.guard.Screening;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.tool.Content;
import dev.bulwark.spi.tool.ProgressListener;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolCall;
import dev.bulwark.spi.tool.ToolResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Utility of governed answers after the default output guards: the share of benign demo queries whose answer reaches
 * the agent as the data policy made it. "Before" screens every cell with the PII guard (results without governed
 * ranges, as before the data policy could mark them); "after" is the gateway's behaviour.
 */
class GuardedUtilityTest {
    @TempDir
    Path data;

    @Test
    void theDefaultGuardsLeaveGovernedAnswersIntact() throws Exception {
        List<String> queries;
        try (InputStream in = getClass().getResourceAsStream("/sql-benign/demo.txt")) {
            queries = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("%%")).toList();
        }
        int before = 0;
        int after = 0;
        List<String> changed = new ArrayList<>();
        try (Gateway gateway = TestGateways.start(data)) {
            String key = gateway.demoCredentials().supportBotKey();
            Principal support = ((dev.bulwark.spi.identity.Authentication.Authenticated) gateway.identity()
                    .authenticator().authenticate(TestGateways.token(gateway, "support-bot", key))).principal();
            SqlConnector sales = (SqlConnector) gateway.tools().connectorFor(
                    gateway.tools().find("sales.query").orElseThrow());
            Tool query = sales.tools().getFirst();
            for (String sql : queries) {
                ToolCall call = new ToolCall("c", query, Map.of("sql", sql), support, "s-" + sql.hashCode());
                ToolResult answer = sales.call(call, ProgressListener.IGNORE);
                assertThat(answer.error()).as(sql + ": " + answer.joinedText()).isFalse();
                Content.Text text = (Content.Text) answer.content().getFirst();
                ToolResult unmarked = new ToolResult(List.of(new Content.Text(text.text())), false, answer.labels());
                if (screened(gateway, call, unmarked).equals(text.text())) {
                    before++;
                }
                if (screened(gateway, call, answer).equals(text.text())) {
                    after++;
                } else {
                    changed.add(sql);
                }
            }
        }
        String report = "demo queries through the default output guards: before " + before + "/" + queries.size()
                + ", after " + after + "/" + queries.size() + " answered intact\n  changed after: " + changed + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target", "guarded-utility.txt"), report);
        assertThat(after).as(report).isGreaterThan(before);
        // What still changes must be free text (notes) or a value computed by the query, never a plain governed
        // column: every such query mentions notes, concatenates or aggregates text.
        assertThat(changed).allMatch(sql -> sql.contains("notes") || sql.contains("||") || sql.contains("group_concat")
                || sql.contains("json_object") || sql.contains("upper") || sql.contains("SELECT *"), report);
    }

    private static String screened(Gateway gateway, ToolCall call, ToolResult result) {
        ToolResult current = result;
        for (OutputGuard guard : gateway.guards().outputGuards()) {
            Screening s = guard.screen(call, current);
            if (s instanceof Screening.Block) {
                return "<blocked>";
            }
            if (s instanceof Screening.Rewrite r) {
                current = r.result();
            }
        }
        return current.joinedText();
    }
}
