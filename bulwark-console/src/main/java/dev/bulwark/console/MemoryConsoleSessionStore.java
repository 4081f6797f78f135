package dev.bulwark.console;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Sessions in this gateway's memory: a restart signs everyone out. */
final class MemoryConsoleSessionStore implements ConsoleSessionStore {
    private final Map<String, Row> rows = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean insert(Row row, int max, Instant idleSince, Instant bornSince) {
        rows.values().removeIf(r -> !r.lastSeen().isAfter(idleSince) || !r.createdAt().isAfter(bornSince));
        if (rows.size() >= max) {
            return false;
        }
        rows.put(row.lookup(), row);
        return true;
    }

    @Override
    public Optional<Row> find(String lookup) {
        return Optional.ofNullable(rows.get(lookup));
    }

    @Override
    public void touch(String lookup, Instant lastSeen) {
        rows.computeIfPresent(lookup, (k, r) -> new Row(r.lookup(), r.userId(), r.role(), r.roles(), r.sealed(),
                r.createdAt(), lastSeen));
    }

    @Override
    public void delete(String lookup) {
        rows.remove(lookup);
    }

    @Override
    public int size() {
        return rows.size();
    }
}
