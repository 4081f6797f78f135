package dev.bulwark.policy;

import com.cedarpolicy.AuthorizationEngine;
import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.AuthorizationResponse;
import com.cedarpolicy.model.AuthorizationSuccessResponse;
import com.cedarpolicy.model.DetailedError;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.exception.AuthException;
import com.cedarpolicy.value.Value;
import dev.bulwark.spi.identity.Principal;
import dev.bulwark.spi.policy.Decision;
import dev.bulwark.spi.policy.DecisionRequest;
import dev.bulwark.spi.policy.Obligation;
import dev.bulwark.spi.policy.PolicyEngine;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.Tool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Decides tool calls with Cedar policies read from a directory of {@code *.cedar} files. The entity model is
 * described in {@link dev.bulwark.policy the package documentation}.
 *
 * <p>Deny by default: a call is allowed only when a permit applies and no forbid does, for the agent and, under
 * delegation, for the user as well. Any evaluation error denies. A reload that fails validation leaves the
 * policies in force unchanged.
 */
public final class CedarPolicyEngine implements PolicyEngine {
    private final Path directory;
    private final PolicyOptions options;
    private final AtomicReference<PolicySnapshot> current;
    private volatile List<PolicyProblem> warnings;
    private final AuthorizationEngine cedar = new BasicAuthorizationEngine();
    private final PrincipalCache principals = new PrincipalCache();

    private CedarPolicyEngine(Path directory, PolicyOptions options, PolicyLoader.Outcome first) {
        this.directory = directory;
        this.options = options;
        this.current = new AtomicReference<>(new PolicySnapshot(first.policies()));
        this.warnings = first.warnings();
    }

    /**
     * Loads the policies of a directory, validated strictly against Bulwark's schema, extended by a single
     * {@code *.cedarschema} file in the directory if there is one.
     *
     * @throws PolicyLoadException listing every problem, when the directory is invalid
     */
    public static CedarPolicyEngine load(Path directory) {
        return load(directory, PolicyOptions.strict());
    }

    /** Loads the policies of a directory, validated strictly against Bulwark's schema extended by {@code extension}. */
    public static CedarPolicyEngine load(Path directory, Path extension) {
        return load(directory, PolicyOptions.strict().withExtension(Objects.requireNonNull(extension, "extension")));
    }

