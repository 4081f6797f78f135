package dev.bulwark.server.resources;

import dev.bulwark.server.http.SessionBindings;
import dev.bulwark.spi.identity.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which agent sessions may be told of list changes, under which principal (agent and user), and a digest of what each
 * principal was last shown of each list. Bounded: {@link #MAX_SESSIONS} sessions (the oldest go first; the SDK tells
 * the gateway nothing of session ends) and {@link #MAX_PRINCIPALS} principals with digests (the least recently seen
 * go first; a principal without digests is told of every change, as before per-principal diffing).
 */
final class ListWatchers {
    static final int MAX_SESSIONS = 100_000;
    static final int MAX_PRINCIPALS = 1_000;

    /** A principal as last seen, and the digests of what it was last shown. */
    private static final class Watcher {
        Principal principal;
        final Map<ListChanges.Shown, String> digests = new EnumMap<>(ListChanges.Shown.class);

        Watcher(Principal principal) {
            this.principal = principal;
        }
    }

    private final int maxSessions;
    private final int maxPrincipals;
    private final Map<String, String> ownerBySession;
    private final Map<String, Watcher> byOwner;

    ListWatchers() {
        this(MAX_SESSIONS, MAX_PRINCIPALS);
    }

    ListWatchers(int maxSessions, int maxPrincipals) {
        this.maxSessions = maxSessions;
        this.maxPrincipals = maxPrincipals;
        this.ownerBySession = new LinkedHashMap<>(256, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > ListWatchers.this.maxSessions;
            }
        };
        this.byOwner = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Watcher> eldest) {
                return size() > ListWatchers.this.maxPrincipals;
            }
        };
    }

    /** Whether {@code session} is known, held by this same principal. */
    synchronized boolean holds(String session, Principal principal) {
        return SessionBindings.ownerOf(principal).equals(ownerBySession.get(session));
    }

    /** Whether digests are kept for {@code principal} (as {@link SessionBindings#ownerOf(Principal)}). */
    synchronized boolean watches(Principal principal) {
        return byOwner.containsKey(SessionBindings.ownerOf(principal));
    }

    /**
     * {@code session} is held by {@code principal}; {@code baseline} are the digests of what it is shown now (kept only
     * for a principal not seen before: its own later lists are better).
     */
    synchronized void connected(String session, Principal principal, Map<ListChanges.Shown, String> baseline) {
        String owner = SessionBindings.ownerOf(principal);
        ownerBySession.put(session, owner);
        Watcher watcher = byOwner.get(owner);
        if (watcher == null) {
            watcher = new Watcher(principal);
            watcher.digests.putAll(baseline);
            byOwner.put(owner, watcher);
        }
        watcher.principal = principal;
    }

    /** {@code principal} was shown {@code list} as {@code digest} (it listed it). */
    synchronized void shown(Principal principal, ListChanges.Shown list, String digest) {
        Watcher watcher = byOwner.get(SessionBindings.ownerOf(principal));
        if (watcher != null) {
            watcher.principal = principal;
            watcher.digests.put(list, digest);
        }
    }

    /** The known sessions grouped by principal (as {@link SessionBindings#ownerOf(Principal)}). */
    synchronized Map<String, List<String>> sessionsByOwner() {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        ownerBySession.forEach((session, owner) -> grouped.computeIfAbsent(owner, o -> new ArrayList<>())
                .add(session));
        return grouped;
    }

    /** The principal last seen for {@code owner}, or {@code null} when it has no digests kept (any more). */
    synchronized Principal principal(String owner) {
        Watcher watcher = byOwner.get(owner);
        return watcher == null ? null : watcher.principal;
    }

    /**
     * Keeps {@code digest} as what {@code owner} is shown of {@code list} now, and answers whether it differs from
     * what was kept (a list with nothing kept has changed).
     */
    synchronized boolean changed(String owner, ListChanges.Shown list, String digest) {
        Watcher watcher = byOwner.get(owner);
        if (watcher == null) {
            return true;
        }
        return !digest.equals(watcher.digests.put(list, digest));
    }

    /** {@code session} cannot be told anything any more. */
    synchronized void forget(String session) {
        ownerBySession.remove(session);
    }

    synchronized int sessions() {
        return ownerBySession.size();
    }

    synchronized int principals() {
        return byOwner.size();
    }
}
