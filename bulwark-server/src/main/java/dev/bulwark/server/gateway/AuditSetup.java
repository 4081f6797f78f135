package dev.bulwark.server.gateway;

import dev.bulwark.audit.AnchorPublisher;
import dev.bulwark.audit.AnchorSet;
import dev.bulwark.audit.AuditLogOptions;
import dev.bulwark.audit.CheckpointSigner;
import dev.bulwark.audit.EmbeddedKeys;
import dev.bulwark.audit.FileWitness;
import dev.bulwark.audit.JdbcAuditLog;
import dev.bulwark.audit.JdbcWitness;
import dev.bulwark.audit.SqliteSync;
import dev.bulwark.audit.TrustedKeys;
import dev.bulwark.audit.WebhookWitness;
import dev.bulwark.server.config.AuditSettings;
import dev.bulwark.server.config.BulwarkConfig;
import dev.bulwark.server.config.WitnessSettings;
import dev.bulwark.spi.audit.Witness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** The audit log as configured: where its signing key is, which witnesses anchor it, and what to warn about. */
public final class AuditSetup {
    /** The default witness file, in a folder of its own inside the data directory. */
    static final String DEFAULT_WITNESS = "witness/audit-anchors.jsonl";

    private AuditSetup() {}

    public static JdbcAuditLog open(BulwarkConfig config) {
        AuditSettings audit = config.audit();
        AuditLogOptions defaults = AuditLogOptions.defaults();
        AuditLogOptions options = new AuditLogOptions(audit.checkpointEvery(), audit.period(),
                defaults.queueCapacity(), defaults.maxBatch(), defaults.appendTimeout(),
                audit.sync().equals("normal") ? SqliteSync.NORMAL : SqliteSync.FULL, defaults.trustedKeys());
        CheckpointSigner signer = signer(config);
        AnchorPublisher publisher = publisher(config);
        if (config.jdbcUrl().startsWith("jdbc:sqlite:")) {
            // The audit chain has its own SQLite file: its single group-commit writer never waits on state writes.
            return JdbcAuditLog.openEmbedded(config.dataPath(), signer, options, publisher);
        }
        return JdbcAuditLog.open(config.jdbcUrl(), config.database().connectionProperties(), signer, options,
                publisher);
    }

    /** The signer from {@code audit.signingKeyEnv}, else {@code audit.signingKeyFile}, else the data directory's. */
    public static CheckpointSigner signer(BulwarkConfig config) {
        AuditSettings audit = config.audit();
        if (audit.signingKeyEnv() != null) {
            String text = System.getenv(audit.signingKeyEnv());
            if (text == null || text.isBlank()) {
                throw new IllegalStateException("audit.signingKeyEnv names " + audit.signingKeyEnv()
                        + ", which is not set");
            }
            return CheckpointSigner.fromText(text, "environment variable " + audit.signingKeyEnv());
        }
        if (audit.signingKeyFile() != null) {
            return CheckpointSigner.loadOrCreate(Path.of(audit.signingKeyFile()).toAbsolutePath());
        }
        return EmbeddedKeys.signer(config.dataPath());
    }

    /** The file the signing key is read from; empty when it comes from the environment. */
    public static Optional<Path> keyFile(BulwarkConfig config) {
        AuditSettings audit = config.audit();
        if (audit.signingKeyEnv() != null) {
            return Optional.empty();
        }
        return Optional.of(audit.signingKeyFile() != null ? Path.of(audit.signingKeyFile()).toAbsolutePath()
                : EmbeddedKeys.keyFile(config.dataPath()));
    }

    /** The public keys a verifier trusts by default: those of the configured key (and of the old key place). */
    public static TrustedKeys trustedKeys(BulwarkConfig config) {
        AuditSettings audit = config.audit();
        if (audit.signingKeyEnv() != null) {
            return TrustedKeys.of(signer(config).publicKey());
        }
        if (audit.signingKeyFile() != null) {
            return TrustedKeys.fromKeyFile(Path.of(audit.signingKeyFile()).toAbsolutePath()); // never creates one
        }
        return EmbeddedKeys.trusted(config.dataPath());
    }

