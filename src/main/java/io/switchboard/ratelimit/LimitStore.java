package io.switchboard.ratelimit;

/**
 * Where the counters live: in this process, or in Redis for every instance. Each operation is
 * atomic on its own counter; a window holds {@code capacity} units and refills all of them once a
 * minute (a fixed window, as LiteLLM counts, so "60 RPM" admits exactly 60 in any burst).
 */
public interface LimitStore {
    /** Takes {@code amount} units from the per-minute window {@code name} if they are there. */
    Probe take(String name, long capacity, long amount);

    /**
     * Corrects a window after the fact: a positive amount gives units back (an estimate that was too
     * high), a negative one takes more (usage above the estimate), even past zero.
     */
    void adjust(String name, long capacity, long amount);

    /** Takes a parallel-request slot of {@code name} if fewer than {@code max} are held. */
    boolean takeSlot(String name, int max, String holder);

    /** Gives back a slot taken by {@code holder}; giving back one that is not held does nothing. */
    void releaseSlot(String name, String holder);
}
