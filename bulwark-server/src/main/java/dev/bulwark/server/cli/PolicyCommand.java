package dev.bulwark.server.cli;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.policy.PolicyOptions;
import dev.bulwark.policy.PolicyValidation;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", description = "Work with Cedar policies.",
        subcommands = {PolicyCommand.Validate.class, PolicyCommand.Check.class, PolicyCommand.Schema.class,
                PolicyWhatIfCommands.WhatIfCommand.class, PolicyWhatIfCommands.Learn.class})
final class PolicyCommand {

    @Command(name = "validate", description = "Check a policy directory against Bulwark's schema; prints"
            + " file:line:column: message per problem and file:line:column: warning: message per warning.")
    static class Validate implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", arity = "0..1", description = "policy directory (default: the configured one)")
        Path dir;
        @Option(names = "--schema", description = "schema extension file (default: the configured one, else a"
                + " single *.cedarschema file in the directory)")
        Path schema;
        @Option(names = "--validation", description = "strict (default), permissive or off")
        String validation;

        @Override
        public Integer call() {
            Path target;
            PolicyOptions policyOptions = PolicyOptions.strict();
            if (dir != null) {
                target = dir;
            } else {
                var config = options.load();
                target = config.policyDir();
                policyOptions = policyOptions.withValidation(PolicyValidation.parse(config.policies().validation()));
                if (config.policies().schema() != null) {
                    policyOptions = policyOptions.withExtension(Path.of(config.policies().schema()));
                }
            }
            if (schema != null) {
                policyOptions = policyOptions.withExtension(schema);
            }
            if (validation != null) {
                policyOptions = policyOptions.withValidation(PolicyValidation.parse(validation));
            }
            switch (CedarPolicyEngine.validate(target, policyOptions)) {
                case PolicyLoad.Loaded ok -> {
                    ok.warnings().forEach(w -> System.out.println(w.file() + ":" + w.line() + ":" + w.column()
                            + ": warning: " + w.message()));
                    System.out.println(target + ": " + ok.policyCount() + " policies, valid"
                            + (ok.warnings().isEmpty() ? "" : ", " + ok.warnings().size() + " warning(s)"));
                    return 0;
                }
                case PolicyLoad.Rejected rejected -> {
                    rejected.problems().forEach(p -> System.err.println(p.file() + ":" + p.line() + ":"
                            + p.column() + ": " + p.message()));
                    return 1;
                }
            }
        }
    }

    @Command(name = "check", description = "Same as validate.")
    static final class Check extends Validate {
    }

    @Command(name = "schema", description = "Print Bulwark's Cedar schema, the base a schema extension adds to.")
    static final class Schema implements Callable<Integer> {
        @Override
        public Integer call() {
            System.out.print(CedarPolicyEngine.schema());
            return 0;
        }
    }
}
