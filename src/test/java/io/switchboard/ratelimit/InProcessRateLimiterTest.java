package io.switchboard.ratelimit;

/** The limiter over one instance's own counters. */
class InProcessRateLimiterTest extends RateLimiterTest {
    private InProcessLimits store;

    @Override
    LimitStore store() {
        store = new InProcessLimits();
        return store;
    }

    @Override
    int slotsHeld(String scope) {
        return store.slotsHeld(scope);
    }
}
