package dev.bulwark.server.config;

import dev.bulwark.sandbox.Language;
import dev.bulwark.sandbox.SandboxOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The {@code code.run} sandbox (see docs/security/sandbox.md). Off unless enabled; when enabled and the start-up probe
 * finds the isolation broken on this host, the tool is not offered and the reason is logged.
 *
 * @param enabled       whether to offer the tool (default false)
 * @param name          connector name; the tool is {@code <name>.run} (default {@code code})
 * @param languages     the languages offered (default python on /usr/bin/python3, and sh); the first is the default
 * @param bwrap         path of bubblewrap (default {@code /usr/bin/bwrap})
 * @param workDir       {@code call} (default): every call starts empty; {@code session}: a session keeps its files
 * @param sessionIdle   how long an unused session's files are kept (default {@code 30m})
 * @param cpuSeconds    CPU seconds per process (default 10)
 * @param wallTime      wall time of a run (default {@code 15s})
 * @param memoryBytes   address space per process (default 512 MiB)
 * @param processes     processes at once, shared by concurrent runs (default 64)
 * @param fileBytes     largest file a process writes (default 16 MiB)
 * @param openFiles     open descriptors per process (default 128)
 * @param workBytes     size of the work directory and of /tmp, each (default 64 MiB)
 * @param outputBytes   stdout, stderr and each returned file are cut here (default 64 KiB)
 * @param inputBytes    code and input files together (default 1 MiB)
 * @param maxConcurrent runs at once (default 4)
 * @param uid           uid the sandbox runs as when the gateway is root (default 65534)
 * @param outputLabels  labels of the output (default {@code [untrusted]})
 */
public record SandboxSettings(Boolean enabled, String name, List<LanguageSettings> languages, String bwrap,
                              String workDir, String sessionIdle, Integer cpuSeconds, String wallTime,
                              Long memoryBytes, Integer processes, Long fileBytes, Integer openFiles, Long workBytes,
                              Integer outputBytes, Integer inputBytes, Integer maxConcurrent, Integer uid,
                              List<String> outputLabels) {
    public SandboxSettings {
        enabled = enabled != null && enabled;
        name = name == null ? "code" : name;
        workDir = workDir == null ? "call" : workDir;
        if (!workDir.equals("call") && !workDir.equals("session")) {
            throw new IllegalArgumentException("sandbox.workDir must be call or session");
        }
        sessionIdle = sessionIdle == null ? "30m" : sessionIdle;
        wallTime = wallTime == null ? "15s" : wallTime;
        languages = languages == null ? List.of() : List.copyOf(languages);
        outputLabels = outputLabels == null ? List.of("untrusted") : List.copyOf(outputLabels);
        // validates every value now (the fields are not assigned yet inside this constructor)
        options(name, languages, bwrap, workDir, sessionIdle, cpuSeconds, wallTime, memoryBytes, processes,
                fileBytes, openFiles, workBytes, outputBytes, inputBytes, maxConcurrent, uid, outputLabels,
                Path.of("/nonexistent"));
    }

    /**
     * One language.
     *
     * @param name    what agents pass as {@code language}
     * @param command absolute interpreter path and fixed arguments, e.g. {@code [/usr/bin/node]}
     * @param file    the name the code is saved under, e.g. {@code main.js}
     */
    public record LanguageSettings(String name, List<String> command, String file) {
        public LanguageSettings {
            new Language(name, command == null ? List.of() : command, file);
        }
    }

    public static SandboxSettings defaults() {
        return new SandboxSettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    public boolean on() {
        return enabled;
    }

    /** The options of the sandbox, with its scratch directory (the seccomp program) at {@code scratch}. */
    public SandboxOptions toOptions(Path scratch) {
        return options(name, languages, bwrap, workDir, sessionIdle, cpuSeconds, wallTime, memoryBytes, processes,
                fileBytes, openFiles, workBytes, outputBytes, inputBytes, maxConcurrent, uid, outputLabels, scratch);
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
    private static SandboxOptions options(String name, List<LanguageSettings> languages, String bwrap,
                                          String workDir, String sessionIdle, Integer cpuSeconds, String wallTime,
                                          Long memoryBytes, Integer processes, Long fileBytes, Integer openFiles,
                                          Long workBytes, Integer outputBytes, Integer inputBytes,
                                          Integer maxConcurrent, Integer uid, List<String> outputLabels,
                                          Path scratch) {
        SandboxOptions base = SandboxOptions.defaults(scratch);
        SandboxOptions.Limits d = base.limits();
        SandboxOptions.Limits limits = new SandboxOptions.Limits(
                cpuSeconds == null ? d.cpuSeconds() : cpuSeconds,
                Durations.parse(wallTime, "sandbox.wallTime"),
                memoryBytes == null ? d.memoryBytes() : memoryBytes,
                processes == null ? d.processes() : processes,
                fileBytes == null ? d.fileBytes() : fileBytes,
                openFiles == null ? d.openFiles() : openFiles,
                workBytes == null ? d.workBytes() : workBytes,
                outputBytes == null ? d.outputBytes() : outputBytes,
                inputBytes == null ? d.inputBytes() : inputBytes);
        List<Language> langs = languages.isEmpty() ? base.languages()
                : languages.stream().map(l -> new Language(l.name(), l.command(), l.file())).toList();
        return new SandboxOptions(name, langs, bwrap == null ? base.bwrap() : Path.of(bwrap),
                workDir.equals("session"), Durations.parse(sessionIdle, "sandbox.sessionIdle"), limits,
                maxConcurrent == null ? base.maxConcurrent() : maxConcurrent,
                uid == null ? base.sandboxUid() : uid, Set.copyOf(outputLabels), scratch);
    }
}
