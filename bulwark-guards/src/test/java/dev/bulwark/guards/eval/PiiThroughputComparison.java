package dev.bulwark.guards.eval;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of two builds of {@code PatternPiiDetector} in one run, so both see the same machine load: each build
 * is loaded from its own classes directory (in its own class loader, sharing this class path's dependencies), both
 * are warmed up, then they run in alternating rounds over the evaluation corpus on one thread, timed by the thread's
 * CPU time (MB/s per core). A plain main, not a test. Usage:
 * {@code PiiThroughputComparison BEFORE_CLASSES AFTER_CLASSES [rounds] [warm-up rounds]}.
 */
public final class PiiThroughputComparison {
    private PiiThroughputComparison() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PiiThroughputComparison BEFORE_CLASSES AFTER_CLASSES [rounds] [warm-up rounds]");
            System.exit(2);
            return;
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        List<String> texts = new ArrayList<>();
        long bytes = 0;
        try (InputStream in = PiiThroughputComparison.class.getResourceAsStream("/pii-eval/synth_dataset_v2.json")) {
            for (LabelledText s : PiiEvaluation.read(in)) {
                texts.add(s.text());
                bytes += s.text().getBytes(StandardCharsets.UTF_8).length;
            }
        }
        Build before = Build.load(args[0]);
        Build after = Build.load(args[1]);
        long sink = 0;
        for (int i = 0; i < warmUp; i++) {
            sink += before.round(texts) + after.round(texts);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            sink += before.round(texts);
            long c1 = threads.getCurrentThreadCpuTime();
            sink += after.round(texts);
            cpu[0] += c1 - c0;
            cpu[1] += threads.getCurrentThreadCpuTime() - c1;
        }
        double mb = bytes * (double) rounds / 1e6;
        System.out.printf(Locale.ROOT, "%d texts, %d bytes, %d warm-up and %d alternating timed rounds each%n",
                texts.size(), bytes, warmUp, rounds);
        System.out.printf(Locale.ROOT, "before: %.2f MB/s per core (thread CPU time), %.1f µs CPU per text%n",
                mb / (cpu[0] / 1e9), cpu[0] / 1e3 / rounds / texts.size());
        System.out.printf(Locale.ROOT, "after:  %.2f MB/s per core (thread CPU time), %.1f µs CPU per text%n",
                mb / (cpu[1] / 1e9), cpu[1] / 1e3 / rounds / texts.size());
        System.out.printf(Locale.ROOT, "speed-up %.2fx (%d findings)%n", (double) cpu[0] / cpu[1], sink);
    }

    /** One build of the detector, reached by reflection because both builds share class names. */
    private record Build(Object detector, Method detect) {
        static Build load(String classesDirectory) throws Exception {
            File dir = new File(classesDirectory);
            if (!new File(dir, "dev/bulwark/guards/detect/PatternPiiDetector.class").isFile()) {
                throw new IOException("no PatternPiiDetector under " + dir);
            }
            List<URL> urls = new ArrayList<>();
            urls.add(dir.toURI().toURL());
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                // This module's own classes would shadow the build under test.
                if (!entry.endsWith("bulwark-guards/target/classes") && !entry.endsWith("bulwark-guards/target/test-classes")) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass("dev.bulwark.guards.detect.PatternPiiDetector");
            return new Build(type.getConstructor().newInstance(), type.getMethod("detect", String.class));
        }

        long round(List<String> texts) throws Exception {
            long found = 0;
            for (String t : texts) {
                found += ((List<?>) detect.invoke(detector, t)).size();
            }
            return found;
        }
    }
}
