package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents and users are different Cedar entity types: a policy about one never applies to the other of the same id. */
class PrincipalKindsTest {
    static final Tool READ = Requests.tool("crm.get_customer", ToolKind.READ);

    @TempDir
    Path dir;

    @Test
    void aPermitForAUserDoesNotAdmitAnAgentOfTheSameIdNorTheReverse() throws IOException {
        Files.writeString(dir.resolve("p.cedar"), """
                permit(principal == Bulwark::User::"alice", action, resource);
                permit(principal == Bulwark::Agent::"helper", action, resource);
                """);
        CedarPolicyEngine engine = CedarPolicyEngine.load(dir);

        assertThat(engine.mayList(Requests.principal(Requests.agent("alice")), READ)).isFalse();
        assertThat(engine.mayList(Requests.principal(Requests.agent("helper"), Requests.user("alice")), READ))
                .isTrue();
        assertThat(engine.mayList(Requests.principal(Requests.agent("helper"), Requests.user("helper")), READ))
                .isFalse();
        assertThat(engine.mayList(Requests.principal(Requests.agent("alice"), Requests.user("alice")), READ))
                .isFalse();
    }
}
