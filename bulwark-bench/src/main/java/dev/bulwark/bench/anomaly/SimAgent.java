package dev.bulwark.bench.anomaly;

import dev.bulwark.bench.anomaly.Catalog.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One generated agent's habits: tools and their weights, rate, schedule, error rates, intents. */
final class SimAgent {
    /** A kind of task the agent does: an intent text and the tools it takes. */
    record Task(String intent, List<ToolSpec> tools) {}

    final String id;
    final List<ToolSpec> tools = new ArrayList<>();
    final double[] weights;
    final double rate;
    final boolean allDay;
    final int startHour;
    final int hours;
    final double denyRate;
    final double injectionRate;
    final double sizeFactor;
    final List<Task> tasks = new ArrayList<>();

    SimAgent(String id, TrafficSetting s, Random r) {
        this.id = id;
        List<String> connectors = new ArrayList<>(Catalog.CONNECTORS);
        java.util.Collections.shuffle(connectors, r);
        // vault and shell are given to few agents
        connectors.removeIf(c -> (c.equals("vault") || c.equals("shell")) && r.nextDouble() > 0.2);
        int n = 1 + r.nextInt(s.maxConnectors());
        for (String c : connectors.subList(0, Math.min(n, connectors.size()))) {
            for (ToolSpec t : Catalog.of(c)) {
                if (r.nextDouble() < 0.75 || tools.isEmpty()) {
                    tools.add(t);
                }
            }
        }
        java.util.Collections.shuffle(tools, r);
        weights = new double[tools.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 1 / Math.pow(i + 1, s.zipf());
            sum += weights[i];
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] /= sum;
        }
        rate = s.medianRate() * Math.exp(s.rateSpread() * r.nextGaussian());
        allDay = r.nextDouble() < s.allDayShare();
        startHour = s.firstShiftStart() + r.nextInt(s.shiftStartSpan());
        hours = s.minShiftHours() + r.nextInt(s.shiftHoursSpan());
        denyRate = r.nextDouble() * s.maxDenyRate();
        injectionRate = r.nextDouble() * s.maxInjectionRate();
        sizeFactor = Math.exp(0.5 * r.nextGaussian());
        if (r.nextDouble() < s.intentShare() && tools.size() >= 3) {
            for (int k = 0; k < 3; k++) {
                String intent = Catalog.WORDS.get(r.nextInt(Catalog.WORDS.size())) + " "
                        + Catalog.WORDS.get(r.nextInt(Catalog.WORDS.size())) + " "
                        + Catalog.WORDS.get(r.nextInt(Catalog.WORDS.size()));
                List<ToolSpec> subset = new ArrayList<>(tools);
                java.util.Collections.shuffle(subset, r);
                tasks.add(new Task(intent, List.copyOf(subset.subList(0, Math.min(subset.size(), 2 + r.nextInt(3))))));
            }
        }
    }

    ToolSpec pick(Random r) {
        double x = r.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x <= 0) {
                return tools.get(i);
            }
        }
        return tools.get(tools.size() - 1);
    }

    /** Whether the agent works at this hour of the day (UTC). */
    boolean worksAt(int hour) {
        return allDay || Math.floorMod(hour - startHour, 24) < hours;
    }
}
