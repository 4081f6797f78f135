package dev.bulwark.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code bulwark} command. */
@Command(name = "bulwark", mixinStandardHelpOptions = true, version = "bulwark 0.1.0",
        description = "Runtime security gateway for AI agents.",
        subcommands = {ServeCommand.class, AgentCommand.class, UserCommand.class, TokenCommand.class,
                PolicyCommand.class, AuditCommand.class, DocumentsCommand.class, PiiCommand.class,
                ApprovalsCommand.class, AnomaliesCommand.class})
public final class BulwarkCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (0 ok, 1 failure, 2 usage). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new BulwarkCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("bulwark: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
