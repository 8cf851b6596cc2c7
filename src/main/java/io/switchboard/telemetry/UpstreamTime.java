package io.switchboard.telemetry;

/**
 * Time the current request thread spent waiting for providers, summed over a call's attempts, so
 * the gateway's own overhead (total minus upstream) can be measured without touching the call
 * record. Attempts and the end of their call run on the request thread; {@link #take} resets it.
 */
final class UpstreamTime {
    private static final ThreadLocal<long[]> SPENT = ThreadLocal.withInitial(() -> new long[2]);

    private UpstreamTime() {
    }

    static void add(long nanos) {
        long[] spent = SPENT.get();
        spent[0] += nanos;
        spent[1]++;
    }

    /** The upstream nanos of this thread's call, or -1 if it made no attempt; resets for the next call. */
    static long take() {
        long[] spent = SPENT.get();
        long nanos = spent[1] == 0 ? -1 : spent[0];
        spent[0] = 0;
        spent[1] = 0;
        return nanos;
    }
}
