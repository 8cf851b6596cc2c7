package io.switchboard.routing;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.call.Alarms;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The deadline of one routed call, retries, back-off and fallbacks included: when it passes, the
 * calling thread is interrupted, which cancels a blocked provider call ({@code InterruptedCalls}) and
 * a back-off sleep, and stops the attempt loop. This is what MicroProfile Fault Tolerance's
 * {@code @Timeout} did; it is done here because Liberty's implementation cancels its timer with an
 * exception whose stack trace is filled in on every call: 4.5% of the gateway's CPU per proxied
 * request in the issue 7 profile. An {@link Alarms} entry costs a heap insert and a removal.
 */
final class CallDeadline {
    private final Thread thread = Thread.currentThread();
    private final Duration limit;
    private final ScheduledFuture<?> expiry;
    private boolean ended;
    private boolean expired;

    private CallDeadline(Duration limit) {
        this.limit = limit;
        this.expiry = Alarms.after(limit, this::expire);
    }

    /** Starts the deadline of a call made on the current thread. */
    static CallDeadline start(Duration limit) {
        return new CallDeadline(limit);
    }

    private synchronized void expire() {
        if (!ended) {
            expired = true;
            thread.interrupt();
        }
    }

    /**
     * Ends the watch. Returns whether the deadline passed first; if it did, the interrupt it caused is
     * cleared, so it cannot reach the rest of the request (writing the answer, the next request on this
     * pooled thread).
     */
    synchronized boolean end() {
        if (!ended) {
            ended = true;
            expiry.cancel(false);
            if (expired) {
                Thread.interrupted();
            }
        }
        return expired;
    }

    /** The error a call cut by its deadline answers with, whatever its last attempt failed with. */
    GatewayException exceeded() {
        return new GatewayException(ErrorKind.REQUEST_TIMEOUT, "The call did not complete within the gateway's"
                + " deadline of " + limit.toMillis() + " ms, retries and fallbacks included.", null, "timeout");
    }
}
