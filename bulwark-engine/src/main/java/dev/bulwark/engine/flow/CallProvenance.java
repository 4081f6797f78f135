package dev.bulwark.engine.flow;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Provenance of every argument of one call, and the facts about its sinks that flow policies test.
 *
 * @param intentDeclared whether the session has a declared intent: without one, a value seen nowhere may simply be
 *                       what the user typed, and policies may want to tell the two cases apart
 */
public record CallProvenance(Map<String, ArgumentProvenance> arguments, boolean intentDeclared) {
    public CallProvenance {
        arguments = Map.copyOf(arguments);
    }

    public CallProvenance(Map<String, ArgumentProvenance> arguments) {
        this(arguments, false);
    }

    /** Some sink argument holds a value seen only in untrusted output. */
    public boolean untrustedInSink() {
        return sinks().anyMatch(ArgumentProvenance::untrustedOnly);
    }

    /** Some sink argument holds an identifier (IBAN, e-mail, URL, domain, phone, account, path) seen only untrusted. */
    public boolean untrustedIdentifierInSink() {
        return sinks().anyMatch(ArgumentProvenance::untrustedIdentifier);
    }

    /** Some sink argument holds untrusted-only values and nothing trusted. */
    public boolean sinksFromUntrustedOnly() {
        return sinks().anyMatch(ArgumentProvenance::fromUntrustedOnly);
    }

    /** Some sink argument is one short value that came only from untrusted free text ({@link ArgumentProvenance#untrustedValue}). */
    public boolean untrustedValueInSink() {
        return sinks().anyMatch(ArgumentProvenance::untrustedValue);
    }

    /** Some sink argument holds an identifier seen nowhere ({@link ArgumentProvenance#unseenIdentifier}). */
    public boolean unseenIdentifierInSink() {
        return sinks().anyMatch(ArgumentProvenance::unseenIdentifier);
    }

    /** Some sink argument holds an identifier the user's intent did not name. */
    public boolean identifierOutsideIntentInSink() {
        return sinks().anyMatch(ArgumentProvenance::identifierOutsideIntent);
    }

    /** Some sink argument holds a value seen nowhere (or nothing traceable). */
    public boolean unseenInSink() {
        return sinks().anyMatch(ArgumentProvenance::unseen);
    }

    private java.util.stream.Stream<ArgumentProvenance> sinks() {
        return arguments.values().stream().filter(ArgumentProvenance::sink);
    }

    /**
     * The facts as a plain map for {@code context.flow}: {@code args.<name>.sources} and the other per-argument
     * facts, and the aggregates {@code untrusted_in_sink}, {@code sinks_from_untrusted_only},
     * {@code untrusted_identifier_in_sink}, {@code untrusted_value_in_sink}, {@code unseen_identifier_in_sink}, {@code unseen_in_sink},
     * {@code untrusted_sinks} (names) and {@code sink_labels} (labels of values found in sinks).
     */
    public Map<String, Object> toContext() {
        Map<String, Object> args = new LinkedHashMap<>();
        Set<String> untrustedSinks = new LinkedHashSet<>();
        Set<String> sinkLabels = new LinkedHashSet<>();
        String[] names = arguments.keySet().toArray(String[]::new);
        java.util.Arrays.sort(names);
        for (String name : names) {
            ArgumentProvenance a = arguments.get(name);
            args.put(name, a.toContext());
            if (a.sink()) {
                sinkLabels.addAll(a.labels());
                if (a.untrustedOnly()) {
                    untrustedSinks.add(name);
                }
            }
        }
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("args", args);
        flow.put("untrusted_in_sink", untrustedInSink());
        flow.put("sinks_from_untrusted_only", sinksFromUntrustedOnly());
        flow.put("untrusted_identifier_in_sink", untrustedIdentifierInSink());
        flow.put("untrusted_value_in_sink", untrustedValueInSink());
        flow.put("unseen_identifier_in_sink", unseenIdentifierInSink());
        flow.put("intent_declared", intentDeclared);
        flow.put("identifier_outside_intent_in_sink", identifierOutsideIntentInSink());
        flow.put("unseen_in_sink", unseenInSink());
        flow.put("untrusted_sinks", untrustedSinks);
        flow.put("sink_labels", sinkLabels);
        return flow;
    }

    /**
     * {@link #toContext()} as a JSON tree (sets become sorted lists), as {@code DecisionRequest.flow} takes it. Built in
     * one pass over the arguments, without the intermediate sets and maps of {@link #toContext()}: the same keys in the
     * same order, the same values.
     */
    public Map<String, Object> toJson() {
        String[] names = arguments.keySet().toArray(String[]::new);
        java.util.Arrays.sort(names);
        Map<String, Object> args = LinkedHashMap.newLinkedHashMap(names.length);
        Set<String> untrustedSinks = new java.util.TreeSet<>();
        Set<String> sinkLabels = new java.util.TreeSet<>();
        boolean untrustedInSink = false;
        boolean fromUntrustedOnly = false;
        boolean untrustedIdentifier = false;
        boolean untrustedValue = false;
        boolean unseenIdentifier = false;
        boolean outsideIntent = false;
        boolean unseen = false;
        for (String name : names) {
            ArgumentProvenance a = arguments.get(name);
            args.put(name, a.toJson());
            if (a.sink()) {
                for (ArgumentProvenance.Part p : a.parts()) {
                    sinkLabels.addAll(p.labels());
                }
                if (a.untrustedOnly()) {
                    untrustedSinks.add(name);
                    untrustedInSink = true;
                }
                fromUntrustedOnly |= a.fromUntrustedOnly();
                untrustedIdentifier |= a.untrustedIdentifier();
                untrustedValue |= a.untrustedValue();
                unseenIdentifier |= a.unseenIdentifier();
                outsideIntent |= a.identifierOutsideIntent();
                unseen |= a.unseen();
            }
        }
        Map<String, Object> flow = LinkedHashMap.newLinkedHashMap(11);
        flow.put("args", args);
        flow.put("untrusted_in_sink", untrustedInSink);
        flow.put("sinks_from_untrusted_only", fromUntrustedOnly);
        flow.put("untrusted_identifier_in_sink", untrustedIdentifier);
        flow.put("untrusted_value_in_sink", untrustedValue);
        flow.put("unseen_identifier_in_sink", unseenIdentifier);
        flow.put("intent_declared", intentDeclared);
        flow.put("identifier_outside_intent_in_sink", outsideIntent);
        flow.put("unseen_in_sink", unseen);
        flow.put("untrusted_sinks", List.copyOf(untrustedSinks));
        flow.put("sink_labels", List.copyOf(sinkLabels));
        return flow;
    }
}
