package io.switchboard.routing;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the calls inside the router at once; a call beyond the bound is refused at once (503
 * {@code gateway_busy}, retry after 1 s), not queued. This is what MicroProfile Fault Tolerance's
 * synchronous {@code @Bulkhead} did, and under the same MP Config key; it is a semaphore here because
 * the interceptor around the router was its only use and cost about 3% of the CPU of a proxied call
 * (Weld's interceptor stack and Fault Tolerance's bookkeeping, issue 7's profile).
 */
final class CallBulkhead {
    private final int size;
    private final Semaphore permits;

    CallBulkhead(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("The router's bulkhead must allow at least one call, not " + size);
        }
        this.size = size;
        this.permits = new Semaphore(size);
    }

    /** Runs {@code call} holding one of the bulkhead's places, or refuses it when none is free. */
    <T> T run(Supplier<T> call) {
        if (!permits.tryAcquire()) {
            throw new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The gateway is at its limit of concurrent"
                    + " calls; retry shortly.", null, "gateway_busy", Duration.ofSeconds(1));
        }
        try {
            return call.get();
        } finally {
            permits.release();
        }
    }

    int inUse() {
        return size - permits.availablePermits();
    }
}
