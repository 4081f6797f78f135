package dev.bulwark.server.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.policy.PolicyOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Draft policies as a hostile administrator's script (or a stolen admin token) would send them to the what-if API: the
 * parser behind it must refuse them as invalid, never take the gateway's process down.
 */
class HostileDraftTest {
    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    @Test
    void deeplyNestedConditionsWithinTheBodyLimitAreRefusedNotFatal() throws Exception {
        for (String condition : new String[] {nested("(", "true", ")", 30_000), "!".repeat(60_000) + "true",
                nested("[", "1", "]", 30_000), nested("if true then ", "true", " else false", 4_000),
                "-".repeat(60_000) + "1", nested("{a: ", "1", "}", 12_000)}) {
            String text = "permit (principal, action, resource) when { " + condition + " };";
            assertThatThrownBy(() -> DraftPolicies.load(Map.of("deep.cedar", text), PolicyOptions.strict()))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(DraftPolicies.load(Map.of("ok.cedar", "permit (principal, action, resource);"),
                PolicyOptions.strict())).isNotNull();
    }
}
