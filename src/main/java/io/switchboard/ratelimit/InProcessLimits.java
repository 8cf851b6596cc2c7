package io.switchboard.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this process: right for one instance, and the fallback when Redis is unreachable
 * (each instance then enforces the full limit on its own share of the traffic).
 */
public final class InProcessLimits implements LimitStore {
    private final Map<String, Bucket> windows = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> slots = new ConcurrentHashMap<>();

    @Override
    public Probe take(String name, long capacity, long amount) {
        ConsumptionProbe probe = window(name, capacity).tryConsumeAndReturnRemaining(amount);
        return new Probe(probe.isConsumed(), Math.max(0, probe.getRemainingTokens()),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
    }

    @Override
    public void adjust(String name, long capacity, long amount) {
        Bucket bucket = window(name, capacity);
        if (amount > 0) {
            bucket.addTokens(amount);
        } else if (amount < 0) {
            bucket.consumeIgnoringRateLimits(-amount);
        }
    }

    @Override
    public boolean takeSlot(String name, int max, String holder) {
        boolean[] taken = {false};
        slots.compute(name, (k, held) -> {
            Set<String> set = held == null ? ConcurrentHashMap.newKeySet() : held;
            if (set.size() < max) {
                taken[0] = set.add(holder);
            }
            return set;
        });
        return taken[0];
    }

    @Override
    public void releaseSlot(String name, String holder) {
        slots.computeIfPresent(name, (k, held) -> {
            held.remove(holder);
            return held.isEmpty() ? null : held;
        });
    }

    /** Slots held now, for tests and the health of the limiter. */
    public int slotsHeld(String name) {
        Set<String> held = slots.get(name);
        return held == null ? 0 : held.size();
    }

    private Bucket window(String name, long capacity) {
        // The capacity is part of the key: a limit changed by an admin starts a fresh window.
        return windows.computeIfAbsent(name + "#" + capacity, k -> Bucket.builder()
                .addLimit(perMinute(capacity)).build());
    }

    static Bandwidth perMinute(long capacity) {
        return Bandwidth.builder().capacity(capacity).refillIntervally(capacity, Duration.ofMinutes(1)).build();
    }
}
