package io.switchboard.routing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the router knows of one deployment right now: calls in flight, failures this minute, the
 * cooldown, the moving-average latency, and this minute's requests and tokens. Lock-free: every
 * field is an atomic updated by the calling thread, so the common path takes no lock.
 */
final class DeploymentHealth {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** Weight of the newest sample in the moving averages. */
    private static final double ALPHA = 0.3;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong failMinute = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger failsThisMinute = new AtomicInteger();
    private final AtomicLong usageMinute = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong requestsThisMinute = new AtomicLong();
    private final AtomicLong tokensThisMinute = new AtomicLong();
    private final AtomicLong latencyNanos = new AtomicLong(-1);
    private final AtomicLong firstTokenNanos = new AtomicLong(-1);
    /** When the cooldown ends (clock nanos); 0 when the deployment is not cooling down. */
    private volatile long cooldownUntil;
    /** True after a cooldown ends, until the next answer: a failing probe cools it down at once. */
    private volatile boolean probing;

    int inFlight() {
        return inFlight.get();
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    /** True while cooling down; the first look after the end turns the deployment into a probe. */
    boolean coolingDown(long now) {
        long until = cooldownUntil;
        if (until == 0) {
            return false;
        }
        if (now - until < 0) {
            return true;
        }
        cooldownUntil = 0;
        probing = true;
        return false;
    }

    /** Whether a cooldown is running at {@code now}, without the side effect of {@link #coolingDown}. */
    boolean coolingDownAt(long now) {
        long until = cooldownUntil;
        return until != 0 && now - until < 0;
    }

    /** Failures counted in the minute of {@code now}; a read, never a reset. */
    int failuresInMinuteOf(long now) {
        return failMinute.get() == Math.floorDiv(now, MINUTE_NANOS) ? failsThisMinute.get() : 0;
    }

    void coolDown(long now, long durationNanos) {
        cooldownUntil = now + Math.max(durationNanos, 1);
        failsThisMinute.set(0);
    }

    boolean probing() {
        return probing;
    }

    /** Counts a failure in the current minute and returns the count. */
    int failed(long now) {
        long minute = Math.floorDiv(now, MINUTE_NANOS);
        long seen = failMinute.get();
        if (seen != minute && failMinute.compareAndSet(seen, minute)) {
            failsThisMinute.set(0);
        }
        return failsThisMinute.incrementAndGet();
    }

    void succeeded(long latency, boolean stream) {
        probing = false;
        AtomicLong average = stream ? firstTokenNanos : latencyNanos;
        long previous = average.get();
        long next = previous < 0 ? latency : (long) (previous + ALPHA * (latency - previous));
        average.set(next);
    }

    /** The moving average in nanos, or -1 before the first sample. */
    long latency(boolean stream) {
        return stream ? firstTokenNanos.get() : latencyNanos.get();
    }

    /** Counts a request and its tokens against the current minute (usage-based routing). */
    void used(long now, long tokens) {
        rollMinute(now);
        requestsThisMinute.incrementAndGet();
        tokensThisMinute.addAndGet(tokens);
    }

    long requestsThisMinute(long now) {
        rollMinute(now);
        return requestsThisMinute.get();
    }

    long tokensThisMinute(long now) {
        rollMinute(now);
        return tokensThisMinute.get();
    }

    private void rollMinute(long now) {
        long minute = Math.floorDiv(now, MINUTE_NANOS);
        long seen = usageMinute.get();
        if (seen != minute && usageMinute.compareAndSet(seen, minute)) {
            requestsThisMinute.set(0);
            tokensThisMinute.set(0);
        }
    }
}
