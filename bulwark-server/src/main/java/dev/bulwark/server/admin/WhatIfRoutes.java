package dev.bulwark.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.audit.AuditPage;
import dev.bulwark.audit.AuditQuery;
import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.server.gateway.Gateway;
import dev.bulwark.server.gateway.Policies;
import dev.bulwark.server.http.JsonResponses;
import dev.bulwark.server.whatif.DraftPolicies;
import dev.bulwark.server.whatif.LearnedPolicies;
import dev.bulwark.server.whatif.PolicyLearner;
import dev.bulwark.server.whatif.WhatIf;
import dev.bulwark.server.whatif.WhatIfReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The audit query, policy what-if and learn endpoints (docs/ADMIN_API.md). */
final class WhatIfRoutes {
    /** Records one API what-if or learn reads at most unless told fewer; a request is answered within bounds. */
    static final long DEFAULT_MAX_RECORDS = 50_000;

    private WhatIfRoutes() {}

    static List<AdminRoutes.Route<?>> of(Gateway gateway) {
        List<AdminRoutes.Route<?>> routes = new ArrayList<>();
        routes.add(new AdminRoutes.Route<>("GET", Pattern.compile("/api/v1/audit/query"), AdminBodies.None.class,
                AuditQuery.NAMES, (m, b, r) -> {
                    Map<String, String> filters = new LinkedHashMap<>();
                    for (String name : AuditQuery.NAMES) {
                        if (r.getParameter(name) != null) {
                            filters.put(name, r.getParameter(name));
                        }
                    }
                    AuditPage page = gateway.auditLog().records().query(AuditQuery.parse(filters, Instant.now()));
                    ObjectNode out = JsonResponses.object();
                    ArrayNode list = out.putArray("records");
                    page.records().forEach(rec -> list.add(Views.record(rec)));
                    if (page.next().isPresent()) {
                        out.put("next", page.next().getAsLong());
                    } else {
                        out.putNull("next");
                    }
                    out.put("scanned", page.scanned());
                    return AdminRoutes.Reply.ok(out);
                }));
        routes.add(new AdminRoutes.Route<>("POST", Pattern.compile("/api/v1/policies/what-if"), WhatIfBody.class,
                java.util.Set.of(), (m, b, r) -> whatIf(gateway, b)));
        routes.add(new AdminRoutes.Route<>("POST", Pattern.compile("/api/v1/policies/learn"), LearnBody.class,
                java.util.Set.of(), (m, b, r) -> learn(gateway, b)));
        return routes;
    }

    /**
     * A draft given inline ({@code files}: name to text) or as a directory on the gateway's host ({@code dir}), and
     * the window to replay.
     */
    record WhatIfBody(Map<String, String> files, String dir, String agent, String user, String tool, String session,
                      String since, String until, Long after, Long maxRecords, Integer maxChanges) {
        WhatIfBody {
            if ((files == null) == (dir == null)) {
                throw StrictJson.invalid("give exactly one of 'files' (file name to policy text) and 'dir'");
            }
            maxRecords = maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords;
            maxChanges = maxChanges == null ? WhatIf.MAX_CHANGES : maxChanges;
        }

        AuditQuery window() {
            return WhatIfRoutes.window(agent, user, tool, session, since, until, after);
        }
    }

    record LearnBody(String agent, String since, String until, Integer maxValues, Long maxRecords) {
        LearnBody {
            if (agent == null || agent.isBlank()) {
                throw StrictJson.invalid("field 'agent' (a non-empty string) is required");
            }
            maxValues = maxValues == null ? 5 : maxValues;
            maxRecords = maxRecords == null ? DEFAULT_MAX_RECORDS : maxRecords;
        }
    }

    static AuditQuery window(String agent, String user, String tool, String session, String since, String until,
                             Long after) {
        Map<String, String> f = new LinkedHashMap<>();
        put(f, "agent", agent);
        put(f, "user", user);
        put(f, "tool", tool);
        put(f, "session", session);
        put(f, "since", since);
        put(f, "until", until);
        put(f, "after", after == null ? null : after.toString());
        return AuditQuery.parse(f, Instant.now());
    }

    private static void put(Map<String, String> f, String name, String value) {
        if (value != null) {
            f.put(name, value);
        }
    }

    private static AdminRoutes.Reply whatIf(Gateway gateway, WhatIfBody b) {
        CedarPolicyEngine draft;
        try {
            draft = b.files() != null ? DraftPolicies.load(b.files(), Policies.options(gateway.config()))
                    : DraftPolicies.load(Path.of(b.dir()), Policies.options(gateway.config()));
        } catch (DraftPolicies.Refused e) {
            return refused(e);
        } catch (IOException e) {
            throw new AdminError(503, "storage_failed", "cannot write the draft to a temporary directory");
        }
        WhatIfReport report = new WhatIf(gateway.auditLog().records()).run(draft, b.window(), b.maxRecords(),
                b.maxChanges());
        return new AdminRoutes.Reply(200, report.toJson(), "policy.what-if",
                Map.of("changes", report.changesTotal(), "replayed", report.replayed()));
    }

    private static AdminRoutes.Reply learn(Gateway gateway, LearnBody b) {
        var records = gateway.auditLog().records();
        AuditQuery window = window(b.agent(), null, null, null, b.since(), b.until(), null);
        LearnedPolicies learned = new PolicyLearner(records).learn(window, b.maxValues(), b.maxRecords());
        ObjectNode out = learned.toJson();
        Map<String, String> files = new LinkedHashMap<>();
        files.put("learned.cedar", learned.policies());
        if (!learned.schema().isEmpty()) {
            files.put("learned.cedarschema", learned.schema());
        }
        try {
            CedarPolicyEngine draft = DraftPolicies.load(files, Policies.options(gateway.config()));
            out.set("whatIf", new WhatIf(records).run(draft, window, b.maxRecords(), WhatIf.MAX_CHANGES).toJson());
        } catch (DraftPolicies.Refused e) {
            out.set("problems", problems(e));
        } catch (IOException e) {
            throw new AdminError(503, "storage_failed", "cannot write the learned policies to a temporary directory");
        }
        return new AdminRoutes.Reply(200, out, "policy.learn", Map.of("target", "agent:" + b.agent()));
    }

    private static AdminRoutes.Reply refused(DraftPolicies.Refused e) {
        ObjectNode out = JsonResponses.object().put("error", "invalid_policies")
                .put("message", "the draft policies are invalid; nothing was replayed");
        out.set("problems", problems(e));
        return new AdminRoutes.Reply(422, out, null);
    }

    private static ArrayNode problems(DraftPolicies.Refused e) {
        ArrayNode problems = AdminApiServlet.array();
        e.problems().forEach(p -> problems.add(JsonResponses.object().put("file", p.file().getFileName().toString())
                .put("line", p.line()).put("column", p.column()).put("message", p.message())));
        return problems;
    }
}
