package dev.bulwark.policy;

import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
import dev.bulwark.spi.policy.Subject;
import dev.bulwark.spi.tool.Tool;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable set of loaded policies and the slices cut from it.
 *
 * <p>cedar-java's cost per decision grows with the number of policies it is handed, so each call is decided against
 * a slice: the policies whose action and resource scope can match the tool and whose principal scope can match the
 * principal. Cedar evaluates a policy's scope before its conditions and a scope cannot fail, so a policy left out of
 * a slice could neither have applied nor raised an error: the slice decides exactly as the whole set would. For the
 * same reason a principal slice is evaluated with its members' scopes left open ({@link LoadedPolicy#scopeless()}):
 * they are known to match, and Cedar then needs entity data only where a condition reads it.
 *
 * <p>Slices are remembered per tool and {@link PrincipalSignature principal signature}. Slices with the same members
 * share one natively cached {@link PolicySet}. cedar-java's native cache is global, bounded and never evicts on its
 * own, so one snapshot caches at most {@link #MAX_CACHED_PRINCIPAL_SETS} distinct principal slices; past that a
 * principal slice is decided with its tool's whole slice, cached while {@link #MAX_CACHED_SETS} allows (still exact:
 * the tool slice is a superset whose extra policies cannot match the principal), and otherwise uncached (slower, same
 * result). When cedar-java's own cache is full the set is likewise evaluated uncached.
 */
final class PolicySnapshot {
    /** Tools beyond this many are sliced on every call instead of remembered, bounding memory. */
    static final int MAX_REMEMBERED_TOOLS = 4096;
    /** Principal slices of one tool beyond this many are cut on every call instead of remembered. */
    static final int MAX_REMEMBERED_PRINCIPALS_PER_TOOL = 1024;
    /**
     * Distinct natively cached policy sets per snapshot, principal slices and tool slices together; cedar-java's own
     * default limit is 1,024 for the whole JVM, and the sets of a replaced snapshot stay cached until collected.
     */
    static final int MAX_CACHED_SETS = 384;
    /** Of {@link #MAX_CACHED_SETS}, how many principal slices may take; the rest is kept for tool slice fallbacks. */
    static final int MAX_CACHED_PRINCIPAL_SETS = 256;

    /**
     * The policies that can apply to calls of one tool (and, for a principal slice, by one kind of principal).
     *
     * @param cedar          the set Cedar evaluates: these policies, or a superset of them with the same outcome
     * @param decidedByScope every policy applies to the principal and none has conditions: Cedar's answer is known
     *                       without asking it
     * @param reads          what of the entities and the context {@code cedar} can read; the rest need not be sent
     */
    record Slice(ToolEntities tool, List<LoadedPolicy> policies, PolicySet cedar, boolean decidedByScope,
                 ConditionUse reads) {
        Slice {
            policies = List.copyOf(policies);
        }

        Slice withTool(ToolEntities entities) {
            return new Slice(entities, policies, cedar, decidedByScope, reads);
        }
    }

    /** A policy set to cache: scoped members (as written) or scopeless ones (scope already known to match). */
    private record SetKey(boolean scopeless, BitSet membership) {
    }

    /** A set Cedar evaluates and what it can read. */
    private record Evaluated(PolicySet set, ConditionUse reads) {
    }

    private record ToolKey(String name, String connector, String kind, Subject subject) {
        static ToolKey of(Tool tool, Subject subject) {
            return new ToolKey(tool.name(), tool.connector(), tool.kind().label(), subject);
        }
    }

    /**
     * A tool's slice with the snapshot positions of its members and the principal slices cut from it. Its own
     * {@code slice.cedar()} is not natively cached: it serves listing only; a decision that falls back to the whole
     * tool slice gets a cached set from {@code shared}.
     */
    private record ToolSlice(Slice slice, BitSet membership, int[] positions,
                             Map<PrincipalSignature, Slice> byPrincipal) {
    }

