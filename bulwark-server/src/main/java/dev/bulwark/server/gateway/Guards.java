package dev.bulwark.server.gateway;

import dev.bulwark.guards.action.AesGcmTokenVault;
import dev.bulwark.guards.action.Destination;
import dev.bulwark.guards.action.JdbcTokenVault;
import dev.bulwark.guards.action.PiiAction;
import dev.bulwark.guards.action.PiiArgumentRedactor;
import dev.bulwark.guards.action.PiiGuard;
import dev.bulwark.guards.action.PiiRedactor;
import dev.bulwark.guards.action.PiiRules;
import dev.bulwark.guards.action.RestorePolicy;
import dev.bulwark.guards.action.TokenVault;
import dev.bulwark.guards.detect.PatternPiiDetector;
import dev.bulwark.guards.detect.PiiDetectorSettings;
import dev.bulwark.server.config.PiiSettings;
import dev.bulwark.server.config.VaultSettings;
import dev.bulwark.spi.guard.Detector;
import dev.bulwark.spi.guard.OutputGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The content guards built from configuration: the PII detector (also used at ingestion), the redactor with its
 * keyed hashing and token vault, the output guard and the egress argument screening.
 */
public record Guards(Detector piiDetector, List<OutputGuard> outputGuards, PiiArgumentRedactor egressRedactor,
                     TokenVault vault, String restoreRole) {

    /** Guards with nothing enabled: no output guard, no egress screening (only when configured off). */
    static Guards none() {
        return new Guards(null, List.of(), null, null, null);
    }

    /**
     * All configured guards, in the order they screen: injection screening on the raw output, then PII redaction,
     * then spotlighting of untrusted output last, so that its delimiters wrap the final text.
     */
    public static Guards open(dev.bulwark.server.config.GuardSettings settings, Path keysDir, DataSource database)
            throws IOException {
        return open(settings, keysDir, database, Set::of);
    }

    /**
     * All configured guards; the injection detector asks {@code toolNames} for the gateway's current tool names on
     * every screening, so instructions naming a tool that an upstream added since start are recognised.
     */
    public static Guards open(dev.bulwark.server.config.GuardSettings settings, Path keysDir, DataSource database,
                              Supplier<? extends Collection<String>> toolNames) throws IOException {
        Guards pii = open(settings.pii(), keysDir, database);
        List<OutputGuard> chain = new java.util.ArrayList<>();
        var injection = settings.injection();
        if (injection.on()) {
            chain.add(new dev.bulwark.injection.InjectionGuard(
                    new dev.bulwark.injection.HeuristicInjectionDetector(dev.bulwark.injection.DetectionSettings
                            .defaults().withTrustedLinkHosts(injection.trustedLinkHosts()), toolNames),
                    new dev.bulwark.injection.InjectionPolicy(injection.labelAt(), injection.quarantineAt(),
                            injection.blockAt(), 4 << 20, dev.bulwark.injection.InjectionPolicy.DEFAULT_MARKER)));
        }
        chain.addAll(pii.outputGuards());
        if (injection.on() && !injection.spotlighting().equals("off")) {
            chain.add(new dev.bulwark.injection.SpotlightingGuard(dev.bulwark.injection.SpotlightingPolicy.defaults()
                    .withMode(dev.bulwark.injection.SpotlightMode.valueOf(
                            injection.spotlighting().toUpperCase(Locale.ROOT)))));
        }
        return new Guards(pii.piiDetector(), List.copyOf(chain), pii.egressRedactor(), pii.vault(), pii.restoreRole());
    }

    /** The PII detector alone, as ingestion uses it; empty when PII guards are configured off. */
    public static Optional<Detector> piiDetector(PiiSettings settings) {
        return settings.on() ? Optional.of(detector(settings)) : Optional.empty();
    }

    /**
     * The PII part alone: detector, output guard, egress redactor and token vault.
     *
     * @param database the gateway's database, where a {@code database} vault keeps its rows
     */
    public static Guards open(PiiSettings settings, Path keysDir, DataSource database) throws IOException {
        if (!settings.on()) {
            return none();
        }
        Path keyFile = keysDir.resolve("pii.key");
        byte[] keys = keyMaterial(keyFile);
        Detector detector = detector(settings);
        PiiRules.ByDestination standard = PiiRules.ByDestination.standard();
        Map<Destination, PiiRules> rules = new EnumMap<>(Destination.class);
        rules.put(Destination.TOOL_OUTPUT, rules(settings.toolOutput(), standard.at(Destination.TOOL_OUTPUT)));
        rules.put(Destination.EGRESS_ARGUMENTS, rules(settings.egress(), standard.at(Destination.EGRESS_ARGUMENTS)));
        rules.put(Destination.AUDIT, standard.at(Destination.AUDIT));
        TokenVault vault = vault(settings, Arrays.copyOfRange(keys, 32, 64), keyFile, database);
        PiiRedactor redactor = new PiiRedactor(detector, new PiiRules.ByDestination(rules),
                Arrays.copyOfRange(keys, 0, 32), vault);
        return new Guards(detector, List.of(new PiiGuard(redactor)), new PiiArgumentRedactor(redactor), vault,
                settings.restoreRole());
    }

    private static Detector detector(PiiSettings settings) {
        return new PatternPiiDetector(PiiDetectorSettings.defaults().withMinScore(settings.minScore()));
    }

    private static TokenVault vault(PiiSettings settings, byte[] key, Path keyFile, DataSource database) {
        RestorePolicy policy = RestorePolicy.roleInSession(settings.restoreRole());
        VaultSettings v = settings.vault();
        if (!v.inDatabase()) {
            return new AesGcmTokenVault(key, policy, Math.toIntExact(v.maxEntries()));
        }
        try {
            return JdbcTokenVault.open(database, key, policy,
                    new JdbcTokenVault.Limits(v.maxEntries(), v.retentionPeriod()), Clock.systemUTC());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot open the PII token vault (guards.pii.vault.store: database, key "
                    + keyFile + "; replicas sharing a database need the same file): " + e.getMessage(), e);
        }
    }

    /** Configured rules replace the standard ones type by type; {@code default} replaces the fallback action. */
    private static PiiRules rules(Map<String, String> configured, PiiRules standard) {
        if (configured.isEmpty()) {
            return standard;
        }
        Map<String, PiiAction> byType = new HashMap<>(standard.byType());
        PiiAction otherwise = standard.otherwise();
        for (Map.Entry<String, String> e : configured.entrySet()) {
            PiiAction action = PiiAction.valueOf(e.getValue().toUpperCase(Locale.ROOT));
            if (e.getKey().equals("default")) {
                otherwise = action;
            } else {
                byType.put(e.getKey(), action);
            }
        }
        return new PiiRules(byType, otherwise, standard.minScore());
    }

    /** 64 random bytes (hashing key, vault key), created on first start, readable by the owner only. */
    private static byte[] keyMaterial(Path file) throws IOException {
        if (Files.exists(file)) {
            byte[] keys = Files.readAllBytes(file);
            if (keys.length != 64) {
                throw new IOException(file + " must hold 64 bytes of key material; it holds " + keys.length);
            }
            return keys;
        }
        byte[] keys = new byte[64];
        new SecureRandom().nextBytes(keys);
        DataDirectory.writePrivate(file, "");
        Files.write(file, keys);
        return keys;
    }
}
