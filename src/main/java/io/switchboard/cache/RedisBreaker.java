package io.switchboard.cache;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The circuit breaker every cache command to Redis passes through (one breaker for the one server,
 * as LiteLLM has since 1.82): after 5 failures in a row it opens and commands fail at once, without
 * touching the network, for 30 s; then one probe decides. With Lettuce's own 250 ms command timeout
 * and this 1 s backstop, a slow or dead Redis costs a request at most a short wait and then nothing.
 * The thresholds are overridable through MicroProfile Config
 * ({@code io.switchboard.cache.RedisBreaker/call/CircuitBreaker/delay=...}).
 */
@ApplicationScoped
public class RedisBreaker {
    private static final Logger LOG = Logger.getLogger(RedisBreaker.class.getName());
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>(Instant.EPOCH);

    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 30_000, successThreshold = 1)
    @Timeout(1000)
    public <T> T call(Supplier<T> command) {
        return command.get();
    }

    /**
     * Logs a failed command at most once a minute: an outage must be visible without writing a line
     * per request. The exception's class only: Lettuce messages can name the server's address.
     */
    void failed(RuntimeException e) {
        Instant last = lastWarning.get();
        Instant now = Instant.now();
        if (now.isAfter(last.plus(WARN_EVERY)) && lastWarning.compareAndSet(last, now)) {
            LOG.warning(() -> "Redis cache unavailable (" + e.getClass().getSimpleName()
                    + "); serving without it, as cache misses, until it answers again.");
        }
    }
}