    public static CedarPolicyEngine load(Path directory, PolicyOptions options) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        PolicyLoader.Outcome outcome = PolicyLoader.load(directory, options);
        if (!outcome.problems().isEmpty()) {
            throw new PolicyLoadException(outcome.problems());
        }
        return new CedarPolicyEngine(directory, options, outcome);
    }

    /** Checks a policy directory without loading it anywhere, for {@code bulwark policy validate}. */
    public static PolicyLoad validate(Path directory) {
        return validate(directory, PolicyOptions.strict());
    }

    /** Checks a policy directory against Bulwark's schema extended by {@code extension}. */
    public static PolicyLoad validate(Path directory, Path extension) {
        return validate(directory, PolicyOptions.strict().withExtension(Objects.requireNonNull(extension, "extension")));
    }

    public static PolicyLoad validate(Path directory, PolicyOptions options) {
        return result(PolicyLoader.load(Objects.requireNonNull(directory, "directory"),
                Objects.requireNonNull(options, "options")));
    }

    /** Bulwark's own Cedar schema, the base every extension adds to. */
    public static String schema() {
        return PolicySchema.text();
    }

    /**
     * Re-reads the directory with the options it was loaded with; on any problem the policies in force stay in
     * force and the problems are returned.
     */
    public synchronized PolicyLoad reload() {
        PolicyLoader.Outcome outcome = PolicyLoader.load(directory, options);
        if (outcome.problems().isEmpty()) {
            current.set(new PolicySnapshot(outcome.policies()));
            warnings = outcome.warnings();
        }
        return result(outcome);
    }

    /** The warnings about the policies in force (see {@link PolicyLoad.Loaded#warnings()}). */
    public List<PolicyProblem> warnings() {
        return warnings;
    }

    /**
     * Policies in force whose resource scope names a tool or a connector that none of {@code tools} is or belongs
     * to: they never match, and a forbid that never matches forbids nothing. SQL tables
     * ({@code <connector>.table.<name>}) are resources too; one is reported only when its connector is unknown.
     */
    public List<PolicyProblem> unknownResources(Collection<Tool> tools) {
        Set<String> names = new HashSet<>();
        Set<String> connectors = new HashSet<>();
        tools.forEach(t -> {
            names.add(t.name());
            connectors.add(t.connector());
        });
        List<PolicyProblem> out = new ArrayList<>();
        for (LoadedPolicy policy : current.get().policies()) {
            for (EntityRef ref : policy.resource().references()) {
                String unknown = null;
                if (ref.type().equals(EntityRef.TOOL) && !names.contains(ref.id())) {
                    int table = ref.id().indexOf(".table.");
                    if (table <= 0 || !connectors.contains(ref.id().substring(0, table))) {
                        unknown = "tool `" + ref.id() + "`, which no connector offers";
                    }
                } else if (ref.type().equals(EntityRef.CONNECTOR) && !connectors.contains(ref.id())) {
                    unknown = "connector `" + ref.id() + "`, which is not configured";
                }
                if (unknown != null) {
                    out.add(new PolicyProblem(policy.file(), policy.line(), policy.column(), "policy `"
                            + policy.id() + "` names " + unknown + ": it never matches"));
                }
            }
        }
        return out;
    }

    /** The number of policies in force. */
    public int policyCount() {
        return current.get().size();
    }

    @Override
    public Decision decide(DecisionRequest request) {
        return decide(request, true);
    }

    /** Decides against the whole policy set instead of the tool's slice; for tests proving slicing changes nothing. */
    Decision decideUnsliced(DecisionRequest request) {
        return decide(request, false);
    }

    /** How many policies decide calls of this tool; for tests showing that slicing cuts the set. */
    int sliceSize(Tool tool) {
        return current.get().sliceFor(tool).policies().size();
    }

    /** How many policies decide calls of this tool by this principal's agent; for tests of principal slicing. */
    int sliceSize(Tool tool, Principal principal) {
        return current.get().sliceFor(tool, principals.of(principal.agent())).policies().size();
    }

    /** How many distinct policy sets the policies in force had Cedar cache; for tests of the cache bound. */
    int cachedSetCount() {
        return current.get().sharedSetCount();
    }

    @Override
    public boolean mayList(Principal principal, Tool tool) {
        return mayList(principal, tool, null);
    }

    @Override
    public boolean mayList(Principal principal, Tool tool, Subject subject) {
        try {
            PolicySnapshot.Slice slice = current.get().sliceFor(tool, subject);
            if (!listable(slice, principals.of(principal.agent()))) {
                return false;
            }
            return principal.user().map(user -> listable(slice, principals.of(user))).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Decision decideRelay(DecisionRequest call, String feature) {
        return RelayDecisions.decide(cedar, current.get(), principals, call, feature);
    }

    private static boolean listable(PolicySnapshot.Slice slice, PrincipalEntities side) {
        boolean permitted = false;
        for (LoadedPolicy policy : slice.policies()) {
            if (policy.admits(side.ref(), side.ancestors())) {
                if (!policy.permit() && policy.unconditional()) {
                    return false;
                }
                permitted |= policy.permit();
            }
        }
        return permitted;
    }

    private Decision decide(DecisionRequest request, boolean sliced) {
        try {
            PolicySnapshot snapshot = current.get();
            Tool tool = request.tool();
            Subject subject = request.subject();
            Principal principal = request.principal();
            PrincipalEntities agent = principals.of(principal.agent());
            Optional<PrincipalEntities> user = principal.user().map(principals::of);
            PolicySnapshot.Slice agentSlice = sliced ? snapshot.sliceFor(tool, subject, agent)
                    : snapshot.unslicedFor(tool, subject);
            Optional<PolicySnapshot.Slice> userSlice = user.map(u -> sliced ? snapshot.sliceFor(tool, subject, u)
                    : agentSlice);
            Map<String, Value> context;
            try {
                context = RequestContext.of(request, agent.uid());
            } catch (ArgumentConversion.Refused e) {
                return new Decision.Deny(List.of(), "arguments cannot be evaluated by policy: " + e.getMessage(),
                        List.of(e.getMessage()));
            }
            // The user's evaluation sees the agent too, through context.agent.
            ToolEntities toolEntities = agentSlice.tool();
            Set<Entity> entities = user.isEmpty()
                    ? Set.of(toolEntities.resourceEntity(), toolEntities.actionEntity(), agent.entity())
                    : Set.of(toolEntities.resourceEntity(), toolEntities.actionEntity(), agent.entity(),
                            user.get().entity());
            List<SideVerdict> verdicts = new ArrayList<>(2);
            verdicts.add(liftable(snapshot, agent, agentSlice, context, entities));
            if (user.isPresent()) {
                verdicts.add(liftable(snapshot, user.get(), userSlice.orElseThrow(), context, entities));
            }
            return combine(snapshot, subject == null ? tool.name() : subject.id(), verdicts);
        } catch (Exception | LinkageError e) {
            return new Decision.Deny(List.of(), "policy evaluation failed", List.of(String.valueOf(e)));
        }
    }

    /**
     * One side's answer, where forbids carrying {@code @approval} only ask for a human: when every forbid that denied
     * the side carries it, and nothing failed, the side is decided again without them; if a permit then allows it, the
     * side is allowed with those forbids {@linkplain SideVerdict#lifted lifted}, and their approval becomes an
     * obligation. A lifted forbid never grants anything a permit does not.
     */
    private SideVerdict liftable(PolicySnapshot snapshot, PrincipalEntities side, PolicySnapshot.Slice slice,
                                 Map<String, Value> context, Set<Entity> entities) throws AuthException {
        SideVerdict verdict = evaluate(side, slice, context, entities);
        if (verdict.allowed() || !verdict.errors().isEmpty() || verdict.policyIds().isEmpty()
                || !verdict.policyIds().stream().allMatch(id -> asksApproval(snapshot.policy(id)))) {
            return verdict;
        }
        SideVerdict without = evaluate(side, snapshot.without(slice, Set.copyOf(verdict.policyIds())), context,
                entities);
        return without.allowed()
                ? new SideVerdict(side, true, without.policyIds(), List.of(), verdict.policyIds())
                : verdict;
    }

    private static boolean asksApproval(LoadedPolicy policy) {
        return policy != null && !policy.permit()
                && policy.obligations().stream().anyMatch(o -> o.name().equals(Obligation.APPROVAL));
    }

    /**
     * One side's answer. A principal slice holds scopeless policies, so Cedar is sent only the entities and context
     * attributes their conditions can read (none at all when no condition reaches entity data).
     */
    private SideVerdict evaluate(PrincipalEntities side, PolicySnapshot.Slice slice, Map<String, Value> context,
                                 Set<Entity> entities) throws AuthException {
        if (slice.decidedByScope()) {
            return decidedByScope(side, slice);
        }
        ConditionUse reads = slice.reads();
        AuthorizationRequest request = new AuthorizationRequest(side.uid(), slice.tool().actionUid(),
                slice.tool().resourceUid(), reads.context().project(context));
        AuthorizationResponse response = cedar.isAuthorized(request, slice.cedar(),
                reads.entities() ? entities : Set.of());
        if (response.type != AuthorizationResponse.SuccessOrFailure.Success || response.success.isEmpty()) {
            List<String> errors = new ArrayList<>();
            response.errors.ifPresent(list -> list.forEach(e -> errors.add(side.description() + ": " + e.message)));
            if (errors.isEmpty()) {
                errors.add(side.description() + ": Cedar did not evaluate the request");
            }
            return new SideVerdict(side, false, List.of(), errors);
        }
        AuthorizationSuccessResponse success = response.success.get();
        List<String> errors = new ArrayList<>();
        for (AuthorizationSuccessResponse.AuthorizationError error : success.getErrors()) {
            DetailedError detail = error.getError();
            errors.add(side.description() + ": policy " + error.getPolicyId() + ": "
                    + (detail == null ? "evaluation error" : detail.message));
        }
        // Cedar reports errors in no fixed order; sorted, equal requests give equal decisions.
        errors.sort(null);
        List<String> determining = success.getReason().stream().sorted().toList();
        if (success.isAllowed()) {
            return errors.isEmpty() ? new SideVerdict(side, true, determining, List.of())
                    : new SideVerdict(side, false, List.of(), errors);
        }
        return new SideVerdict(side, false, determining, errors);
    }

    /**
     * Cedar's answer for a slice of unconditional policies that all apply to this principal: denied by every forbid
     * if there is one, else allowed by every permit, else denied by none. Nothing can fail to evaluate.
     */
    private static SideVerdict decidedByScope(PrincipalEntities side, PolicySnapshot.Slice slice) {
        List<String> forbids = slice.policies().stream().filter(p -> !p.permit()).map(LoadedPolicy::id).sorted()
                .toList();
        if (!forbids.isEmpty()) {
            return new SideVerdict(side, false, forbids, List.of());
        }
        List<String> permits = slice.policies().stream().map(LoadedPolicy::id).sorted().toList();
        return new SideVerdict(side, !permits.isEmpty(), permits, List.of());
    }

    private static Decision combine(PolicySnapshot snapshot, String target, List<SideVerdict> verdicts) {
        Set<String> ids = new LinkedHashSet<>();
        if (verdicts.stream().allMatch(SideVerdict::allowed)) {
            verdicts.forEach(v -> ids.addAll(v.policyIds()));
            Set<Obligation> obligations = new LinkedHashSet<>();
            for (String id : ids) {
                LoadedPolicy policy = snapshot.policy(id);
                if (policy != null) {
                    obligations.addAll(policy.obligations());
                }
            }
            verdicts.forEach(v -> v.lifted().forEach(id -> obligations.addAll(snapshot.policy(id).obligations())));
            return new Decision.Allow(List.copyOf(ids), List.copyOf(obligations));
        }
        List<String> reasons = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (SideVerdict verdict : verdicts) {
            errors.addAll(verdict.errors());
            if (!verdict.allowed()) {
                ids.addAll(verdict.policyIds());
                reasons.add(verdict.denial(target));
            }
        }
        return new Decision.Deny(List.copyOf(ids), String.join("; ", reasons), errors);
    }

    private static PolicyLoad result(PolicyLoader.Outcome outcome) {
        return outcome.problems().isEmpty() ? new PolicyLoad.Loaded(outcome.policies().size(), outcome.warnings())
                : new PolicyLoad.Rejected(outcome.problems());
    }
}
