import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Java execution samples of a JFR recording of {@code GatewayLoad}, per 1,000 calls through the gateway, by the area
 * of the gateway they fall in (the innermost frame that marks an area decides). Run with the JDK's single-file
 * launcher: {@code java scripts/jfr/GatewayAreas.java recording.jfr <calls through the gateway, in thousands>}.
 * Record with {@code -XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=recording.jfr,
 * settings=profile}: at the default depth of 64 frames a third of the gateway's stacks are cut short and lose the
 * frames that name their area. Samples cover Java code only (not SQLite's native code, not the kernel). With a third
 * argument {@code cpu}, the JDK 25 CPU-time sampler's {@code jdk.CPUTimeSample} events instead (record with
 * {@code jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=10ms} added): CPU time only, native code included.
 */
public class GatewayAreas {
    /** Area, and the end of the method name that marks it. */
    private static final String[][] AREAS = {
        {"decision input (audit record)", "DecisionInputs.of"},
        {"audit append (encode, enqueue, wait)", "AuditLog.append"},
        {"audit writer thread", "ChainWriter.run"},
        {"upstream call (connector, SDK client)", "McpUpstreamConnector.call"},
        {"output screening (guards)", "ScreenOutputStep.handle"},
        {"policy (Cedar)", "CedarPolicyEngine.decide"},
        {"flow provenance", "FlowStep.handle"},
        {"session store", "SessionStep.handle"},
        {"attempt record", "RecordAttemptStep.handle"},
        {"decide step (other)", "DecideStep.handle"},
        {"argument redaction (audit step)", "AuditStep.handle"},
        {"authenticate, resolve, validate", "AuthenticateStep.handle"},
        {"pipeline other", "CallPipeline.run"},
        {"front door outside pipeline", "McpGate.doFilter"},
    };

    public static void main(String[] args) throws Exception {
        Map<String, Integer> samples = new LinkedHashMap<>();
        for (String[] area : AREAS) {
            samples.put(area[0], 0);
        }
        String type = args.length > 2 && args[2].equals("cpu") ? "jdk.CPUTimeSample" : "jdk.ExecutionSample";
        int total = 0;
        try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals(type) || event.getStackTrace() == null) {
                    continue;
                }
                total++;
                String area = areaOf(event.getStackTrace().getFrames());
                if (area != null) {
                    samples.merge(area, 1, Integer::sum);
                }
            }
        }
        double thousands = Double.parseDouble(args[1]);
        System.out.printf("all %s samples %.0f per 1000 calls%n", type, total / thousands);
        samples.forEach((area, n) -> System.out.printf("%-42s %6.1f%n", area, n / thousands));
    }

    private static String areaOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
            for (String[] area : AREAS) {
                if (name.endsWith(area[1])) {
                    return area[0];
                }
            }
        }
        return null;
    }
}
