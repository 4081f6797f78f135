package dev.bulwark.server.cli;

import dev.bulwark.identity.IdTakenException;
import dev.bulwark.server.admin.Views;
import dev.bulwark.spi.identity.User;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "user", description = "Register and list users agents may act for.",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class})
final class UserCommand {

    @Command(name = "create", description = "Register a user.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ConfigOptions options;
        @Parameters(index = "0", description = "user id")
        String id;
        @Mixin
        RoleOptions granted;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                User u;
                try {
                    u = state.identity.users().register(id, granted.roleSet(), granted.attributes);
                } catch (IdTakenException e) {
                    System.err.println("bulwark: " + e.getMessage());
                    return 1;
                }
                System.out.println("user " + u.id() + " registered");
                return 0;
            }
        }
    }

    @Command(name = "list", description = "List users as JSON lines.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Override
        public Integer call() {
            try (LocalState state = new LocalState(options.load())) {
                state.identity.users().list().forEach(u -> System.out.println(Views.user(u)));
                return 0;
            }
        }
    }
}
