package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code router_settings}. Fields beyond the strategy, retries and timeout are parsed and checked
 * now so a mistake is reported at start-up, even while {@link SupportedKeys} still lists them as
 * not yet in effect.
 *
 * @param routingStrategy {@code routing_strategy}, LiteLLM's default {@code simple-shuffle} when not set
 * @param numRetries      {@code num_retries}; null when not set
 * @param timeout         {@code timeout}; null when not set
 * @param allowedFails    {@code allowed_fails} before a deployment cools down; null when not set
 * @param cooldownTime    {@code cooldown_time}; null when not set
 * @param fallbacks       {@code fallbacks} as written (a list of {@code {group: [fallback groups]}}); an
 *                        empty array when not set
 * @param raw             the whole section, env references resolved ({@code redis_host}, ...)
 * @param retryPolicy     {@code retry_policy}: retries per LiteLLM error category
 *                        ({@code RateLimitErrorRetries}, ...); empty when not set
 * @param contextWindowFallbacks {@code context_window_fallbacks}: group → groups tried on context-length errors
 * @param contentPolicyFallbacks {@code content_policy_fallbacks}: group → groups tried on content-policy errors
 * @param defaultFallbacks {@code default_fallbacks}: groups tried for any group without its own fallbacks
 * @param modelGroupAlias {@code model_group_alias}: alias → model group
 * @param retryAfter      {@code retry_after}: the least time to wait before a retry; null when not set
 * @param streamTimeout   {@code stream_timeout}: time allowed to the first chunk (and between chunks); null
 *                        when not set
 */
public record RouterSettings(
        String routingStrategy,
        Integer numRetries,
        Duration timeout,
        Integer allowedFails,
        Duration cooldownTime,
        JsonNode fallbacks,
        JsonNode raw,
        Map<String, Integer> retryPolicy,
        Map<String, List<String>> contextWindowFallbacks,
        Map<String, List<String>> contentPolicyFallbacks,
        List<String> defaultFallbacks,
        Map<String, String> modelGroupAlias,
        Duration retryAfter,
        Duration streamTimeout) {
    public static final String DEFAULT_ROUTING_STRATEGY = "simple-shuffle";

    public RouterSettings {
        routingStrategy = routingStrategy == null ? DEFAULT_ROUTING_STRATEGY : routingStrategy;
        fallbacks = fallbacks == null || fallbacks.isNull() ? JsonNodeFactory.instance.arrayNode() : fallbacks;
        raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
        retryPolicy = retryPolicy == null ? Map.of() : Map.copyOf(retryPolicy);
        contextWindowFallbacks = contextWindowFallbacks == null ? Map.of() : Map.copyOf(contextWindowFallbacks);
        contentPolicyFallbacks = contentPolicyFallbacks == null ? Map.of() : Map.copyOf(contentPolicyFallbacks);
        defaultFallbacks = defaultFallbacks == null ? List.of() : List.copyOf(defaultFallbacks);
        modelGroupAlias = modelGroupAlias == null ? Map.of() : Map.copyOf(modelGroupAlias);
    }

    static RouterSettings defaults() {
        return new RouterSettings(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Leaves out the raw section: it can hold Redis credentials. */
    @Override
    public String toString() {
        return "RouterSettings[routingStrategy=" + routingStrategy + ", numRetries=" + numRetries + ", timeout="
                + timeout + ", allowedFails=" + allowedFails + ", cooldownTime=" + cooldownTime + ", fallbacks="
                + fallbacks + ", retryPolicy=" + retryPolicy + ", contextWindowFallbacks=" + contextWindowFallbacks
                + ", contentPolicyFallbacks=" + contentPolicyFallbacks + ", defaultFallbacks=" + defaultFallbacks
                + ", modelGroupAlias=" + modelGroupAlias + ", retryAfter=" + retryAfter + ", streamTimeout="
                + streamTimeout + ", keys=" + ConfigLoader.fieldNames(raw) + "]";
    }
}
