package dev.bulwark.bench;

import dev.bulwark.sandbox.Bubblewrap;
import dev.bulwark.sandbox.Execution;
import dev.bulwark.sandbox.IsolationProbe;
import dev.bulwark.sandbox.Isolation;
import dev.bulwark.sandbox.SandboxOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-to-exit latency of {@code print(1)} in the sandbox against bare {@code /usr/bin/python3 -c 'print(1)'}, both
 * measured in the same run, interleaved (one bare, one sandboxed) so that a load change affects both alike. The
 * sandboxed figure is the whole {@code Bubblewrap.run}: start, inputs in, namespaces, seccomp, rlimits, python, the
 * read-back of stdout and stderr, and the parse.
 *
 * <p>Usage: {@code SandboxStartLatency [iterations=500] [warmup=30]}
 */
public final class SandboxStartLatency {
    private SandboxStartLatency() {}

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path scratch = Files.createTempDirectory("bulwark-sandbox-bench");
        Bubblewrap sandbox = Bubblewrap.prepare(SandboxOptions.defaults(scratch));
        Isolation isolation = IsolationProbe.check(sandbox);
        if (!isolation.ready()) {
            throw new IllegalStateException(isolation.summary());
        }
        List<String> program = List.of("/usr/bin/python3", "-I", "-B", "main.py");
        Map<String, byte[]> code = Map.of("main.py", "print(1)".getBytes(StandardCharsets.UTF_8));
        long[] bare = new long[iterations];
        long[] boxed = new long[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "print(1)").start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            long t1 = System.nanoTime();
            Execution run = sandbox.run(program, code, List.of(), false);
            long t2 = System.nanoTime();
            if (!out.equals("1\n") || !run.stdout().text().equals("1\n") || run.exitCode() != 0) {
                throw new IllegalStateException("unexpected output: " + out + " / " + run);
            }
            if (i >= 0) {
                bare[i] = t1 - t0;
                boxed[i] = t2 - t1;
            }
        }
        Latencies b = new Latencies(bare);
        Latencies s = new Latencies(boxed);
        System.out.println(isolation.summary());
        System.out.printf("iterations %d (after %d warm-up), interleaved%n", iterations, warmup);
        System.out.printf("bare python3 -c 'print(1)'   p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                b.millisAt(0.5), b.millisAt(0.9), b.millisAt(0.99), b.millisAt(1.0));
        System.out.printf("sandboxed print(1)           p50 %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  max %7.2f ms%n",
                s.millisAt(0.5), s.millisAt(0.9), s.millisAt(0.99), s.millisAt(1.0));
        System.out.printf("ratio sandboxed / bare       p50 %.2fx  p99 %.2fx%n",
                s.millisAt(0.5) / b.millisAt(0.5), s.millisAt(0.99) / b.millisAt(0.99));
    }
}
