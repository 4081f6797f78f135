/**
 * The hash-chained, checkpoint-signed audit log, on SQLite (embedded) or PostgreSQL (several gateways, one chain).
 *
 * <h2>Records and the chain</h2>
 * Record {@code n} (sequences start at 1, without gaps) stores its event, the hash of record {@code n-1} (64 zeros for
 * record 1) and its own hash: lower-case hex SHA-256 over the UTF-8 bytes of the canonical JSON of
 * <pre>{"event":{...},"previousHash":"&lt;hex&gt;","sequence":n}</pre>
 * where the event object has the keys {@code action, agentId, details, outcome, reason, sessionId, time, type, userId}
 * (absent ids are {@code null}; {@code type} and {@code outcome} are enum names).
 *
 * <h2>Canonical JSON</h2>
 * RFC 8785 (JCS) as far as it goes with Java values, with three stated deviations:
 * <ul>
 *   <li>No whitespace; object keys sorted by UTF-16 code units (Java {@link java.lang.String#compareTo}).</li>
 *   <li>Strings: {@code "} and {@code \} escaped; {@code \b \f \n \r \t} in short form; other controls below U+0020 as
 *       {@code \}{@code u00xx} (lower-case hex); everything else literal, UTF-8 encoded. <i>Deviation:</i> a lone
 *       surrogate (invalid in JCS) is written as a {@code \}{@code uXXXX} escape, so that no input makes an event
 *       unrecordable and the text still reads back to the same Java string.</li>
 *   <li>Integers ({@code Byte, Short, Integer, Long, BigInteger}, atomics) are plain decimal digits and read back as
 *       {@link java.lang.Long} (or {@link java.math.BigInteger} beyond the long range). <i>Deviation:</i> JCS would pass
 *       them through IEEE doubles and lose digits above 2^53; we keep them exact.</li>
 *   <li>Fractions ({@code Double}, {@code Float}, {@code BigDecimal}) become {@link java.lang.Double} (a float by its
 *       shortest decimal, a BigDecimal by its nearest double) and are written in the ECMAScript form JCS uses:
 *       shortest round-trip digits, plain notation for 1e-6 &le; |x| &lt; 1e21, otherwise {@code d.ddde±x}.
 *       <i>Deviation:</i> an integral double in plain notation keeps {@code .0} ({@code 1.0}, not {@code 1}) so it
 *       reads back as a Double. {@code -0.0} is stored as {@code 0.0}; NaN and infinities are refused.</li>
 *   <li>Other number types and non-JSON values are refused: the append fails.</li>
 * </ul>
 * Times are truncated to microseconds on append and written {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (UTC, always six
 * fraction digits, years 0000 to 9999). {@code append} returns the record holding this normalized event, and reading
 * the record back yields an equal event, so its hash recomputes.
 *
 * <h2>Checkpoints</h2>
 * A checkpoint states "record {@code n} has hash {@code h}", signed with Ed25519 over the canonical JSON
 * {@code {"hash","keyId","purpose":"bulwark.audit.checkpoint.v1","sequence","time"}}. The writer signs one, in the
 * same transaction as the records, whenever {@code checkpointInterval} records have passed since the last one, when
 * {@code checkpointPeriod} has passed since the first record no checkpoint covers (even if no record follows), and
 * one at the head when the log is closed cleanly or {@link dev.bulwark.audit.JdbcAuditLog#checkpoint()} is called.
 * The key is any {@link dev.bulwark.spi.audit.AuditSigner} (a key file, an environment variable, a hardware signer);
 * verifiers are given the public key ({@link dev.bulwark.audit.CheckpointSigner#publicKeyPem()}), never read it from
 * the database.
 *
 * <h2>Witnesses</h2>
 * After each commit the newest checkpoint is handed to an {@link dev.bulwark.audit.AnchorPublisher}, which publishes
 * it to every {@link dev.bulwark.spi.audit.Witness} ({@link dev.bulwark.audit.FileWitness},
 * {@link dev.bulwark.audit.WebhookWitness}, {@link dev.bulwark.audit.JdbcWitness}) from a background thread, retrying,
 * and reports (or, fail-closed, refuses appends) while one is behind.
 * {@link dev.bulwark.audit.AuditVerifier#withAnchors} checks that the chain still holds every anchor's record with its
 * hash, and the report names the records newer than the last anchor. See {@code docs/security/audit.md} for the
 * threat model.
 *
 * <h2>What verify detects</h2>
 * Walking every record in sequence order (a page at a time) and the checkpoints beside it:
 * <ul>
 *   <li>a modified field or details of any record (hash mismatch), or a value no append writes;</li>
 *   <li>a deleted record in the middle (sequence gap, or the next record's previous hash no longer links);</li>
 *   <li>reordered records (renumbered sequences break the links);</li>
 *   <li>truncation of records that a checkpoint covers (the checkpoint names a record that is gone);</li>
 *   <li>a forged or altered checkpoint (signature invalid, or its key not trusted);</li>
 *   <li>a chain re-hashed after a modification by someone without the key (a signed checkpoint's hash no longer
 *       matches its record), and deleting checkpoints to hide that (more than {@code checkpointInterval} records
 *       without a checkpoint, mid-chain or at the tail).</li>
 * </ul>
 * <h2>What it cannot detect without anchors, and what anchors leave open</h2>
 * <ul>
 *   <li>Without anchors: removal of the tail together with the checkpoints covering it, back to any earlier
 *       checkpoint, or wholesale deletion of the log (what remains is a valid shorter chain); anything done by
 *       someone holding the signing key (they can re-hash and re-sign everything). Anchors held by a witness the
 *       attacker cannot rewrite detect both.</li>
 *   <li>With anchors: changes to, or removal of, records newer than the last anchor. Verify reports their number
 *       ({@link dev.bulwark.audit.AuditReport#unanchored()}) instead of calling the log intact.</li>
 * </ul>
 *
 * <h2>Side effects</h2>
 * The pipeline writes a {@link dev.bulwark.spi.audit.AuditEventType#TOOL_ATTEMPT} record, committed, before a
 * side-effecting connector runs; the outcome record carries the same {@code callId}. Verify and
 * {@link dev.bulwark.audit.AuditRecords#unfinished()} list attempts that have no outcome.
 *
 * <h2>Durability and throughput</h2>
 * {@code append} returns only after the transaction holding its record committed. One writer thread per log drains
 * the bounded queue and commits everything waiting in one transaction (group commit), so many appenders share one
 * commit. A failed batch fails every append in it with {@link dev.bulwark.spi.audit.AuditException} (callers fail
 * closed), and the next batch reads the chain head afresh. The queue is bounded: when it stays full for the append
 * timeout the append fails ("overloaded"); an append that waits longer than the timeout for its commit fails and is
 * withdrawn if still queued. Failure is fail-safe but not always exact: an event whose batch was already being
 * committed when its caller gave up, or whose commit failed only in the acknowledgement (connection lost after the
 * database committed), can be in the log although its append threw. SQLite runs in WAL mode: with
 * {@link dev.bulwark.audit.SqliteSync#NORMAL} a committed transaction is in the WAL file in the OS page cache and
 * survives {@code kill -9} of the process (not power loss); with {@link dev.bulwark.audit.SqliteSync#FULL}, the default,
 * each group commit is also fsynced.
 *
 * <h2>Several writers</h2>
 * Each write transaction first takes the database's writer slot ({@code BEGIN IMMEDIATE} on SQLite,
 * {@code pg_advisory_xact_lock} on PostgreSQL) and reads the head inside it, so gateways sharing a PostgreSQL database
 * extend one gapless chain. Each gateway signs with its own key unless they share the key file; verifiers must trust
 * all keys in use.
 *
 * <h2>Entry points</h2>
 * {@link dev.bulwark.audit.JdbcAuditLog} appends (and reads); {@link dev.bulwark.audit.AuditRecords} only reads
 * ({@code audit tail}); {@link dev.bulwark.audit.AuditVerifier} only verifies ({@code audit verify}).
 */
package dev.bulwark.audit;
