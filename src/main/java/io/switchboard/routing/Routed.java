package io.switchboard.routing;

import io.switchboard.provider.Deployment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's result and how it was obtained: the deployment that answered, and the retries and
 * fallbacks it took. The headers are LiteLLM's ({@code x-litellm-model-id}, ...); they name the
 * deployment by id and group only, never its address or key.
 *
 * @param deployment   null when the answer came from the gateway's cache
 * @param attemptNanos time spent inside upstream attempts and the back-off between them: what is
 *                     not the gateway's own overhead
 * @param cacheHeaders LiteLLM's cache headers ({@code x-litellm-cache-key}, ...); non-empty exactly when the
 *                     answer came from the gateway's cache
 * @param providerHeaders the answering provider's rate-limit headers, as {@code ProviderRateLimits} passes them on
 */
public record Routed<T>(T value, Deployment deployment, int attemptedRetries, int attemptedFallbacks,
                        int maxRetries, long attemptNanos, Map<String, String> cacheHeaders,
                        Map<String, String> providerHeaders) {

    public Routed {
        cacheHeaders = cacheHeaders == null ? Map.of() : Map.copyOf(cacheHeaders);
        providerHeaders = providerHeaders == null ? Map.of() : Map.copyOf(providerHeaders);
    }

    public Routed(T value, Deployment deployment, int attemptedRetries, int attemptedFallbacks, int maxRetries,
                  long attemptNanos) {
        this(value, deployment, attemptedRetries, attemptedFallbacks, maxRetries, attemptNanos, Map.of(), Map.of());
    }

    /** An answer served from the gateway's cache: no deployment, no attempts. */
    public static <T> Routed<T> fromCache(T value, Map<String, String> cacheHeaders) {
        return new Routed<>(value, null, 0, 0, 0, 0, cacheHeaders, Map.of());
    }

    /** The same answer with the provider's rate-limit headers to pass on. */
    public Routed<T> withProviderHeaders(Map<String, String> headers) {
        return new Routed<>(value, deployment, attemptedRetries, attemptedFallbacks, maxRetries, attemptNanos,
                cacheHeaders, headers);
    }

    public boolean fromCache() {
        return !cacheHeaders.isEmpty();
    }

    /**
     * The headers for a client, timed from when the gateway {@code received} the call: for a stream
     * the response duration is the time to its headers, sent with the first chunk.
     */
    public Map<String, String> headers(Instant received) {
        Map<String, String> headers = new LinkedHashMap<>();
        long responseNanos = Math.max(0, Duration.between(received, Instant.now()).toNanos());
        headers.put("x-litellm-response-duration-ms", millis(responseNanos));
        headers.put("x-litellm-overhead-duration-ms", millis(Math.max(0, responseNanos - attemptNanos)));
        if (deployment != null) {
            headers.put("x-litellm-model-id", deployment.id());
            headers.put("x-litellm-model-group", deployment.modelGroup());
            headers.put("x-litellm-attempted-retries", Integer.toString(attemptedRetries));
            headers.put("x-litellm-max-retries", Integer.toString(maxRetries));
            headers.put("x-litellm-attempted-fallbacks", Integer.toString(attemptedFallbacks));
        }
        headers.putAll(providerHeaders);
        headers.putAll(cacheHeaders);
        return headers;
    }

    private static String millis(long nanos) {
        return BigDecimal.valueOf(nanos / 1_000, 3).toPlainString();
    }

    public <U> Routed<U> map(java.util.function.Function<T, U> f) {
        return new Routed<>(f.apply(value), deployment, attemptedRetries, attemptedFallbacks, maxRetries, attemptNanos,
                cacheHeaders, providerHeaders);
    }
}
