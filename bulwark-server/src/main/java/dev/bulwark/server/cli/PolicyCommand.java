package dev.bulwark.server.cli;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.policy.PolicyLoad;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "policy", description = "Work with Cedar policies.", subcommands = {PolicyCommand.Validate.class})
final class PolicyCommand {

    @Command(name = "validate", description = "Check a policy directory; prints file:line:column: message per problem.")
    static final class Validate implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", arity = "0..1", description = "policy directory (default: the configured one)")
        Path dir;
        @Option(names = "--schema", description = "Cedar schema file to validate against")
        Path schema;

        @Override
        public Integer call() {
            Path target = dir != null ? dir : options.load().policyDir();
            PolicyLoad load = schema == null ? CedarPolicyEngine.validate(target)
                    : CedarPolicyEngine.validate(target, schema);
            switch (load) {
                case PolicyLoad.Loaded ok -> {
                    System.out.println(target + ": " + ok.policyCount() + " policies, valid");
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
}
