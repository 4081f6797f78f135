package dev.bulwark.policy;

import com.cedarpolicy.model.exception.CacheException;
import com.cedarpolicy.model.policy.Policy;
import com.cedarpolicy.model.policy.PolicySet;
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
 * An immutable set of loaded policies and the per-tool slices cut from it.
 *
 * <p>cedar-java's cost per decision grows with the number of policies it is handed, so each tool is decided against
 * a slice: the policies whose action and resource scope can match that tool. Cedar evaluates a policy's scope
 * before its conditions and a scope cannot fail, so a policy left out of a slice could neither have applied nor
 * raised an error: the slice decides exactly as the whole set would. Slices with the same members share one
 * natively cached {@link PolicySet}; when cedar-java's cache is full the slice is evaluated uncached (slower, same
 * result).
 */
final class PolicySnapshot {
    /** Tools beyond this many are sliced on every call instead of remembered, bounding memory. */
    static final int MAX_REMEMBERED_TOOLS = 4096;

    /** The policies that can apply to one tool, with the tool's entities built once. */
    record Slice(ToolEntities tool, List<LoadedPolicy> policies, PolicySet cedar) {
    }

    private record ToolKey(String name, String connector, String kind) {
        static ToolKey of(Tool tool) {
            return new ToolKey(tool.name(), tool.connector(), tool.kind().label());
        }
    }

    private final List<LoadedPolicy> policies;
    private final Map<String, LoadedPolicy> byId;
    private final Map<ToolKey, Slice> slices = new ConcurrentHashMap<>();
    private final Map<BitSet, PolicySet> sharedSets = new ConcurrentHashMap<>();
    private volatile PolicySet whole;

    PolicySnapshot(List<LoadedPolicy> policies) {
        this.policies = List.copyOf(policies);
        this.byId = this.policies.stream().collect(Collectors.toUnmodifiableMap(LoadedPolicy::id, Function.identity()));
    }

    int size() {
        return policies.size();
    }

    LoadedPolicy policy(String id) {
        return byId.get(id);
    }

    Slice sliceFor(Tool tool) {
        ToolKey key = ToolKey.of(tool);
        Slice slice = slices.get(key);
        if (slice != null) {
            return slice.tool().tool().equals(tool) ? slice : new Slice(ToolEntities.of(tool), slice.policies(),
                    slice.cedar());
        }
        slice = cut(tool);
        if (slices.size() < MAX_REMEMBERED_TOOLS) {
            Slice raced = slices.putIfAbsent(key, slice);
            return raced == null ? slice : raced;
        }
        return slice;
    }

    /** The whole set as one slice for {@code tool}; used to check that slicing changes no decision. */
    Slice unslicedFor(Tool tool) {
        PolicySet set = whole;
        if (set == null) {
            Set<Policy> all = new HashSet<>();
            policies.forEach(p -> all.add(p.cedar()));
            set = new PolicySet(all);
            whole = set;
        }
        return new Slice(ToolEntities.of(tool), policies, set);
    }

    private Slice cut(Tool tool) {
        ToolEntities entities = ToolEntities.of(tool);
        List<LoadedPolicy> members = new ArrayList<>();
        BitSet membership = new BitSet(policies.size());
        for (int i = 0; i < policies.size(); i++) {
            LoadedPolicy policy = policies.get(i);
            if (policy.concerns(entities)) {
                members.add(policy);
                membership.set(i);
            }
        }
        PolicySet set = sharedSets.computeIfAbsent(membership, m -> cached(members));
        return new Slice(entities, List.copyOf(members), set);
    }

    private static PolicySet cached(List<LoadedPolicy> members) {
        Set<Policy> cedarPolicies = new HashSet<>();
        members.forEach(p -> cedarPolicies.add(p.cedar()));
        PolicySet set = new PolicySet(cedarPolicies);
        try {
            set.cache();
        } catch (CacheException | RuntimeException e) {
            // Cache full: an uncached set is sent whole to Cedar on every call, slower but the same decisions.
            return new PolicySet(cedarPolicies);
        }
        return set;
    }
}
