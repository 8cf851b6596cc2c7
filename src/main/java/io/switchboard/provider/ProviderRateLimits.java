package io.switchboard.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's rate-limit headers as LiteLLM hands them to its clients: each one again under the
 * {@code llm_provider-} prefix, and OpenAI's {@code x-ratelimit-*} names unprefixed, so a client that
 * paces itself on them keeps working behind the gateway. OpenAI and its compatible family (and Azure)
 * send those names already; Anthropic's {@code anthropic-ratelimit-requests-*} and
 * {@code anthropic-ratelimit-tokens-*} limits and remainders are renamed to them (its resets are
 * timestamps, not OpenAI's durations, so they keep only the prefixed form). Nothing else of the
 * upstream response is passed on: its other headers may name the provider's hosts and accounts.
 */
public final class ProviderRateLimits {
    static final String PREFIX = "llm_provider-";
    private static final List<String> OPENAI = List.of("x-ratelimit-limit-requests", "x-ratelimit-limit-tokens",
            "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests",
            "x-ratelimit-reset-tokens");
    private static final Map<String, String> ANTHROPIC = Map.of(
            "anthropic-ratelimit-requests-limit", "x-ratelimit-limit-requests",
            "anthropic-ratelimit-requests-remaining", "x-ratelimit-remaining-requests",
            "anthropic-ratelimit-tokens-limit", "x-ratelimit-limit-tokens",
            "anthropic-ratelimit-tokens-remaining", "x-ratelimit-remaining-tokens");

    private ProviderRateLimits() {
    }

    /** @param upstream the provider's response headers, names in lower case (as {@link UpstreamClient} keeps them) */
    public static Map<String, String> of(Map<String, List<String>> upstream) {
        if (upstream == null || upstream.isEmpty()) {
            return Map.of();
        }
        Map<String, String> prefixed = new LinkedHashMap<>();
        Map<String, String> openAiNames = new LinkedHashMap<>();
        upstream.forEach((name, values) -> {
            if (values == null || values.isEmpty() || !(name.startsWith("x-ratelimit-")
                    || name.startsWith("anthropic-ratelimit-"))) {
                return;
            }
            String value = values.get(0);
            prefixed.put(PREFIX + name, value);
            if (OPENAI.contains(name)) {
                openAiNames.put(name, value);
            } else if (ANTHROPIC.containsKey(name)) {
                openAiNames.putIfAbsent(ANTHROPIC.get(name), value);
            }
        });
        if (prefixed.isEmpty()) {
            return Map.of();
        }
        prefixed.putAll(openAiNames);
        return prefixed;
    }
}
