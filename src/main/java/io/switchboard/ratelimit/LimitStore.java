package io.switchboard.ratelimit;

import java.util.List;

/**
 * Where the counters live: in this process, or in Redis for every instance. A window holds
 * {@code capacity} units and refills all of them once a minute (a fixed window, as LiteLLM counts, so
 * "60 RPM" admits exactly 60 in any burst).
 */
public interface LimitStore {
    /** Some units of the per-minute window {@code name} that a call asks for. */
    record Draw(String name, long capacity, long amount) {
    }

    /**
     * A correction to the window a draw was taken from: a positive amount gives units back (an estimate that
     * was too high), a negative one takes more (usage above the estimate), even past zero.
     *
     * @param window the window's identity, as its {@link Probe#window()} named it
     */
    record Correction(String name, long capacity, long window, long amount) {
    }

    /**
     * Takes every draw or none. The answer has a probe per draw, in order, up to and including the first
     * that refused; when one refused, nothing was taken.
     */
    List<Probe> take(List<Draw> draws);

    /** Applies the corrections; one for a window that has ended since its draw does nothing. */
    void adjust(List<Correction> corrections);

    /** Takes a parallel-request slot of {@code name} if fewer than {@code max} are held. */
    boolean takeSlot(String name, int max, String holder);

    /** Gives back a slot taken by {@code holder}; giving back one that is not held does nothing. */
    void releaseSlot(String name, String holder);
}
