package dev.bulwark.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.model.schema.Schema;
import com.cedarpolicy.value.Value;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.tool.Tool;
import dev.bulwark.spi.tool.ToolKind;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schema is the one place the decision context is declared: the request the engine really builds (context,
 * action, resource and principal entities) passes Cedar's request validation against {@code bulwark.cedarschema}.
 * An attribute the engine starts to send without declaring it, or a declared one it stops sending, fails here.
 */
class SchemaMatchesEngineTest {

    @ParameterizedTest
    @EnumSource(ToolKind.class)
    void theEnginesRequestsConformToTheSchema(ToolKind kind) throws Exception {
        conforms(kind, null);
    }

    @ParameterizedTest
    @EnumSource(dev.bulwark.spi.policy.Subject.Type.class)
    void requestsAboutResourcesAndPromptsConformToTheSchema(dev.bulwark.spi.policy.Subject.Type type)
            throws Exception {
        conforms(ToolKind.READ, new dev.bulwark.spi.policy.Subject(type, "test://template/{id}/data"));
    }

    private static void conforms(ToolKind kind, dev.bulwark.spi.policy.Subject subject) throws Exception {
        Schema schema = PolicySchema.of(Optional.empty()).schema().orElseThrow();
        Tool tool = Requests.tool("crm.some_tool", kind, "pii");
        Principal principal = Requests.principal(Requests.agent("a1", "support"), Requests.user("u1", "staff"));
        // with the flow facts the engine's flow step sends (per-argument facts need the deployment's FlowArgs)
        Map<String, Object> flow = new java.util.LinkedHashMap<>();
        flow.put("args", Map.of());
        for (String fact : new String[] {"untrusted_in_sink", "sinks_from_untrusted_only",
                "untrusted_identifier_in_sink", "untrusted_value_in_sink", "unseen_identifier_in_sink", "intent_declared", "identifier_outside_intent_in_sink", "unseen_in_sink"}) {
            flow.put(fact, true);
        }
        flow.put("untrusted_sinks", java.util.List.of("to"));
        flow.put("sink_labels", java.util.List.of("pii"));
        DecisionRequest request = new DecisionRequest(principal, tool, Map.of(),
                dev.bulwark.spi.session.SessionFacts.fresh("s-1", Requests.MONDAY_NOON), Requests.MONDAY_NOON, flow,
                subject);
        PrincipalEntities agent = PrincipalEntities.of(principal.agent());
        PrincipalEntities user = PrincipalEntities.of(principal.user().orElseThrow());
        ToolEntities toolEntities = ToolEntities.of(tool, subject);
        Map<String, Value> context = RequestContext.of(request, agent.uid());
        Set<Entity> entities = Set.of(toolEntities.resourceEntity(), toolEntities.actionEntity(), agent.entity(),
                user.entity());

        for (PrincipalEntities side : new PrincipalEntities[] {agent, user}) {
            AuthorizationResponse response = new BasicAuthorizationEngine().isAuthorized(new AuthorizationRequest(
                    side.uid(), toolEntities.actionUid(), toolEntities.resourceUid(), Optional.of(context),
                    Optional.of(schema), true), new PolicySet(), entities);
            assertThat(response.type).as(String.valueOf(response.errors))
                    .isEqualTo(AuthorizationResponse.SuccessOrFailure.Success);
        }
    }
}
