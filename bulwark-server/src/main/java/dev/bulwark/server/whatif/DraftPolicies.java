package dev.bulwark.server.whatif;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.policy.PolicyLoadException;
import dev.bulwark.policy.PolicyOptions;
import dev.bulwark.policy.PolicyProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A draft policy set, loaded as strictly as the policies in force: a directory that would be refused on reload is
 * refused here too, with every problem ({@link Refused}), and nothing is replayed against it.
 */
public final class DraftPolicies {
    /** File names accepted for drafts sent as text: policy files and one schema extension, nothing with a path. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}\\.(cedar|cedarschema)");
    static final int MAX_FILES = 64;

    private DraftPolicies() {}

    /** The draft's policies are invalid: nothing was loaded. */
    public static final class Refused extends RuntimeException {
        private final List<PolicyProblem> problems;

        Refused(List<PolicyProblem> problems) {
            super("the draft policies are invalid:\n" + String.join("\n", problems.stream()
                    .map(PolicyProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<PolicyProblem> problems() {
            return problems;
        }
    }

    /**
     * Loads a draft directory. Its own {@code *.cedarschema} file is its schema extension; without one, the
     * configured extension ({@code configured}) applies, as it does to the policies in force.
     *
     * @throws Refused when any policy is invalid
     */
    public static CedarPolicyEngine load(Path directory, PolicyOptions configured) {
        PolicyOptions options = hasOwnSchema(directory) ? new PolicyOptions(Optional.empty(), configured.validation())
                : configured;
        try {
            return CedarPolicyEngine.load(directory, options);
        } catch (PolicyLoadException e) {
            throw new Refused(e.problems());
        }
    }

    /**
     * Loads a draft given as file name to text (the admin API), written to a private temporary directory that is
     * deleted again.
     *
     * @throws IllegalArgumentException for a file name that is not a plain {@code *.cedar}/{@code *.cedarschema}
     *                                  name, or too many files
     * @throws Refused                  when any policy is invalid
     */
    public static CedarPolicyEngine load(Map<String, String> files, PolicyOptions configured) throws IOException {
        if (files.isEmpty() || files.size() > MAX_FILES) {
            throw new IllegalArgumentException("a draft needs 1 to " + MAX_FILES + " files");
        }
        for (String name : files.keySet()) {
            if (!FILE.matcher(name).matches()) {
                throw new IllegalArgumentException("draft file name '" + abbreviate(name) + "' must match "
                        + FILE.pattern());
            }
        }
        Path dir = Files.createTempDirectory("bulwark-draft-");
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            return load(dir, configured);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static boolean hasOwnSchema(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cedarschema"));
        } catch (IOException e) {
            return false; // the load reports the unreadable directory
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind holds only draft policies the caller sent
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