    private final List<LoadedPolicy> policies;
    private final Map<String, LoadedPolicy> byId;
    private final PrincipalSignature.Vocabulary vocabulary;
    private final Map<ToolKey, ToolSlice> slices = new ConcurrentHashMap<>();
    private final Map<SetKey, PolicySet> sharedSets = new ConcurrentHashMap<>();
    private volatile PolicySet whole;
    private int principalSets;

    PolicySnapshot(List<LoadedPolicy> policies) {
        this.policies = List.copyOf(policies);
        this.byId = this.policies.stream().collect(Collectors.toUnmodifiableMap(LoadedPolicy::id, Function.identity()));
        this.vocabulary = PrincipalSignature.Vocabulary.of(this.policies);
    }

    List<LoadedPolicy> policies() {
        return policies;
    }

    int size() {
        return policies.size();
    }

    LoadedPolicy policy(String id) {
        return byId.get(id);
    }

    /** How many distinct policy sets this snapshot had Cedar cache (or would have, past the native limit). */
    int sharedSetCount() {
        return sharedSets.size();
    }

    /** The policies that can apply to calls of {@code tool}, whoever the principal. */
    Slice sliceFor(Tool tool) {
        return sliceFor(tool, (Subject) null);
    }

    /** The policies that can apply to reading {@code subject} through {@code tool} (the tool itself when null). */
    Slice sliceFor(Tool tool, Subject subject) {
        return toolSlice(tool, subject).slice();
    }

    /** The policies that can apply to calls of {@code tool} by {@code principal}. */
    Slice sliceFor(Tool tool, PrincipalEntities principal) {
        return sliceFor(tool, null, principal);
    }

    /** The policies that can apply to reading {@code subject} (or calling the tool, when null) by {@code principal}. */
    Slice sliceFor(Tool tool, Subject subject, PrincipalEntities principal) {
        ToolSlice toolSlice = toolSlice(tool, subject);
        PrincipalSignature signature = vocabulary.signatureOf(principal.ref(), principal.ancestors());
        Slice slice = toolSlice.byPrincipal().get(signature);
        if (slice == null) {
            slice = cut(toolSlice, principal);
            if (toolSlice.byPrincipal().size() < MAX_REMEMBERED_PRINCIPALS_PER_TOOL) {
                Slice raced = toolSlice.byPrincipal().putIfAbsent(signature, slice);
                slice = raced == null ? slice : raced;
            }
        }
        ToolEntities entities = toolSlice.slice().tool();
        return slice.tool() == entities ? slice : slice.withTool(entities);
    }

    /** The whole set as one slice for {@code tool}; used to check that slicing changes no decision. */
    Slice unslicedFor(Tool tool) {
        return unslicedFor(tool, null);
    }

    /** The whole set as one slice for {@code subject} through {@code tool}. */
    Slice unslicedFor(Tool tool, Subject subject) {
        return new Slice(ToolEntities.of(tool, subject), policies, wholeSet(), false, ConditionUse.everything());
    }

    /** Every policy as one Cedar set, as written; built once. */
    PolicySet wholeSet() {
        PolicySet set = whole;
        if (set == null) {
            set = new PolicySet(cedarPolicies(policies, false));
            whole = set;
        }
        return set;
    }

    private ToolSlice toolSlice(Tool tool, Subject subject) {
        ToolKey key = ToolKey.of(tool, subject);
        ToolSlice found = slices.get(key);
        if (found != null) {
            if (found.slice().tool().tool().equals(tool)) {
                return found;
            }
            // Same key, other description or labels: same members, fresh entities for this call only.
            return new ToolSlice(found.slice().withTool(ToolEntities.of(tool, subject)), found.membership(),
                    found.positions(), found.byPrincipal());
        }
        ToolSlice cut = cut(tool, subject);
        if (slices.size() < MAX_REMEMBERED_TOOLS) {
            ToolSlice raced = slices.putIfAbsent(key, cut);
            return raced == null ? cut : raced;
        }
        return cut;
    }

