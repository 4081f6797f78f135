import java.nio.file.Path;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * What runs (or allocates) under one frame of a JFR recording of {@code GatewayLoad}, per 1,000 calls through the
 * gateway: the total, the top innermost frames and the top chains of four frames below the marked one. Run with the
 * single-file launcher: {@code java scripts/jfr/FramesUnder.java recording.jfr <calls in thousands> <end of a method
 * name, e.g. JdbcAuditLog.append> [alloc]}; with {@code alloc}, {@code jdk.ObjectAllocationSample} weights in MB
 * instead of execution samples; with {@code cpu}, CPU-time samples ({@code jdk.CPUTimeSample}, native code included).
 */
public class FramesUnder {
    public static void main(String[] a) throws Exception {
        double k = Double.parseDouble(a[1]);
        String marker = a[2];
        boolean alloc = a.length > 3 && a[3].equals("alloc");
        String sampled = a.length > 3 && a[3].equals("cpu") ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        Map<String, Double> self = new HashMap<>(), chain = new HashMap<>();
        double total = 0;
        try (RecordingFile r = new RecordingFile(Path.of(a[0]))) {
            while (r.hasMoreEvents()) {
                RecordedEvent e = r.readEvent();
                String t = e.getEventType().getName();
                if (alloc ? !t.equals("jdk.ObjectAllocationSample") : !t.equals(sampled)) continue;
                if (e.getStackTrace() == null) continue;
                List<RecordedFrame> f = e.getStackTrace().getFrames();
                int at = -1;
                for (int i = 0; i < f.size(); i++) if (name(f.get(i)).endsWith(marker)) { at = i; break; }
                if (at < 0) continue;
                double w = alloc ? e.getLong("weight") / 1e6 : 1;
                total += w;
                String s = name(f.get(0)) + (alloc ? " <" + e.getClass("objectClass").getName() + ">" : "");
                self.merge(s, w, Double::sum);
                // the (up to) four frames the marked one called, outermost first
                StringBuilder c = new StringBuilder();
                int n = 0;
                for (int i = at - 1; i >= 0 && n < 4; i--) {
                    String nm = name(f.get(i));
                    c.append(" > ").append(nm.replaceAll("^.*\\.([^.]+\\.[^.]+)$", "$1"));
                    n++;
                }
                chain.merge(c.toString(), w, Double::sum);
            }
        }
        System.out.printf("%s: %.1f per 1000 calls%s%n", marker, total / k, alloc ? " (MB)" : " samples");
        print("self", self, k);
        print("chain", chain, k);
    }
    static void print(String title, Map<String, Double> m, double k) {
        System.out.println("-- " + title);
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(25)
            .forEach(e -> System.out.printf("%8.2f %s%n", e.getValue() / k, e.getKey()));
    }
    static String name(RecordedFrame f) { return f.getMethod().getType().getName() + "." + f.getMethod().getName(); }
}
