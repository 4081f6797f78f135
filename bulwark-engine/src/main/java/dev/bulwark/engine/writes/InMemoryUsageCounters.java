package dev.bulwark.engine.writes;

import dev.bulwark.spi.budget.UsageCounters;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this process only: limits hold per replica, not across replicas. For one gateway, or tests; a shared
 * deployment uses a database-backed store.
 */
public final class InMemoryUsageCounters implements UsageCounters {
    private record Slot(String key, long windowStart) {}

    private final ConcurrentHashMap<Slot, Long> used = new ConcurrentHashMap<>();

    @Override
    public boolean tryAdd(String key, long windowStart, long amount, long limit) {
        UsageCounters.check(key, amount, limit);
        boolean[] added = new boolean[1];
        used.compute(new Slot(key, windowStart), (slot, old) -> {
            long now = old == null ? 0 : old;
            if (amount <= limit - now) {
                added[0] = true;
                return now + amount;
            }
            return old;
        });
        return added[0];
    }

    @Override
    public int purgeBefore(long windowStart) {
        int before = used.size();
        used.keySet().removeIf(slot -> slot.windowStart() < windowStart);
        return before - used.size();
    }
}
