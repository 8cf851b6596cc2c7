package io.switchboard.routing;

import io.switchboard.config.GatewayConfig;
import io.switchboard.config.RouterSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The router's settings, resolved once from {@code router_settings} and {@code litellm_settings}, with
 * LiteLLM's defaults: 2 retries ({@code openai.DEFAULT_MAX_RETRIES}), 3 allowed fails a minute, a
 * 5-second cooldown.
 *
 * @param maxBackoff       the longest wait before a retry; a longer {@code Retry-After} is cut to it
 * @param retryBudgetRatio retries may be at most this fraction of calls (plus {@code retryBudgetFloor}) in
 *                         each {@link RetryBudget#WINDOW}, so a failing provider cannot multiply traffic
 */
public record RoutingPolicy(
        String strategy,
        int numRetries,
        Map<String, Integer> retryPolicy,
        int allowedFails,
        Duration cooldownTime,
        Map<String, List<String>> fallbacks,
        Map<String, List<String>> contextWindowFallbacks,
        Map<String, List<String>> contentPolicyFallbacks,
        List<String> defaultFallbacks,
        Map<String, String> aliases,
        Duration retryAfter,
        Duration maxBackoff,
        double retryBudgetRatio,
        int retryBudgetFloor) {
    public static final int DEFAULT_NUM_RETRIES = 2;
    public static final int DEFAULT_ALLOWED_FAILS = 3;
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(5);
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    public static RoutingPolicy from(GatewayConfig config) {
        RouterSettings r = config.routerSettings();
        Integer retries = r.numRetries() != null ? r.numRetries() : config.litellmSettings().numRetries();
        Map<String, List<String>> fallbacks = new LinkedHashMap<>(config.litellmSettings().fallbacks());
        fallbacks.putAll(readFallbacks(r));
        return new RoutingPolicy(r.routingStrategy(), retries == null ? DEFAULT_NUM_RETRIES : retries,
                r.retryPolicy(), r.allowedFails() == null ? DEFAULT_ALLOWED_FAILS : r.allowedFails(),
                r.cooldownTime() == null ? DEFAULT_COOLDOWN : r.cooldownTime(), fallbacks,
                r.contextWindowFallbacks(), r.contentPolicyFallbacks(), r.defaultFallbacks(), r.modelGroupAlias(),
                r.retryAfter() == null ? Duration.ZERO : r.retryAfter(), MAX_BACKOFF, 0.2, 10);
    }

    /** The defaults, for tests that change one setting at a time. */
    public static RoutingPolicy defaults() {
        return new RoutingPolicy("simple-shuffle", DEFAULT_NUM_RETRIES, Map.of(), DEFAULT_ALLOWED_FAILS,
                DEFAULT_COOLDOWN, Map.of(), Map.of(), Map.of(), List.of(), Map.of(), Duration.ZERO, MAX_BACKOFF, 0.2,
                10);
    }

    /** {@code router_settings.fallbacks} was validated by the config reader; here it is only reshaped. */
    private static Map<String, List<String>> readFallbacks(RouterSettings r) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        r.fallbacks().forEach(element -> element.fields().forEachRemaining(e -> {
            List<String> groups = new java.util.ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(g -> groups.add(g.asText()));
            } else {
                groups.add(e.getValue().asText());
            }
            result.put(e.getKey(), groups);
        }));
        return result;
    }

    public RoutingPolicy withNumRetries(int n) {
        return new RoutingPolicy(strategy, n, retryPolicy, allowedFails, cooldownTime, fallbacks,
                contextWindowFallbacks, contentPolicyFallbacks, defaultFallbacks, aliases, retryAfter, maxBackoff,
                retryBudgetRatio, retryBudgetFloor);
    }

    public RoutingPolicy withFallbacks(Map<String, List<String>> f, Map<String, List<String>> contextWindow,
                                       List<String> defaults) {
        return new RoutingPolicy(strategy, numRetries, retryPolicy, allowedFails, cooldownTime, f, contextWindow,
                contentPolicyFallbacks, defaults, aliases, retryAfter, maxBackoff, retryBudgetRatio, retryBudgetFloor);
    }

    public RoutingPolicy withCooldown(int fails, Duration time) {
        return new RoutingPolicy(strategy, numRetries, retryPolicy, fails, time, fallbacks, contextWindowFallbacks,
                contentPolicyFallbacks, defaultFallbacks, aliases, retryAfter, maxBackoff, retryBudgetRatio,
                retryBudgetFloor);
    }

    public RoutingPolicy withRetryPolicy(Map<String, Integer> policy, double budgetRatio, int budgetFloor) {
        return new RoutingPolicy(strategy, numRetries, policy, allowedFails, cooldownTime, fallbacks,
                contextWindowFallbacks, contentPolicyFallbacks, defaultFallbacks, aliases, retryAfter, maxBackoff,
                budgetRatio, budgetFloor);
    }
}
