package dev.bulwark.engine.flow;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one argument's value came from, part by part.
 *
 * @param name   the argument's name
 * @param sink   whether the tool declares it a sink (recipient, destination, amount, body, …)
 * @param parts  the values traced: the typed values inside it, and for a short argument its phrase or words
 * @param traced whether the argument holds anything to trace at all (false for booleans, nulls and blanks)
 * @param whole  whether the argument is one short value (a name, a channel, a password, an amount) rather than text
 *               or a structure: then untrusted content that supplies it chooses the value outright
 */
public record ArgumentProvenance(String name, boolean sink, List<Part> parts, boolean traced, boolean whole) {
    /** One traced value: its kind and every source it was seen in (empty: seen nowhere). */
    public record Part(ValueKind kind, Set<Source> sources, Set<String> labels) {
        public Part {
            sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
            labels = Set.copyOf(labels);
        }

        boolean trusted() {
            return sources.contains(Source.INTENT) || sources.contains(Source.TRUSTED_OUTPUT);
        }

        /** Seen only in the free text of untrusted output: mentioned by someone, never a field or a trusted value. */
        boolean untrustedOnly() {
            return sources.size() == 1 && sources.contains(Source.UNTRUSTED_OUTPUT);
        }

        /** Seen trusted, or as a whole field of records. */
        boolean backed() {
            return trusted() || sources.contains(Source.UNTRUSTED_FIELD);
        }
    }

    public ArgumentProvenance {
        parts = List.copyOf(parts);
    }

    public ArgumentProvenance(String name, boolean sink, List<Part> parts, boolean traced) {
        this(name, sink, parts, traced, false);
    }

    /**
     * A single short value whose every source is untrusted free text: some part was seen only there and no part was
     * seen trusted or as a field. The name to add to a channel, the password to set: untrusted content chose it.
     */
    public boolean untrustedValue() {
        if (!whole) {
            return false;
        }
        boolean untrusted = false;
        for (Part p : parts) {
            if (p.backed()) {
                return false;
            }
            untrusted |= p.untrustedOnly();
        }
        return untrusted;
    }

    /** Some part was seen only in untrusted output: untrusted content reached this argument. */
    public boolean untrustedOnly() {
        for (Part p : parts) {
            if (p.untrustedOnly()) {
                return true;
            }
        }
        return false;
    }

    /** Some identifier part (IBAN, account, e-mail, URL, domain, phone, path) was seen only in untrusted output. */
    public boolean untrustedIdentifier() {
        for (Part p : parts) {
            if (p.untrustedOnly() && p.kind().identifier()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Some identifier part (where a message, payment or request goes) was not named in the user's intent, whatever
     * else it was seen in.
     */
    public boolean identifierOutsideIntent() {
        for (Part p : parts) {
            if (p.kind().identifier() && !p.sources().contains(Source.INTENT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Some destination part (an IBAN, e-mail, URL, domain or phone; {@link ValueKind#destination}) was seen nowhere:
     * not in the intent, not in any output. A destination the model wrote itself, or one it decoded from content
     * written so that the gateway could not recognise it (spelt out, split, encoded): either way nobody vouches for
     * it. Account-like references and file names are left out: models make those up as a matter of course.
     */
    public boolean unseenIdentifier() {
        for (Part p : parts) {
            if (p.kind().destination() && p.sources().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Some part was seen nowhere, or nothing in it could be traced: model-generated as far as the gateway knows. */
    public boolean unseen() {
        if (!traced || parts.isEmpty()) {
            return traced;
        }
        for (Part p : parts) {
            if (p.sources().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Every part was seen in the intent or a trusted output. */
    public boolean trusted() {
        for (Part p : parts) {
            if (!p.trusted()) {
                return false;
            }
        }
        return !parts.isEmpty();
    }

    /** No part is trusted and some part came only from untrusted output. */
    public boolean fromUntrustedOnly() {
        for (Part p : parts) {
            if (p.trusted()) {
                return false;
            }
        }
        return untrustedOnly();
    }

    /** The sources of all parts, plus {@code unseen} when {@link #unseen()}. */
    public Set<String> sourceNames() {
        Set<String> out = new LinkedHashSet<>();
        EnumSet<Source> seen = EnumSet.noneOf(Source.class);
        for (Part p : parts) {
            seen.addAll(p.sources());
        }
        for (Source s : seen) { // in declaration order, as before
            out.add(s.contextName());
        }
        if (unseen()) {
            out.add("unseen");
        }
        return out;
    }

    public Set<String> labels() {
        Set<String> out = new LinkedHashSet<>();
        parts.forEach(p -> out.addAll(p.labels()));
        return out;
    }

    /** This argument as a plain record for the policy context (strings, booleans, longs, sets of strings). */
    public Map<String, Object> toContext() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sink", sink);
        m.put("sources", sourceNames());
        Set<String> kinds = new LinkedHashSet<>();
        parts.forEach(p -> kinds.add(p.kind().contextName()));
        m.put("kinds", kinds);
        m.put("labels", labels());
        m.put("trusted", trusted());
        m.put("untrusted_only", untrustedOnly());
        m.put("from_untrusted_only", fromUntrustedOnly());
        m.put("untrusted_identifier", untrustedIdentifier());
        m.put("untrusted_value", untrustedValue());
        m.put("unseen_identifier", unseenIdentifier());
        m.put("whole", whole);
        m.put("unseen", unseen());
        m.put("identifier_outside_intent", identifierOutsideIntent());
        m.put("parts", (long) parts.size());
        long untrustedParts = 0;
        for (Part p : parts) {
            untrustedParts += p.untrustedOnly() ? 1 : 0;
        }
        m.put("untrusted_parts", untrustedParts);
        return m;
    }

    /**
     * {@link #toContext()} as a JSON tree, as {@code context.flow} holds it: the same keys in the same order, each set
     * as a sorted list.
     */
    Map<String, Object> toJson() {
        EnumSet<Source> seen = EnumSet.noneOf(Source.class);
        Set<String> kinds = new java.util.TreeSet<>();
        Set<String> labels = new java.util.TreeSet<>();
        long untrustedParts = 0;
        for (Part p : parts) {
            seen.addAll(p.sources());
            kinds.add(p.kind().contextName());
            labels.addAll(p.labels());
            untrustedParts += p.untrustedOnly() ? 1 : 0;
        }
        boolean unseen = unseen();
        Set<String> sources = new java.util.TreeSet<>();
        for (Source s : seen) {
            sources.add(s.contextName());
        }
        if (unseen) {
            sources.add("unseen");
        }
        Map<String, Object> m = LinkedHashMap.newLinkedHashMap(15);
        m.put("sink", sink);
        m.put("sources", List.copyOf(sources));
        m.put("kinds", List.copyOf(kinds));
        m.put("labels", List.copyOf(labels));
        m.put("trusted", trusted());
        m.put("untrusted_only", untrustedOnly());
        m.put("from_untrusted_only", fromUntrustedOnly());
        m.put("untrusted_identifier", untrustedIdentifier());
        m.put("untrusted_value", untrustedValue());
        m.put("unseen_identifier", unseenIdentifier());
        m.put("whole", whole);
        m.put("unseen", unseen);
        m.put("identifier_outside_intent", identifierOutsideIntent());
        m.put("parts", (long) parts.size());
        m.put("untrusted_parts", untrustedParts);
        return m;
    }
}
