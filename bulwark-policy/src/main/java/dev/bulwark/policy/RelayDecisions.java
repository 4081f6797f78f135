package dev.bulwark.policy;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.Value;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether an upstream may ask the principal's client for a feature while a call runs: Cedar action
 * {@code Bulwark::Action::"<feature>"} (in {@code Bulwark::Action::"relay"}) on the running call's tool, with the
 * call's context. Like calls, allowed only when allowed for the agent and, under delegation, for the user; any error
 * denies. Relaying is rare next to calls, so it is decided against the whole policy set rather than a slice.
 */
final class RelayDecisions {
    /** The features an upstream may ask for, as Cedar action ids. */
    static final Set<String> FEATURES = Set.of("sampling", "elicitation", "roots");
    private static final EntityUID RELAY = new EntityRef(EntityRef.ACTION, "relay").toUid();

    private RelayDecisions() {}

    static Decision decide(AuthorizationEngine cedar, PolicySnapshot snapshot, PrincipalCache principals,
                           DecisionRequest call, String feature) {
        if (feature == null || !FEATURES.contains(feature)) {
            return new Decision.Deny(List.of(), "unknown relay feature " + feature, List.of());
        }
        String what = feature + " during " + call.tool().name();
        try {
            PrincipalEntities agent = principals.of(call.principal().agent());
            Optional<PrincipalEntities> user = call.principal().user().map(principals::of);
            ToolEntities tool = ToolEntities.of(call.tool());
            EntityUID action = new EntityRef(EntityRef.ACTION, feature).toUid();
            Set<Entity> entities = new HashSet<>();
            entities.add(new Entity(action, new HashMap<>(), Set.of(RELAY)));
            entities.add(tool.resourceEntity());
            entities.add(agent.entity());
            user.ifPresent(u -> entities.add(u.entity()));
            Map<String, Value> context;
            try {
                context = RequestContext.of(call, agent.uid());
            } catch (ArgumentConversion.Refused e) {
                return new Decision.Deny(List.of(), "arguments cannot be evaluated by policy: " + e.getMessage(),
                        List.of(e.getMessage()));
            }
            List<PrincipalEntities> sides = new ArrayList<>();
            sides.add(agent);
            user.ifPresent(sides::add);
            List<String> permits = new ArrayList<>();
            for (PrincipalEntities side : sides) {
                AuthorizationResponse response = cedar.isAuthorized(new AuthorizationRequest(side.uid(), action,
                        tool.resourceUid(), context), snapshot.wholeSet(), entities);
                if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
                    return new Decision.Deny(List.of(), what + " could not be evaluated",
                            List.of(side.description() + ": Cedar did not evaluate the request"));
                }
                AuthorizationSuccessResponse success = response.success.get();
                List<String> errors = success.getErrors().stream().map(e -> side.description() + ": policy "
                        + e.getPolicyId() + ": " + (e.getError() == null ? "evaluation error"
                        : e.getError().message)).sorted().toList();
                List<String> reasons = success.getReason().stream().sorted().toList();
                if (!success.isAllowed() || !errors.isEmpty()) {
                    return new Decision.Deny(success.isAllowed() ? List.of() : reasons,
                            what + " is not permitted for " + side.description(), errors);
                }
                reasons.stream().filter(id -> !permits.contains(id)).forEach(permits::add);
            }
            return new Decision.Allow(permits, List.of());
        } catch (Exception | LinkageError e) {
            return new Decision.Deny(List.of(), "policy evaluation failed", List.of(String.valueOf(e)));
        }
    }
}
