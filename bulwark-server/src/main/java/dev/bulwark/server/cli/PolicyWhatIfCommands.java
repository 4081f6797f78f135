package dev.bulwark.server.cli;

import dev.bulwark.audit.AuditQuery;
import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.gateway.Policies;
import dev.bulwark.server.whatif.DraftPolicies;
import dev.bulwark.server.whatif.LearnedPolicies;
import dev.bulwark.server.whatif.PolicyLearner;
import dev.bulwark.server.whatif.WhatIf;
import dev.bulwark.server.whatif.WhatIfReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bulwark policy what-if} and {@code bulwark policy learn}. */
final class PolicyWhatIfCommands {
    /** Exit code of what-if with --fail-on-change when some decision would change. */
    static final int CHANGED = 3;

    private PolicyWhatIfCommands() {}

    @Command(name = "what-if", description = {"Replay recorded decisions from the audit log against a draft policy"
            + " directory and print every call whose decision would change, with the policies on each side.",
            "Exit 0 (1: invalid draft; 3 with --fail-on-change: some decision would change)."})
    static final class WhatIfCommand implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Mixin
        AuditFilterOptions filters;
        @Option(names = "--policies", required = true, description = "the draft policy directory")
        Path policies;
        @Option(names = "--max-records", defaultValue = "200000", description = "records read at most (default"
                + " 200000); the output says where to continue")
        long maxRecords;
        @Option(names = "--max-changes", defaultValue = "1000", description = "changes listed at most (all counted)")
        int maxChanges;
        @Option(names = "--json", description = "print the report as JSON")
        boolean json;
        @Option(names = "--fail-on-change", description = "exit 3 when some decision would change")
        boolean failOnChange;

        @Override
        public Integer call() {
            BulwarkConfig config = options.load();
            CedarPolicyEngine draft;
            try {
                draft = DraftPolicies.load(policies, Policies.options(config));
            } catch (DraftPolicies.Refused e) {
                System.err.println("bulwark: the draft policies in " + policies + " are invalid; nothing replayed:");
                e.problems().forEach(p -> System.err.println(p.file() + ":" + p.line() + ":" + p.column() + ": "
                        + p.message()));
                return 1;
            }
            WhatIfReport report = new WhatIf(AuditFilterOptions.records(config)).run(draft,
                    filters.query(AuditQuery.DEFAULT_LIMIT), maxRecords, maxChanges);
            if (json) {
                System.out.println(report.toJson());
            } else {
                report.describe().forEach(System.out::println);
            }
            return failOnChange && report.changesTotal() > 0 ? CHANGED : 0;
        }
    }

    @Command(name = "learn", description = {"Propose least-privilege Cedar policies that permit exactly the calls an"
            + " agent was allowed to make in a window (tools; argument values where they are stable), with a schema"
            + " extension for the arguments they read. Prints them, or writes them to --out DIR with a what-if of"
            + " their effect on the same window."})
    static final class Learn implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Mixin
        AuditFilterOptions filters;
        @Option(names = "--max-values", defaultValue = "5", description = "a string argument with at most this many"
                + " distinct values is constrained to them (default 5)")
        int maxValues;
        @Option(names = "--out", description = "write learned.cedar (and learned.cedarschema) into this directory"
                + " and show their what-if")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (filters.agent == null) {
                System.err.println("bulwark: learn needs --agent");
                return 2;
            }
            BulwarkConfig config = options.load();
            var records = AuditFilterOptions.records(config);
            AuditQuery window = filters.query(AuditQuery.DEFAULT_LIMIT);
            LearnedPolicies learned = new PolicyLearner(records).learn(window, maxValues, WhatIf.MAX_RECORDS);
            if (out == null) {
                System.out.print(learned.policies());
                if (!learned.schema().isEmpty()) {
                    System.out.println();
                    System.out.print(learned.schema().replaceAll("(?m)^", "// schema: "));
                }
                return 0;
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("learned.cedar"), learned.policies(), StandardCharsets.UTF_8);
            if (!learned.schema().isEmpty()) {
                Files.writeString(out.resolve("learned.cedarschema"), learned.schema(), StandardCharsets.UTF_8);
            }
            System.out.println("wrote " + out.resolve("learned.cedar") + " (" + learned.tools() + " tools, "
                    + learned.calls() + " calls)");
            CedarPolicyEngine draft;
            try {
                draft = DraftPolicies.load(out, Policies.options(config));
            } catch (DraftPolicies.Refused e) {
                e.problems().forEach(p -> System.err.println(p.file() + ":" + p.line() + ":" + p.column() + ": "
                        + p.message()));
                return 1;
            }
            System.out.println("what-if of the learned policies alone on the same window:");
            new WhatIf(records).run(draft, window, WhatIf.MAX_RECORDS, WhatIf.MAX_CHANGES).describe()
                    .forEach(System.out::println);
            return 0;
        }
    }
}
