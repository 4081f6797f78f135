package dev.bulwark.server.cli;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/** The roles and attributes given to a new agent or user on the command line. */
final class RoleOptions {
    @Option(names = "--role", description = "role (repeatable)")
    List<String> roles = List.of();
    @Option(names = "--attr", description = "attribute key=value (repeatable)")
    Map<String, String> attributes = new LinkedHashMap<>();

    Set<String> roleSet() {
        return new LinkedHashSet<>(roles);
    }
}
