package dev.bulwark.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A resolver that answers what an attacker's DNS would: fixed answers per name, or a sequence of answers (the first
 * lookup gets the first answer, and so on, the last one repeating), which is DNS rebinding. Counts lookups.
 */
final class FakeDns implements HostResolver {
    private final Map<String, Deque<List<InetAddress>>> answers = new HashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    FakeDns answer(String host, String... addresses) {
        answers.computeIfAbsent(host, h -> new ArrayDeque<>()).add(addresses(addresses));
        return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        Deque<List<InetAddress>> queue = answers.get(host);
        if (queue == null || queue.isEmpty()) {
            throw new UnknownHostException(host);
        }
        return queue.size() > 1 ? queue.poll() : queue.peek();
    }

    static List<InetAddress> addresses(String... literals) {
        try {
            InetAddress[] out = new InetAddress[literals.length];
            for (int i = 0; i < literals.length; i++) {
                out[i] = InetAddress.getByName(literals[i]); // literals only, no lookup
            }
            return List.of(out);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
