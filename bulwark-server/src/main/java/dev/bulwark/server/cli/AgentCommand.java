package dev.bulwark.server.cli;

import dev.bulwark.identity.AgentRegistration;
import dev.bulwark.identity.IdTakenException;
import dev.bulwark.server.admin.Views;
import dev.bulwark.spi.identity.Agent;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "agent", description = "Register, list, suspend, kill and re-activate agents.",
        subcommands = {AgentCommand.Create.class, AgentCommand.ListAgents.class, AgentCommand.Suspend.class,
                AgentCommand.Activate.class, AgentCommand.Kill.class})
final class AgentCommand {

    @Command(name = "create", description = "Register an agent and print its API key (shown once).")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "agent id")
        String id;
        @Option(names = "--owner", required = true, description = "accountable person or team")
        String owner;
        @Mixin
        RoleOptions granted;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                AgentRegistration reg;
                try {
                    reg = state.identity.agents().register(id, owner, granted.roleSet(), granted.attributes);
                } catch (IdTakenException e) {
                    // Agents and users share one id space: an agent never takes a user's id, nor another agent's.
                    System.err.println("bulwark: " + e.getMessage());
                    return 1;
                }
                System.out.println("agent " + reg.agent().id() + " registered");
                System.out.println("api key (shown once): " + reg.apiKey().value());
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List agents as JSON lines.")
    static final class ListAgents implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                for (Agent a : state.identity.agents().list()) {
                    System.out.println(Views.agent(a));
                }
                return 0;
            }
        }
    }

    @Command(name = "suspend", description = "Suspend an agent: its tokens are refused from the next call on, and its"
            + " pending and unused approvals are withdrawn.")
    static final class Suspend implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "agent id")
        String id;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                if (state.identity.agents().suspend(id).isEmpty()) {
                    System.err.println("bulwark: no agent " + id);
                    return 1;
                }
                // like the kill switch: nothing approved while the agent was trusted runs after it is re-activated
                int withdrawn = new dev.bulwark.approvals.JdbcApprovalStore(state.database).withdrawAllOf(id,
                        dev.bulwark.server.gateway.Approvals.SUSPENSION, "the agent was suspended",
                        java.time.Instant.now()).size();
                System.out.println("agent " + id + " suspended, " + withdrawn + " approval request(s) withdrawn");
                return 0;
            }
        }
    }

    @Command(name = "kill", description = "The kill switch: suspend an agent and revoke every token it holds; its next"
            + " call on every replica is refused, and its old tokens stay refused after re-activation.")
    static final class Kill implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "agent id")
        String id;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                java.util.List<String> withdrawn = new java.util.ArrayList<>();
                var store = new dev.bulwark.approvals.JdbcApprovalStore(state.database);
                if (!new dev.bulwark.server.gateway.KillSwitch(state.identity, agent -> {
                    withdrawn.addAll(store.withdrawAllOf(agent, dev.bulwark.server.gateway.Approvals.KILL_SWITCH,
                            "the agent was killed", java.time.Instant.now()));
                    return withdrawn;
                }).pull(id)) {
                    System.err.println("bulwark: no agent " + id);
                    return 1;
                }
                System.out.println("agent " + id + " suspended, its tokens revoked, " + withdrawn.size()
                        + " approval request(s) withdrawn");
                return 0;
            }
        }
    }

    @Command(name = "activate", description = "Re-activate a suspended agent.")
    static final class Activate implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "agent id")
        String id;

        @Override
        public Integer call() {
            return changeStatus(options, id, "active", (agents, agentId) -> agents.activate(agentId));
        }
    }

    private static int changeStatus(ConfigOptions options, String id, String status,
            java.util.function.BiFunction<dev.bulwark.identity.SqlAgentStore, String, java.util.Optional<Agent>> change) {
        try (LocalState state = new LocalState(options.load())) {
            if (change.apply(state.identity.agents(), id).isEmpty()) {
                System.err.println("bulwark: no agent " + id);
                return 1;
            }
            System.out.println("agent " + id + " " + status);
            return 0;
        }
    }
}
