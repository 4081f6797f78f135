package dev.bulwark.server.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PII and secret handling.
 *
 * @param enabled     whether tool outputs and egress arguments are screened (default true)
 * @param minScore    findings scoring below this are ignored (default 0.35)
 * @param toolOutput  per finding type ({@code EMAIL_ADDRESS}, {@code API_KEY}, ...) or {@code default}: allow, redact,
 *                    mask, hash, tokenize or block; omitted: secrets redacted, cards/IBANs/SSNs masked, other PII
 *                    redacted
 * @param egress      the same for arguments of egress tools; omitted: secrets block the call, other PII redacted
 * @param restoreRole agents or users with this role may restore tokenized values of their own session
 * @param vault       where tokenized originals are kept (default: the gateway's database)
 */
public record PiiSettings(Boolean enabled, Double minScore, Map<String, String> toolOutput, Map<String, String> egress,
                          String restoreRole, VaultSettings vault) {
    static final Set<String> ACTIONS = Set.of("allow", "redact", "mask", "hash", "tokenize", "block");

    public PiiSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        minScore = minScore == null ? 0.35 : minScore;
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new IllegalArgumentException("guards.pii.minScore must be between 0 and 1");
        }
        toolOutput = checked(toolOutput, "guards.pii.toolOutput");
        egress = checked(egress, "guards.pii.egress");
        restoreRole = restoreRole == null || restoreRole.isBlank() ? "pii-restorer" : restoreRole;
        vault = vault == null ? VaultSettings.defaults() : vault;
    }

    /** The settings before the vault was configurable: the vault takes its defaults. */
    public PiiSettings(Boolean enabled, Double minScore, Map<String, String> toolOutput, Map<String, String> egress,
                       String restoreRole) {
        this(enabled, minScore, toolOutput, egress, restoreRole, null);
    }

    public boolean on() {
        return enabled;
    }

    private static Map<String, String> checked(Map<String, String> rules, String field) {
        if (rules == null) {
            return Map.of();
        }
        for (Map.Entry<String, String> e : rules.entrySet()) {
            if (!e.getKey().equals("default") && !e.getKey().matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException(field + ": '" + e.getKey()
                        + "' is neither 'default' nor a finding type like EMAIL_ADDRESS");
            }
            if (e.getValue() == null || !ACTIONS.contains(e.getValue().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(field + "." + e.getKey() + " must be one of " + ACTIONS);
            }
        }
        return Map.copyOf(rules);
    }
}
