package dev.bulwark.server.gateway;

import dev.bulwark.policy.CedarPolicyEngine;
import dev.bulwark.policy.PolicyLoad;
import dev.bulwark.server.config.BulwarkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Read-only review of the configured policy directory: its Cedar files as text, and validation of what is on disk
 * now without loading it (what {@code bulwark policy validate} does), for the admin API and the console.
 */
public final class PolicyReview {
    /** Files larger than this are listed without text (a policy set is small; this bounds the answer). */
    static final long MAX_FILE_BYTES = 256 * 1024;
    private static final int MAX_FILES = 200;
    private final BulwarkConfig config;

    public PolicyReview(BulwarkConfig config) {
        this.config = config;
    }

    /** One file: its name relative to the policy directory and its text ({@code null} when too large). */
    public record PolicyFile(String file, String text, long bytes) {
    }

    /** The {@code .cedar} and {@code .cedarschema} files of the policy directory, by name (symbolic links skipped). */
    public List<PolicyFile> files() {
        Path dir = config.policyDir();
        try (Stream<Path> paths = Files.walk(dir, 4)) {
            return paths.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().endsWith(".cedar")
                            || p.getFileName().toString().endsWith(".cedarschema"))
                    .sorted().limit(MAX_FILES).map(p -> read(dir, p)).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the policy directory: " + e.getMessage(), e);
        }
    }

    private static PolicyFile read(Path dir, Path file) {
        try {
            long size = Files.size(file);
            String text = size > MAX_FILE_BYTES ? null : Files.readString(file, StandardCharsets.UTF_8);
            return new PolicyFile(dir.relativize(file).toString(), text, size);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read policy file " + file.getFileName(), e);
        }
    }

    /** Validates the directory as it is on disk with the configured options; nothing is loaded. */
    public PolicyLoad validate() {
        return CedarPolicyEngine.validate(config.policyDir(), Policies.options(config));
    }
}