    private ToolSlice cut(Tool tool, Subject subject) {
        ToolEntities entities = ToolEntities.of(tool, subject);
        List<LoadedPolicy> members = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        BitSet membership = new BitSet(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            LoadedPolicy policy = policies.get(i);
            if (policy.concerns(entities)) {
                members.add(policy);
                positions.add(i);
                membership.set(i);
            }
        }
        return new ToolSlice(new Slice(entities, members, new PolicySet(cedarPolicies(members, false)), false,
                ConditionUse.everything()), membership,
                positions.stream().mapToInt(Integer::intValue).toArray(), new ConcurrentHashMap<>());
    }

    private Slice cut(ToolSlice toolSlice, PrincipalEntities principal) {
        List<LoadedPolicy> members = new ArrayList<>();
        BitSet membership = new BitSet(policies.size());
        List<LoadedPolicy> candidates = toolSlice.slice().policies();
        boolean unconditional = true;
        for (int i = 0; i < candidates.size(); i++) {
            LoadedPolicy policy = candidates.get(i);
            if (policy.admits(principal.ref(), principal.ancestors())) {
                members.add(policy);
                membership.set(toolSlice.positions()[i]);
                unconditional &= policy.unconditional();
            }
        }
        Evaluated evaluated = shared(membership, members, toolSlice);
        return new Slice(toolSlice.slice().tool(), members, evaluated.set(), unconditional, evaluated.reads());
    }

    /**
     * The cached set of these members (scopeless), shared by every slice with the same members. Past the principal
     * budget: the tool slice's cached set (a superset with scopes, deciding alike) while the total budget allows,
     * else an uncached set of these members.
     */
    private synchronized Evaluated shared(BitSet membership, List<LoadedPolicy> members, ToolSlice tool) {
        ConditionUse reads = members.stream().map(LoadedPolicy::reads)
                .reduce(new ConditionUse(false, ContextUse.none()), ConditionUse::union);
        SetKey key = new SetKey(true, membership);
        PolicySet set = sharedSets.get(key);
        if (set != null) {
            return new Evaluated(set, reads);
        }
        if (principalSets < MAX_CACHED_PRINCIPAL_SETS) {
            principalSets++;
            set = cached(cedarPolicies(members, true));
            sharedSets.put(key, set);
            return new Evaluated(set, reads);
        }
        SetKey toolKey = new SetKey(false, tool.membership());
        PolicySet toolSet = sharedSets.get(toolKey);
        if (toolSet == null && sharedSets.size() < MAX_CACHED_SETS) {
            toolSet = cached(cedarPolicies(tool.slice().policies(), false));
            sharedSets.put(toolKey, toolSet);
        }
        return toolSet != null ? new Evaluated(toolSet, ConditionUse.everything())
                : new Evaluated(new PolicySet(cedarPolicies(members, true)), reads);
    }

    /**
     * {@code slice} without the policies named: scoped, uncached, reading everything. Used only to re-decide a call that
     * forbids a human may lift ({@code @approval} on a forbid) have denied, so it costs nothing on the common path.
     */
    Slice without(Slice slice, Set<String> ids) {
        List<LoadedPolicy> rest = slice.policies().stream().filter(p -> !ids.contains(p.id())).toList();
        return new Slice(slice.tool(), rest, new PolicySet(cedarPolicies(rest, false)), false,
                ConditionUse.everything());
    }

    private static PolicySet cached(Set<Policy> cedarPolicies) {
        PolicySet set = new PolicySet(cedarPolicies);
        try {
            set.cache();
        } catch (CacheException | RuntimeException e) {
            // Cache full: an uncached set is sent whole to Cedar on every call, slower but the same decisions.
            return new PolicySet(cedarPolicies);
        }
        return set;
    }

    private static Set<Policy> cedarPolicies(List<LoadedPolicy> members, boolean scopeless) {
        Set<Policy> out = new HashSet<>();
        members.forEach(p -> out.add(scopeless ? p.scopeless() : p.cedar()));
        return out;
    }
}
