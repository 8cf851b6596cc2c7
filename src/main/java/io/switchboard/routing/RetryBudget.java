package io.switchboard.routing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps retries a bounded fraction of traffic (the retry budget of Finagle and Envoy): in each
 * {@link #WINDOW_NANOS} window, retries may number at most {@code floor + ratio × calls}. When a whole
 * provider fails, calls then fail fast instead of tripling the load on it.
 */
final class RetryBudget {
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final double ratio;
    private final int floor;
    private final AtomicLong window = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    RetryBudget(double ratio, int floor) {
        this.ratio = ratio;
        this.floor = floor;
    }

    void called(long now) {
        roll(now);
        calls.incrementAndGet();
    }

    /** Takes one retry from the budget; false when it is spent. */
    boolean tryRetry(long now) {
        roll(now);
        long allowed = floor + (long) (ratio * calls.get());
        while (true) {
            long used = retries.get();
            if (used >= allowed) {
                return false;
            }
            if (retries.compareAndSet(used, used + 1)) {
                return true;
            }
        }
    }

    private void roll(long now) {
        long current = Math.floorDiv(now, WINDOW_NANOS);
        long seen = window.get();
        if (seen != current && window.compareAndSet(seen, current)) {
            calls.set(0);
            retries.set(0);
        }
    }
}
