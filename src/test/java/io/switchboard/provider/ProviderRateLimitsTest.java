package io.switchboard.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRateLimitsTest {
    @Test
    void openAiHeadersArePassedOnAsTheyAreAndPrefixed() {
        Map<String, String> out = ProviderRateLimits.of(Map.of(
                "x-ratelimit-remaining-requests", List.of("9999"),
                "x-ratelimit-reset-tokens", List.of("15ms"),
                "openai-organization", List.of("org-secret"),
                "content-type", List.of("application/json")));
        assertEquals("9999", out.get("x-ratelimit-remaining-requests"));
        assertEquals("9999", out.get("llm_provider-x-ratelimit-remaining-requests"));
        assertEquals("15ms", out.get("x-ratelimit-reset-tokens"));
        assertEquals(4, out.size(), "nothing but rate limits leaves: " + out);
        assertFalse(out.containsValue("org-secret"));
    }

    @Test
    void anthropicLimitsGetOpenAiNamesAndTheirTimestampsStayPrefixed() {
        Map<String, String> out = ProviderRateLimits.of(Map.of(
                "anthropic-ratelimit-requests-limit", List.of("50"),
                "anthropic-ratelimit-requests-remaining", List.of("49"),
                "anthropic-ratelimit-requests-reset", List.of("2026-01-01T00:00:00Z"),
                "anthropic-ratelimit-tokens-remaining", List.of("80000"),
                "anthropic-ratelimit-input-tokens-remaining", List.of("29000")));
        assertEquals("50", out.get("x-ratelimit-limit-requests"));
        assertEquals("49", out.get("x-ratelimit-remaining-requests"));
        assertEquals("80000", out.get("x-ratelimit-remaining-tokens"));
        assertEquals("2026-01-01T00:00:00Z", out.get("llm_provider-anthropic-ratelimit-requests-reset"));
        assertEquals("29000", out.get("llm_provider-anthropic-ratelimit-input-tokens-remaining"));
        assertFalse(out.containsKey("x-ratelimit-reset-requests"), "a timestamp is not OpenAI's duration");
    }

    @Test
    void aProviderWithoutRateLimitHeadersAddsNothing() {
        assertTrue(ProviderRateLimits.of(Map.of("content-type", List.of("application/json"))).isEmpty());
        assertTrue(ProviderRateLimits.of(Map.of()).isEmpty());
        assertTrue(ProviderRateLimits.of(null).isEmpty());
    }
}
