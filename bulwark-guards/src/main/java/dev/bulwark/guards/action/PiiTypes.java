package dev.bulwark.guards.action;

import java.util.Map;
import java.util.Set;

/** Groups of finding types, and the short names used in placeholders. */
public final class PiiTypes {
    private PiiTypes() {}

    /** Credentials: finding one of these also labels the data {@code secret}. */
    public static final Set<String> SECRETS = Set.of("API_KEY", "PRIVATE_KEY", "PASSWORD", "JWT", "SECRET");

    /**
     * Types that name no person: found and let through (the standard rules allow them), they neither change the
     * output nor label the session {@code pii}. Configured to any other action they count like every type.
     */
    public static final Set<String> NOT_PERSONAL = Set.of("ORGANIZATION");

    /** Whether an applied action makes a finding count as PII for labels and reasons. */
    public static boolean counts(Redaction.Applied applied) {
        return applied.action() != PiiAction.ALLOW || !NOT_PERSONAL.contains(applied.type());
    }

    private static final Map<String, String> SHORT = Map.of("EMAIL_ADDRESS", "EMAIL", "PHONE_NUMBER", "PHONE",
            "CREDIT_CARD", "CARD", "IBAN_CODE", "IBAN", "US_SSN", "SSN", "IP_ADDRESS", "IP", "STREET_ADDRESS",
            "ADDRESS", "ORGANIZATION", "ORG", "DATE_TIME", "DATE");

    /** {@code EMAIL_ADDRESS} becomes {@code EMAIL}; types without a short name stay as they are. */
    public static String placeholderName(String type) {
        return SHORT.getOrDefault(type, type);
    }
}
