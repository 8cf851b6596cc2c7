package io.switchboard.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters in this process: right for one instance, and the fallback when Redis is unreachable
 * (each instance then enforces the full limit on its own share of the traffic).
 */
public final class InProcessLimits implements LimitStore {
    /** The window identity every probe of this store carries: its windows have none (see {@link #adjust}). */
    static final long WINDOW_ID = 0;

    private final Map<String, Bucket> windows = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> slots = new ConcurrentHashMap<>();

    /**
     * Takes the draws one by one and gives back what was taken when one refuses: a refusal leaves the
     * windows as they were, though a concurrent call may see the units held for that moment.
     */
    @Override
    public List<Probe> take(List<Draw> draws) {
        List<Probe> probes = new ArrayList<>(draws.size());
        for (Draw draw : draws) {
            ConsumptionProbe probe = window(draw.name(), draw.capacity()).tryConsumeAndReturnRemaining(draw.amount());
            probes.add(new Probe(probe.isConsumed(), Math.max(0, probe.getRemainingTokens()),
                    probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(), WINDOW_ID));
            if (!probe.isConsumed()) {
                for (Draw taken : draws.subList(0, probes.size() - 1)) {
                    window(taken.name(), taken.capacity()).addTokens(taken.amount());
                }
                break;
            }
        }
        return probes;
    }

    /** Bucket4j's windows carry no identity: a correction lands in the window current when it is made. */
    @Override
    public void adjust(List<Correction> corrections) {
        for (Correction c : corrections) {
            Bucket bucket = window(c.name(), c.capacity());
            if (c.amount() > 0) {
                bucket.addTokens(c.amount());
            } else if (c.amount() < 0) {
                bucket.consumeIgnoringRateLimits(-c.amount());
            }
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
