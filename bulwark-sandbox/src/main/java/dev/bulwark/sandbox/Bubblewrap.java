package dev.bulwark.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs in bubblewrap. Each run gets fresh namespaces and fresh tmpfs work, temporary and output directories;
 * when the wall time (plus a short grace for reading the results back) runs out, the bubblewrap process is killed,
 * and with it, by {@code --die-with-parent} and the end of the PID namespace, every process of the run.
 */
public final class Bubblewrap {
    /** Time after the wall time for the bootstrap to hand back the results before the run is killed. */
    static final long GRACE_MILLIS = 2_000;

    private final SandboxOptions options;
    private final Path filter;
    private final boolean root;
    private final Semaphore slots;

    private Bubblewrap(SandboxOptions options, Path filter, boolean root) {
        this.options = options;
        this.filter = filter;
        this.root = root;
        this.slots = new Semaphore(options.maxConcurrent(), true);
    }

    /** Writes the seccomp program to the scratch directory (mode 700) and returns a runner over it. */
    public static Bubblewrap prepare(SandboxOptions options) throws IOException {
        Files.createDirectories(options.scratch());
        Files.setPosixFilePermissions(options.scratch(), PosixFilePermissions.fromString("rwx------"));
        Path filter = options.scratch().resolve("seccomp.bpf");
        Files.write(filter, SeccompFilter.forThisMachine());
        Files.setPosixFilePermissions(filter, PosixFilePermissions.fromString("rw-------"));
        return new Bubblewrap(options, filter, isRoot());
    }

    public SandboxOptions options() {
        return options;
    }

    /** Whether the gateway runs as root (then the sandbox drops to {@link SandboxOptions#sandboxUid()}). */
    public boolean dropsRoot() {
        return root;
    }

    /**
     * Runs {@code program} with {@code inputs} in the work directory and reads back {@code wanted} files (or, with
     * {@code keepAll}, every regular file of the work directory as well).
     */
    public Execution run(List<String> program, Map<String, byte[]> inputs, List<String> wanted, boolean keepAll)
            throws SandboxException, InterruptedException {
        byte[] request = request(inputs, wanted, keepAll);
        long wall = options.limits().wallTime().toMillis();
        if (!slots.tryAcquire(wall, TimeUnit.MILLISECONDS)) {
            throw new SandboxException("the sandbox is busy (" + options.maxConcurrent() + " runs at once)");
        }
        try {
            return execute(program, request, keepAll);
        } finally {
            slots.release();
        }
    }

    private Execution execute(List<String> program, byte[] request, boolean keepAll)
            throws SandboxException, InterruptedException {
        SandboxOptions.Limits l = options.limits();
        long readLimit = 4L * l.outputBytes() + 65536L * (2 + 16)
                + (keepAll ? l.workBytes() + 65536 : 0) + (long) 16 * l.outputBytes();
        ProcessBuilder builder = new ProcessBuilder(BwrapCommand.of(options, filter, root, program));
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        // bubblewrap's init (process 1 inside) keeps the environment it was started with, and bubblewrap adds PWD:
        // started from the gateway's directory, the run could read the host path in /proc/1/environ
        builder.directory(new java.io.File("/"));
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("the sandbox could not start: " + e.getMessage(), e);
        }
        try {
            CompletableFuture<byte[]> out = drain(process.getInputStream(), readLimit, process);
            CompletableFuture<byte[]> err = drain(process.getErrorStream(), 8192, process);
            // written from another thread, so that a sandbox that stops reading cannot hold the call past its wall time
            Thread.ofVirtual().start(() -> {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write(request);
                } catch (IOException e) {
                    // the sandbox ended before taking its inputs; its stderr says why
                }
            });
            boolean ended = process.waitFor(l.wallTime().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
            if (!ended) {
                kill(process);
            }
            byte[] framed = out.join();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!ended) {
                return new Execution(137, true, empty(), empty(), Map.of(), java.util.Set.of(), Map.of(), millis);
            }
            if (framed == null) {
                throw new SandboxException("the sandbox wrote more than " + readLimit + " bytes; the run was killed");
            }
            try {
                return Framing.read(framed, l.wallTime().toMillis(), millis);
            } catch (RuntimeException e) {
                String why = new String(err.join(), StandardCharsets.UTF_8).strip();
                throw new SandboxException("the run ended without a readable result (the sandbox failed to start, or"
                        + " the program killed its supervisor; exit " + process.exitValue()
                        + (why.isEmpty() ? "" : ": " + firstLine(why)) + ")");
            }
        } finally {
            kill(process);
        }
    }

    private static Execution.Output empty() {
        return new Execution.Output(new byte[0], 0);
    }

    /** Kills the run: bubblewrap and anything still alive below it on the host side. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream fully; more than {@code limit} bytes kill the process and yield {@code null}. */
    private static CompletableFuture<byte[]> drain(InputStream in, long limit, Process process) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            try (in) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    if (buffer.size() + (long) n > limit) {
                        kill(process);
                        result.complete(null);
                        return;
                    }
                    buffer.write(chunk, 0, n);
                }
            } catch (IOException e) {
                // the process was killed; what was read is all there is
            }
            result.complete(buffer.toByteArray());
        });
        return result;
    }

    private byte[] request(Map<String, byte[]> inputs, List<String> wanted, boolean keepAll) throws SandboxException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long total = 0;
        for (Map.Entry<String, byte[]> e : new LinkedHashMap<>(inputs).entrySet()) {
            checkName(e.getKey());
            total += e.getValue().length;
            out.writeBytes(("file " + e.getValue().length + " " + e.getKey() + "\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(e.getValue());
        }
        if (total > Math.max(options.limits().inputBytes(), keepAll ? options.limits().workBytes() : 0)) {
            throw new SandboxException("inputs exceed " + options.limits().inputBytes() + " bytes");
        }
        for (String name : wanted) {
            checkName(name);
            out.writeBytes(("want " + name + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (keepAll) {
            out.writeBytes("all\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("end\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static void checkName(String name) throws SandboxException {
        if (name == null || !Language.Files.NAME.matcher(name).matches()) {
            throw new SandboxException("file names must match " + Language.Files.NAME.pattern() + ": " + name);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
