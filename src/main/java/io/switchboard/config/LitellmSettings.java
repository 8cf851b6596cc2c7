package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code litellm_settings}.
 *
 * @param dropParams     {@code drop_params}: drop request fields a provider cannot take instead of failing
 * @param requestTimeout {@code request_timeout}: default upstream timeout; null when not set
 * @param numRetries     {@code num_retries}; null when not set
 * @param fallbacks      {@code fallbacks}: group → fallback groups (LiteLLM reads them here too)
 * @param raw            the whole section, env references resolved ({@code cache}, {@code callbacks}, ...)
 */
public record LitellmSettings(boolean dropParams, Duration requestTimeout, Integer numRetries, JsonNode raw,
                              Map<String, List<String>> fallbacks) {
    public LitellmSettings {
        raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
        fallbacks = fallbacks == null ? Map.of() : Map.copyOf(fallbacks);
    }

    static LitellmSettings defaults() {
        return new LitellmSettings(false, null, null, null, null);
    }

    /** Leaves out the raw section: callback and cache settings carry credentials. */
    @Override
    public String toString() {
        return "LitellmSettings[dropParams=" + dropParams + ", requestTimeout=" + requestTimeout + ", numRetries="
                + numRetries + ", keys=" + ConfigLoader.fieldNames(raw) + "]";
    }
}
