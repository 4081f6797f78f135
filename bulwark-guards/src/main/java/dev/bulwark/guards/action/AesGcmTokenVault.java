package dev.bulwark.guards.action;

import dev.bulwark.spi.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory token vault: tokens and AES-256-GCM ciphertexts as {@link VaultCipher} makes them. The vault holds at
 * most {@code maxEntries} originals; beyond that tokenize fails (callers fail closed). One replica's memory only,
 * lost on restart: {@link JdbcTokenVault} is the vault that several gateways share.
 */
public final class AesGcmTokenVault implements TokenVault {

    private record Entry(String sessionId, String type, VaultCipher.Sealed sealed) {
    }

    private final VaultCipher cipher;
    private final RestorePolicy policy;
    private final int maxEntries;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * @param masterKey  32 random bytes (copied); keep it in the data directory's key set
     * @param policy     who may restore
     * @param maxEntries bound on stored originals
     */
    public AesGcmTokenVault(byte[] masterKey, RestorePolicy policy, int maxEntries) {
        this.cipher = new VaultCipher(masterKey);
        this.policy = Objects.requireNonNull(policy, "policy");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized String tokenize(String sessionId, String type, String value) {
        Checks.nonBlank(sessionId, "sessionId");
        Checks.nonBlank(type, "type");
        Objects.requireNonNull(value, "value");
        String token = cipher.token(sessionId, type, value);
        Entry existing = entries.get(token);
        if (existing != null) {
            if (!open(token, existing).equals(value)) {
                throw new IllegalStateException("token collision in the vault");
            }
            return token;
        }
        if (entries.size() >= maxEntries) {
            throw new IllegalStateException("token vault is full (" + maxEntries + " entries)");
        }
        entries.put(token, new Entry(sessionId, type, cipher.seal(token, sessionId, type, value)));
        return token;
    }

    @Override
    public synchronized String restore(String token, RestoreAuthorisation authorisation) {
        Objects.requireNonNull(authorisation, "authorisation");
        Entry e = token == null ? null : entries.get(token);
        if (e == null) {
            throw new RestoreDeniedException("unknown token");
        }
        if (!policy.permits(authorisation, e.sessionId(), e.type())) {
            throw new RestoreDeniedException("not authorised to restore this token: " + authorisation.principalId());
        }
        return open(token, e);
    }

    public synchronized int size() {
        return entries.size();
    }

    private String open(String token, Entry e) {
        return cipher.open(token, e.sessionId(), e.type(), e.sealed());
    }
}
