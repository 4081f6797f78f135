package dev.bulwark.spi.budget;

/**
 * Counters per key and fixed time window. A window is named by its start (epoch seconds); each window starts at zero.
 *
 * <p>{@link #tryAdd} is atomic across every instance that shares the store: of two concurrent additions that would
 * together pass the limit, at most one succeeds.
 */
public interface UsageCounters {

    /**
     * Adds {@code amount} to the counter of {@code key} in the window starting at {@code windowStart}, if the total
     * stays at or under {@code limit}; otherwise leaves it unchanged.
     *
     * @param key         which counter (e.g. {@code rate:crm.update_customer_note:agent:support-bot}); at most 512
     *                    characters
     * @param windowStart start of the window in epoch seconds
     * @param amount      units to add, at least 1
     * @param limit       the most the window may hold, at least 0
     * @return whether the units were added
     * @throws UsageCounterException when the store cannot be reached (the caller then refuses: fail closed)
     */
    boolean tryAdd(String key, long windowStart, long amount, long limit);

    /** Forgets windows that started before {@code windowStart}; returns how many were removed. */
    default int purgeBefore(long windowStart) {
        return 0;
    }

    /** Checks a key and amounts as every implementation must. */
    static void check(String key, long amount, long limit) {
        if (key == null || key.isBlank() || key.length() > 512) {
            throw new IllegalArgumentException("counter key must be 1 to 512 characters");
        }
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
    }
}
