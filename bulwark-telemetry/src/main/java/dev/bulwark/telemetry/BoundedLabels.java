package dev.bulwark.telemetry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a label's distinct values bounded, so that hostile input (many or weird tool names) cannot grow the number of
 * time series: the first {@code max} well-formed values seen are kept as they are; any other value, and any value that
 * is not a short name of letters, digits and {@code . _ - : /}, is {@link #OTHER}. A kept value stays kept.
 */
final class BoundedLabels {
    static final String OTHER = "other";
    static final int MAX_LENGTH = 64;

    private final int max;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();
    private final AtomicInteger size = new AtomicInteger();

    BoundedLabels(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        this.max = max;
    }

    /** {@code value} itself when it is kept or there is room for it; else {@link #OTHER}. */
    String label(String value) {
        if (value == null || !wellFormed(value)) {
            return OTHER;
        }
        if (kept.contains(value)) {
            return value;
        }
        // reserve a slot first, so that racing threads never keep more than max values
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return OTHER;
        }
        if (!kept.add(value)) {
            size.decrementAndGet(); // another thread kept it meanwhile
        }
        return value;
    }

    int size() {
        return kept.size();
    }

    static boolean wellFormed(String value) {
        int n = value.length();
        if (n == 0 || n > MAX_LENGTH || value.equals(OTHER)) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == ':' || c == '/';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
