package dev.bulwark.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What a policy's {@code when}/{@code unless} conditions can read, found in Cedar's JSON policy format: whether they
 * can reach entity data (they name {@code principal}, {@code action} or {@code resource}, an entity literal, or go
 * through {@code context.agent}), and which context attributes they read ({@link ContextUse}).
 *
 * <p>The analysis only ever errs towards reading more: any use of {@code context} other than an attribute access or
 * a {@code has} test reads the whole context.
 */
record ConditionUse(boolean entities, ContextUse context) {

    /** Conditions that read everything; used where no analysis applies. */
    static ConditionUse everything() {
        return new ConditionUse(true, ContextUse.all());
    }

    static ConditionUse of(JsonNode conditions) {
        Walk walk = new Walk();
        walk.visit(conditions);
        return new ConditionUse(walk.entities, walk.context);
    }

    /** What a set of policies reads together. */
    ConditionUse union(ConditionUse other) {
        return new ConditionUse(entities || other.entities, context.union(other.context));
    }

    private static final class Walk {
        boolean entities;
        final ContextUse context = ContextUse.none();

        void visit(JsonNode node) {
            if (node.isArray()) {
                node.forEach(this::visit);
                return;
            }
            if (!node.isObject()) {
                return;
            }
            // A record literal may have a key named "Var"; only {"Var": "<name>"} is a variable.
            if (node.size() == 1 && node.has("Var") && node.get("Var").isTextual()) {
                if ("context".equals(node.get("Var").asText())) {
                    context.readWhole(List.of());
                } else {
                    entities = true;
                }
                return;
            }
            if (node.has("__entity")) {
                entities = true;
            }
            if (node.size() == 1 && (node.has(".") || node.has("has")) && contextAccess(node)) {
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                visit(fields.next().getValue());
            }
        }

        /** Records {@code context.a.b} or {@code context.a has b}; false when the node is not such an access. */
        private boolean contextAccess(JsonNode node) {
            boolean read = node.has(".");
            JsonNode access = node.get(read ? "." : "has");
            JsonNode attribute = access.get("attr");
            List<String> path = contextPath(access.get("left"));
            if (path == null || attribute == null || !attribute.isTextual()) {
                return false;
            }
            path.add(attribute.asText());
            if (read) {
                context.readWhole(path);
            } else {
                context.testPresence(path);
            }
            // context.agent is an entity: reading through it reads entity data.
            if ("agent".equals(path.get(0)) && (read || path.size() > 1)) {
                entities = true;
            }
            return true;
        }

        /** The attribute path of {@code context.a.b...}, or null when the expression is something else. */
        private static List<String> contextPath(JsonNode expression) {
            if (expression == null || !expression.isObject()) {
                return null;
            }
            if (expression.size() == 1 && expression.has("Var") && expression.get("Var").isTextual()) {
                return "context".equals(expression.get("Var").asText()) ? new ArrayList<>() : null;
            }
            if (expression.size() == 1 && expression.has(".")) {
                JsonNode access = expression.get(".");
                JsonNode attribute = access.get("attr");
                List<String> path = contextPath(access.get("left"));
                if (path != null && attribute != null && attribute.isTextual()) {
                    path.add(attribute.asText());
                    return path;
                }
            }
            return null;
        }
    }
}
