package io.switchboard.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;
import java.util.Map;

/**
 * Attribute names of the OpenTelemetry GenAI semantic conventions
 * (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/) and the gateway's own, which
 * carry a {@code switchboard.} prefix. None of them ever holds a key, a host or (unless content
 * capture is on) a prompt.
 */
final class GenAiAttributes {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<Long> SEED = AttributeKey.longKey("gen_ai.request.seed");
    static final AttributeKey<Long> CHOICE_COUNT = AttributeKey.longKey("gen_ai.request.choice.count");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey(
            "gen_ai.response.finish_reasons");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> CALL_ID = AttributeKey.stringKey("switchboard.call_id");
    static final AttributeKey<String> MODEL_GROUP = AttributeKey.stringKey("switchboard.model_group");
    static final AttributeKey<String> DEPLOYMENT_ID = AttributeKey.stringKey("switchboard.deployment_id");
    static final AttributeKey<String> KEY_ALIAS = AttributeKey.stringKey("switchboard.key_alias");
    static final AttributeKey<String> TEAM = AttributeKey.stringKey("switchboard.team");
    static final AttributeKey<String> COST_USD = AttributeKey.stringKey("switchboard.cost_usd");
    static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("switchboard.cache_hit");
    static final AttributeKey<Long> RETRIES = AttributeKey.longKey("switchboard.retries");
    static final AttributeKey<Long> FALLBACKS = AttributeKey.longKey("switchboard.fallbacks");
    static final AttributeKey<Double> TIME_TO_FIRST_TOKEN = AttributeKey.doubleKey(
            "switchboard.time_to_first_token_ms");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("switchboard.stream");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("switchboard.outcome");

    /** LiteLLM provider prefixes → the semantic conventions' well-known {@code gen_ai.provider.name} values. */
    private static final Map<String, String> PROVIDER_NAMES = Map.ofEntries(
            Map.entry("azure", "azure.ai.openai"),
            Map.entry("gemini", "gcp.gemini"),
            Map.entry("vertex_ai", "gcp.vertex_ai"),
            Map.entry("bedrock", "aws.bedrock"),
            Map.entry("mistral", "mistral_ai"),
            Map.entry("xai", "x_ai"));

    private GenAiAttributes() {
    }

    static String providerName(String litellmProvider) {
        return PROVIDER_NAMES.getOrDefault(litellmProvider, litellmProvider);
    }
}