    public static Optional<Path> witnessFile(BulwarkConfig config) {
        WitnessSettings w = config.audit().witnesses();
        if (w.fileOff()) {
            return Optional.empty();
        }
        return Optional.of(w.file() != null ? Path.of(w.file()).toAbsolutePath().normalize()
                : config.dataPath().resolve(DEFAULT_WITNESS));
    }

    static AnchorPublisher publisher(BulwarkConfig config) {
        WitnessSettings w = config.audit().witnesses();
        List<Witness> witnesses = new ArrayList<>();
        try {
            witnessFile(config).ifPresent(file -> witnesses.add(FileWitness.open(file)));
            if (w.webhook() != null) {
                witnesses.add(new WebhookWitness(URI.create(w.webhook()), w.webhookHeaders(), Duration.ofSeconds(10)));
            }
            if (w.database() != null) {
                witnesses.add(JdbcWitness.open(w.database(), witnessDatabaseProperties(w)));
            }
        } catch (RuntimeException e) {
            witnesses.forEach(Witness::close);
            throw e;
        }
        return new AnchorPublisher(witnesses, w.lag(), w.failClosed(), Clock.systemUTC());
    }

    public static Properties witnessDatabaseProperties(WitnessSettings w) {
        Properties p = new Properties();
        if (w.databaseUser() != null) {
            p.setProperty("user", w.databaseUser());
        }
        if (w.databasePassword() != null) {
            p.setProperty("password", w.databasePassword());
        }
        return p;
    }

    /**
     * The anchors of the configured readable witnesses (file, database), for {@code audit verify}. A witness file that
     * does not exist yet (a data directory from before witnesses, or a gateway never started) is left out, so verify
     * reports the log as not anchored rather than failing.
     */
    public static List<AnchorSet> configuredAnchors(BulwarkConfig config) {
        List<AnchorSet> sets = new ArrayList<>();
        witnessFile(config).filter(java.nio.file.Files::exists).ifPresent(file -> sets.add(FileWitness.read(file)));
        WitnessSettings w = config.audit().witnesses();
        if (w.database() != null) {
            sets.add(JdbcWitness.read(w.database(), witnessDatabaseProperties(w)));
        }
        return sets;
    }

    /** What {@code serve} warns about at start-up: keys and witnesses an attacker of the data directory can reach. */
    public static List<String> warnings(BulwarkConfig config) {
        List<String> warnings = new ArrayList<>();
        Path data = config.dataPath();
        keyFile(config).filter(k -> k.startsWith(data)).ifPresent(k -> warnings.add("the audit signing key " + k
                + " is inside the data directory: whoever can write " + data + " can rewrite the audit log and"
                + " re-sign it. A co-located key is no defence against that; keep the key elsewhere"
                + " (audit.signingKeyFile, audit.signingKeyEnv) and anchor the log at a witness outside the data"
                + " directory."));
        WitnessSettings w = config.audit().witnesses();
        Optional<Path> file = witnessFile(config);
        file.filter(f -> f.startsWith(data)).ifPresent(f -> warnings.add("the audit witness file " + f
                + " is inside the data directory: it guards against rewrites of audit.db alone, not against"
                + " someone who can write the whole directory. Set audit.witnesses.file to a path the gateway may"
                + " append to but not rewrite (another user's directory, chattr +a), or add a webhook or database"
                + " witness."));
        if (file.isEmpty() && w.webhook() == null && w.database() == null) {
            warnings.add("no audit witness (audit.witnesses): truncation of the audit log, and rewrites re-signed"
                    + " with the signing key, cannot be detected.");
        }
        return warnings;
    }
}
