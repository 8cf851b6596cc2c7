package io.switchboard.routing;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** How many retries a failed call gets, and how long to wait before each. */
final class RetryRules {
    private final RoutingPolicy policy;
    private final RandomGenerator random;

    RetryRules(RoutingPolicy policy, RandomGenerator random) {
        this.policy = policy;
        this.random = random;
    }

    /**
     * How many retries this call gets after failing with {@code kind}: the call's {@code num_retries},
     * else the {@code retry_policy} count for the error's category, else the deployment's
     * {@code max_retries}, else the router's {@code num_retries}.
     */
    int retriesAllowed(CallOptions options, Candidate c, ErrorKind kind) {
        if (options.numRetries() != null) {
            return options.numRetries();
        }
        if (kind != null) {
            Integer byCategory = policy.retryPolicy().get(category(kind));
            if (byCategory != null) {
                return byCategory;
            }
        }
        Integer own = c.entry().maxRetries();
        return own != null ? own : policy.numRetries();
    }

    /** LiteLLM's {@code RetryPolicy} field for an error. */
    static String category(ErrorKind kind) {
        return switch (kind) {
            case RATE_LIMITED -> "RateLimitErrorRetries";
            case REQUEST_TIMEOUT -> "TimeoutErrorRetries";
            case CONTENT_FILTERED -> "ContentPolicyViolationErrorRetries";
            case AUTHENTICATION, PERMISSION -> "AuthenticationErrorRetries";
            case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED, NOT_FOUND -> "BadRequestErrorRetries";
            default -> "InternalServerErrorRetries";
        };
    }

    /**
     * No wait when another deployment can take the retry (only {@code retry_after}); else exponential
     * backoff with jitter (0.5 s × 2ⁿ, between half and all of it), or the provider's {@code Retry-After}
     * when longer, both capped at {@link RoutingPolicy#maxBackoff()}.
     */
    Duration waitBefore(int attemptNo, GatewayException e, boolean anotherDeployment) {
        Duration floor = policy.retryAfter();
        if (anotherDeployment) {
            return floor;
        }
        long base = 500L << Math.min(attemptNo, 10);
        long jittered = base / 2 + random.nextLong(base / 2 + 1);
        Duration wait = Duration.ofMillis(jittered);
        if (e.retryAfter() != null && e.retryAfter().compareTo(wait) > 0) {
            wait = e.retryAfter();
        }
        if (wait.compareTo(floor) < 0) {
            wait = floor;
        }
        return wait.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : wait;
    }
}
