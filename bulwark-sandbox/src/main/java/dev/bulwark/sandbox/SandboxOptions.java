package dev.bulwark.sandbox;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How {@code code.run} runs code.
 *
 * @param connector      connector name; the tool is {@code <connector>.run}
 * @param languages      the languages offered, first is the default
 * @param bwrap          path of the bubblewrap binary
 * @param perSession     {@code true}: a session keeps its work directory between calls (held by the gateway between
 *                       runs, dropped after {@code sessionIdle} without a call or at shutdown); {@code false}: every
 *                       call starts from an empty work directory
 * @param sessionIdle    how long an unused session work directory is kept
 * @param limits         resource limits of one run
 * @param maxConcurrent  runs at once; further calls wait up to the wall time, then fail
 * @param sandboxUid     when the gateway runs as root, the uid (and gid) the sandbox runs as, so that it owns no
 *                       host file and the process-count limit applies (root is exempt from it)
 * @param outputLabels   labels of the tool's output ({@code untrusted} by default)
 * @param scratch        a private directory (mode 700) for the seccomp program
 */
public record SandboxOptions(String connector, List<Language> languages, Path bwrap, boolean perSession,
                             Duration sessionIdle, Limits limits, int maxConcurrent, int sandboxUid,
                             Set<String> outputLabels, Path scratch) {
    public SandboxOptions {
        if (connector == null || !connector.matches("[a-z][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("sandbox connector name must match [a-z][a-z0-9_-]{0,31}");
        }
        languages = List.copyOf(languages);
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("sandbox: at least one language");
        }
        if (languages.stream().map(Language::name).distinct().count() != languages.size()) {
            throw new IllegalArgumentException("sandbox: language names must be unique");
        }
        if (maxConcurrent < 1 || maxConcurrent > 64) {
            throw new IllegalArgumentException("sandbox.maxConcurrent must be between 1 and 64");
        }
        if (sandboxUid < 1 || sandboxUid > 0x7fffffff - 1) {
            throw new IllegalArgumentException("sandbox.uid must be a positive uid other than root");
        }
        outputLabels = Set.copyOf(outputLabels);
        java.util.Objects.requireNonNull(bwrap, "bwrap");
        java.util.Objects.requireNonNull(sessionIdle, "sessionIdle");
        java.util.Objects.requireNonNull(limits, "limits");
        java.util.Objects.requireNonNull(scratch, "scratch");
    }

    /** Python and shell, per-call work directories, the default limits. */
    public static SandboxOptions defaults(Path scratch) {
        return new SandboxOptions("code", List.of(Language.python(), Language.shell()), Path.of("/usr/bin/bwrap"),
                false, Duration.ofMinutes(30), Limits.defaults(), 4, 65534, Set.of("untrusted"), scratch);
    }

    public SandboxOptions withLimits(Limits value) {
        return new SandboxOptions(connector, languages, bwrap, perSession, sessionIdle, value, maxConcurrent,
                sandboxUid, outputLabels, scratch);
    }

    public SandboxOptions withPerSession(boolean value) {
        return new SandboxOptions(connector, languages, bwrap, value, sessionIdle, limits, maxConcurrent,
                sandboxUid, outputLabels, scratch);
    }

    /**
     * Limits of one run.
     *
     * @param cpuSeconds   CPU time per process (RLIMIT_CPU)
     * @param wallTime     wall time of the whole run; then every process of the sandbox is killed
     * @param memoryBytes  address space per process (RLIMIT_AS)
     * @param processes    processes of the sandbox user (RLIMIT_NPROC), shared by runs going on at once
     * @param fileBytes    largest file a process may write (RLIMIT_FSIZE)
     * @param openFiles    open descriptors per process (RLIMIT_NOFILE)
     * @param workBytes    size of the work directory's tmpfs (also bounds what a session keeps)
     * @param outputBytes  stdout, stderr and each returned file are cut at this size
     * @param inputBytes   all input files and the code together
     */
    public record Limits(int cpuSeconds, Duration wallTime, long memoryBytes, int processes, long fileBytes,
                         int openFiles, long workBytes, int outputBytes, int inputBytes) {
        public Limits {
            between("cpuSeconds", cpuSeconds, 1, 3600);
            java.util.Objects.requireNonNull(wallTime, "wallTime");
            between("wallTime (ms)", wallTime.toMillis(), 100, 3_600_000);
            between("memoryBytes", memoryBytes, 16L << 20, 64L << 30);
            between("processes", processes, 4, 4096);
            between("fileBytes", fileBytes, 4096, 16L << 30);
            between("openFiles", openFiles, 16, 65536);
            between("workBytes", workBytes, 1L << 20, 16L << 30);
            between("outputBytes", outputBytes, 1024, 64 << 20);
            between("inputBytes", inputBytes, 1024, 64 << 20);
        }

        public static Limits defaults() {
            return new Limits(10, Duration.ofSeconds(15), 512L << 20, 64, 16L << 20, 128, 64L << 20, 64 << 10,
                    1 << 20);
        }

        private static void between(String what, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("sandbox limit " + what + " must be between " + min + " and "
                        + max + ": " + value);
            }
        }

        /** What is in force, for the start-up line and the tool description. */
        public String describe() {
            return "CPU " + cpuSeconds + " s per process, wall " + wallTime.toMillis() + " ms, memory "
                    + (memoryBytes >> 20) + " MiB per process (address space), " + processes
                    + " processes, files up to " + (fileBytes >> 10) + " KiB, " + openFiles + " open files, work dir "
                    + (workBytes >> 20) + " MiB, output cut at " + (outputBytes >> 10) + " KiB per stream or file";
        }
    }
}
