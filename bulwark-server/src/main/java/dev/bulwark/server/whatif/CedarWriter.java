package dev.bulwark.server.whatif;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Writes learned permits and the schema extension their argument conditions need. */
final class CedarWriter {
    private CedarWriter() {}

    static LearnedPolicies write(String agent, Collection<PolicyLearner.ToolCalls> tools, int maxValues,
                                 Instant first, Instant last, List<String> notes) {
        Map<String, List<ArgumentProfile>> profiles = new TreeMap<>();
        Map<String, Set<String>> types = new HashMap<>();
        for (PolicyLearner.ToolCalls calls : tools) {
            TreeSet<String> names = new TreeSet<>();
            calls.arguments.forEach(a -> names.addAll(a.keySet()));
            List<ArgumentProfile> list = new ArrayList<>();
            for (String name : names) {
                ArgumentProfile p = ArgumentProfile.of(name, calls.arguments, calls.redacted, maxValues);
                list.add(p);
                if (p.constrained()) {
                    types.computeIfAbsent(name, n -> new HashSet<>()).add(p.type());
                }
            }
            profiles.put(calls.tool, list);
        }
        // Arguments is one record type for every tool: an argument read as a String by one permit and a Long by
        // another cannot be declared, so neither constrains it.
        Map<String, String> declared = new TreeMap<>();
        types.forEach((name, t) -> {
            if (t.size() == 1) {
                declared.put(name, t.iterator().next());
            }
        });
        profiles.replaceAll((tool, list) -> list.stream().map(p -> p.constrained() && !declared.containsKey(p.name())
                ? p.unconstrained("other tools pass it as another type") : p).toList());

        StringBuilder out = new StringBuilder();
        long calls = 0;
        out.append("// Least-privilege policies learned from the allowed calls of agent ")
                .append(ArgumentProfile.commentText(agent));
        if (first != null) {
            out.append(" between ").append(first).append(" and ").append(last);
        }
        out.append(".\n// A proposal for review: each permit allows one tool, with the argument values observed.\n");
        notes.forEach(n -> out.append("// note: ").append(ArgumentProfile.commentText(n)).append('\n'));
        for (PolicyLearner.ToolCalls tool : tools) {
            calls += tool.arguments.size();
            List<ArgumentProfile> list = profiles.get(tool.tool);
            List<String> conditions = list.stream().filter(ArgumentProfile::constrained)
                    .map(ArgumentProfile::condition).toList();
            // Every text in a comment passes commentText: a line break in it would end the comment.
            out.append('\n').append("// ").append(ArgumentProfile.commentText(tool.tool)).append(" (")
                    .append(tool.kind).append("): ")
                    .append(tool.arguments.size()).append(" allowed calls\n");
            list.forEach(p -> out.append("//   ").append(p.comment()).append('\n'));
            String scope = "  action == Bulwark::Action::" + ArgumentProfile.literal(tool.kind) + ",\n"
                    + "  resource == Bulwark::Tool::" + ArgumentProfile.literal(tool.tool) + "\n)";
            // The agent's side is decided under delegation too; seen only acting for users, it may only do that.
            List<String> agentConditions = new ArrayList<>();
            if (tool.undelegated == 0) {
                agentConditions.add("context.delegated");
            }
            agentConditions.addAll(conditions);
            out.append("@id(").append(ArgumentProfile.literal("learned-" + agent + "-" + tool.tool)).append(")\n")
                    .append("permit (\n  principal == Bulwark::Agent::").append(ArgumentProfile.literal(agent))
                    .append(",\n").append(scope).append(when(agentConditions)).append(";\n");
            if (!tool.users.isEmpty()) {
                // Under delegation the user's side is decided too: permit it for the users seen, through this agent.
                List<String> userConditions = new ArrayList<>();
                userConditions.add("[" + String.join(", ", tool.users.stream()
                        .map(u -> "Bulwark::User::" + ArgumentProfile.literal(u)).toList()) + "].contains(principal)");
                userConditions.add("context.agent == Bulwark::Agent::" + ArgumentProfile.literal(agent));
                userConditions.addAll(conditions);
                out.append("// delegated calls: the users' side, for the users seen acting through ")
                        .append(ArgumentProfile.commentText(agent))
                        .append('\n')
                        .append("@id(").append(ArgumentProfile.literal("learned-" + agent + "-" + tool.tool
                                + "-users")).append(")\n")
                        .append("permit (\n  principal is Bulwark::User,\n").append(scope).append(when(userConditions))
                        .append(";\n");
            }
        }
        String schema = declared.isEmpty() ? "" : "// Declares the arguments the learned policies read.\n"
                + "namespace Bulwark {\n  type Arguments = {\n" + String.join(",\n", declared.entrySet().stream()
                .map(e -> "    " + e.getKey() + "?: " + e.getValue()).toList()) + "\n  };\n}\n";
        return new LearnedPolicies(out.toString(), schema, calls, tools.size(), notes);
    }

    private static String when(List<String> conditions) {
        if (conditions.isEmpty()) {
            return "";
        }
        return " when {\n  " + String.join("\n  && ", conditions) + "\n}";
    }
}
