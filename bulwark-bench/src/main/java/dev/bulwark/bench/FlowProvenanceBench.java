package dev.bulwark.bench;

import dev.bulwark.engine.flow.CallProvenance;
import dev.bulwark.engine.flow.SessionFlow;
import dev.bulwark.engine.flow.Source;
import dev.bulwark.engine.flow.ValueExtractor;
import dev.bulwark.engine.flow.ValueIndex;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of value-flow tracking per call: extracting the values of one tool output (about 4 KB of transaction-list
 * text, the shape of AgentDojo's banking outputs), recording it into a session's index, and tracing the four sink
 * arguments of a payment call (IBAN, amount, subject, a 300-character body) against an index that holds
 * {@code outputs} earlier outputs (50 fills the default bound of 4,096 entries, so eviction runs). Baseline in the
 * same run: {@code copyOutput}, one {@code String.toLowerCase} pass over the same output.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FlowProvenanceBench {
    @Param({"5", "50"})
    public int outputs;

    private final ValueExtractor extractor = new ValueExtractor();
    private SessionFlow flow;
    private String output;
    private Map<String, Object> args;
    private final Set<String> sinks = Set.of("recipient", "amount", "subject", "body");
    private final Set<String> untrusted = Set.of(Source.UNTRUSTED_LABEL);

    @Setup(Level.Trial)
    public void fill() {
        Random random = new Random(42);
        flow = new SessionFlow(extractor, new ValueIndex());
        flow.intent("Pay my rent of 1,200.00 EUR for March 2025 to DE89 3704 0044 0532 0130 00 and tell bob@acme.example");
        for (int i = 0; i < outputs; i++) {
            flow.output(transactions(random, 40), untrusted);
        }
        output = transactions(random, 40);
        args = new LinkedHashMap<>();
        args.put("recipient", "DE89370400440532013000");
        args.put("amount", 1200.0);
        args.put("subject", "Rent March 2025");
        args.put("body", "Hi Bob, I paid the rent of 1.200,00 € on 2025-03-05 to DE89 3704 0044 0532 0130 00; "
                + "the landlord also mentioned https://www.landlord-portal.example/receipt?id=" + random.nextInt(1000)
                + " for the receipt and GB29NWBK60161331926819 for the deposit. Regards, Emma");
        System.out.printf("%n%d chars per output; index %s%n", output.length(), flow.index().stats());
    }

    static String transactions(Random random, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append("- amount: ").append(random.nextInt(5000)).append('.').append(random.nextInt(10)).append('\n')
                    .append("  date: '2024-").append(String.format("%02d-%02d", 1 + random.nextInt(12),
                            1 + random.nextInt(28))).append("'\n")
                    .append("  id: ").append(random.nextInt(100_000)).append('\n')
                    .append("  recipient: CH").append(String.format("%019d", Math.abs(random.nextLong()) % 1_000_000_000_000_000_000L)).append('\n')
                    .append("  subject: Invoice ").append(Integer.toHexString(random.nextInt())).append(" from shop")
                    .append(random.nextInt(300)).append(".example\n");
        }
        return b.toString();
    }

    @Benchmark
    public String copyOutput() {
        return output.toLowerCase();
    }

    @Benchmark
    public Object extractOutput() {
        return extractor.fromText(output, true);
    }

    @Benchmark
    public boolean recordOutput() {
        return flow.output(output, untrusted);
    }

    @Benchmark
    public CallProvenance provenanceOfCall() {
        return flow.provenance(args, sinks);
    }
}
