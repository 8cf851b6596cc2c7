package io.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The router's keys are read into typed settings, and a mistake in them names its line. */
class RouterSettingsTest {
    private static GatewayConfig load(String yaml) {
        return ConfigLoader.load("config.yaml", new StringReader(yaml), name -> Optional.empty());
    }

    private static final String MODELS = """
            model_list:
              - model_name: a
                litellm_params: {model: openai/a, api_key: sk-1, rpm: 10, tpm: 1000, max_retries: 1}
            """;

    @Test
    void readsEveryRouterKey() {
        GatewayConfig config = load(MODELS + """
                litellm_settings:
                  num_retries: 4
                  fallbacks: [{a: [c]}]
                router_settings:
                  routing_strategy: usage-based-routing-v2
                  num_retries: 3
                  retry_policy: {RateLimitErrorRetries: 5, BadRequestErrorRetries: 0}
                  allowed_fails: 2
                  cooldown_time: 30
                  fallbacks: [{a: [b, c]}, {b: d}]
                  context_window_fallbacks: [{a: [a-long]}]
                  content_policy_fallbacks: [{a: [b]}]
                  default_fallbacks: [z]
                  model_group_alias: {gpt-4: a, old: {model: b, hidden: true}}
                  retry_after: 0.5
                  stream_timeout: 7
                """);
        RouterSettings r = config.routerSettings();
        assertEquals(List.of(), config.unsupportedKeys());
        assertEquals(Map.of("RateLimitErrorRetries", 5, "BadRequestErrorRetries", 0), r.retryPolicy());
        assertEquals(Map.of("a", List.of("a-long")), r.contextWindowFallbacks());
        assertEquals(Map.of("a", List.of("b")), r.contentPolicyFallbacks());
        assertEquals(List.of("z"), r.defaultFallbacks());
        assertEquals(Map.of("gpt-4", "a", "old", "b"), r.modelGroupAlias());
        assertEquals(Duration.ofMillis(500), r.retryAfter());
        assertEquals(Duration.ofSeconds(7), r.streamTimeout());
        assertEquals(Map.of("a", List.of("c")), config.litellmSettings().fallbacks());
        assertEquals(10L, config.modelList().get(0).rpm());
        assertEquals(1, config.modelList().get(0).maxRetries());
    }

    @Test
    void usageBasedV1IsStillReportedAsUnsupported() {
        GatewayConfig config = load(MODELS + "router_settings:\n  routing_strategy: usage-based-routing\n");
        assertEquals(List.of("router_settings.routing_strategy: usage-based-routing"), config.unsupportedKeys());
    }

    @Test
    void mistakesNameTheirLine() {
        assertEquals("config.yaml line 6: router_settings.retry_policy.RateLimitRetries is not a retry_policy"
                + " category; use one of [AuthenticationErrorRetries, BadRequestErrorRetries,"
                + " ContentPolicyViolationErrorRetries, InternalServerErrorRetries, RateLimitErrorRetries,"
                + " TimeoutErrorRetries]",
                assertThrows(ConfigException.class, () -> load(MODELS
                        + "router_settings:\n  retry_policy:\n    RateLimitRetries: 2\n")).getMessage());
        assertEquals("config.yaml line 6: router_settings.fallbacks[0] must be a mapping of a model group to its"
                + " fallback groups, got \"a\"",
                assertThrows(ConfigException.class, () -> load(MODELS
                        + "router_settings:\n  fallbacks:\n    - a\n")).getMessage());
        assertEquals("config.yaml line 5: router_settings.context_window_fallbacks[0].a[0] must be a single value,"
                + " got a mapping",
                assertThrows(ConfigException.class, () -> load(MODELS
                        + "router_settings:\n  context_window_fallbacks: [{a: [{x: 1}]}]\n")).getMessage());
    }
}
