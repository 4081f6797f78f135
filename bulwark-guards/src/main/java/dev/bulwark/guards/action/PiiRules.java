package dev.bulwark.guards.action;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Actions for one destination: per finding type, and one for every type not listed.
 *
 * @param byType    action per finding type ({@code EMAIL_ADDRESS}, {@code API_KEY}, ...)
 * @param otherwise action for types not in {@code byType}
 * @param minScore  findings scoring below this are left alone, 0 to 1
 */
public record PiiRules(Map<String, PiiAction> byType, PiiAction otherwise, double minScore) {
    public PiiRules {
        Objects.requireNonNull(byType, "byType");
        Objects.requireNonNull(otherwise, "otherwise");
        for (Map.Entry<String, PiiAction> e : byType.entrySet()) {
            if (e.getKey() == null || !e.getKey().matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("finding type must be UPPER_SNAKE_CASE: " + e.getKey());
            }
            Objects.requireNonNull(e.getValue(), "action for " + e.getKey());
        }
        byType = Map.copyOf(byType);
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("minScore must be within [0, 1]: " + minScore);
        }
    }

    public PiiAction actionFor(String type) {
        return byType.getOrDefault(type, otherwise);
    }

    /** The same action for every type. */
    public static PiiRules all(PiiAction action) {
        return new PiiRules(Map.of(), action, 0);
    }

    /**
     * Organisation names are not personal data: a company, agency or university named in tool output (an error
     * message, a report, a supplier list) is left as it is. A deployment that treats them as sensitive sets
     * {@code ORGANIZATION: redact} (configuration {@code guards.pii.toolOutput} / {@code egress}).
     */
    public static final String ORGANIZATION = "ORGANIZATION";

    /**
     * Secrets blocked or redacted, payment and identity numbers masked, organisation names allowed, everything else
     * redacted.
     */
    static PiiRules standard(PiiAction secrets) {
        Map<String, PiiAction> m = new TreeMap<>();
        for (String s : PiiTypes.SECRETS) {
            m.put(s, secrets);
        }
        m.put("CREDIT_CARD", PiiAction.MASK);
        m.put("IBAN_CODE", PiiAction.MASK);
        m.put("US_SSN", PiiAction.MASK);
        m.put(ORGANIZATION, PiiAction.ALLOW);
        return new PiiRules(m, PiiAction.REDACT, 0);
    }

    /** Rules per destination; a destination without rules redacts everything (deny by default). */
    public record ByDestination(Map<Destination, PiiRules> rules) {
        public ByDestination {
            rules = Map.copyOf(new EnumMap<>(Objects.requireNonNull(rules, "rules")));
        }

        public PiiRules at(Destination destination) {
            return rules.getOrDefault(destination, all(PiiAction.REDACT));
        }

        /**
         * Tool output: secrets redacted, cards/IBANs/SSNs masked, organisation names allowed, other PII redacted.
         * Egress arguments: secrets block the call, organisation names allowed, other PII redacted. Audit:
         * everything redacted.
         */
        public static ByDestination standard() {
            return new ByDestination(Map.of(
                    Destination.TOOL_OUTPUT, PiiRules.standard(PiiAction.REDACT),
                    Destination.EGRESS_ARGUMENTS, PiiRules.standard(PiiAction.BLOCK),
                    Destination.AUDIT, all(PiiAction.REDACT)));
        }
    }
}
