package io.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What this version implements of LiteLLM's config, section by section. A key present in a checked
 * section but missing here is reported as unsupported (parsed and kept, never rejected), so an
 * operator can see which parts of a LiteLLM config have no effect yet. When a feature lands, add
 * its key here.
 */
final class SupportedKeys {
    static final String TOP_LEVEL = "";
    static final String MODEL_LIST_ENTRY = "model_list[]";
    static final String GENERAL_SETTINGS = "general_settings";
    static final String LITELLM_SETTINGS = "litellm_settings";
    static final String ROUTER_SETTINGS = "router_settings";
    static final String CACHE_PARAMS = "litellm_settings.cache_params";

    private static final Map<String, Set<String>> SUPPORTED = Map.of(
            TOP_LEVEL, Set.of("model_list", "litellm_settings", "router_settings", "general_settings",
                    "environment_variables", "guardrails", "callback_settings"),
            MODEL_LIST_ENTRY, Set.of("model_name", "litellm_params", "model_info"),
            // allow_no_master_key is Switchboard's own: an explicit development switch for running open.
            GENERAL_SETTINGS, Set.of("master_key", "max_request_size_mb", "allow_no_master_key", "database_url",
                    "disable_spend_logs"),
            LITELLM_SETTINGS, Set.of("drop_params", "request_timeout", "num_retries", "fallbacks", "cache", "cache_params",
                    "callbacks", "success_callback", "failure_callback", "require_auth_for_metrics_endpoint"),
            // max_entries, max_bytes, max_vectors, redis_timeout and share_across_tenants are Switchboard's own.
            CACHE_PARAMS, Set.of("type", "ttl", "namespace", "supported_call_types", "similarity_threshold",
                    "redis_semantic_cache_embedding_model", "host", "port", "password", "url", "redis_url", "db",
                    "max_entries", "max_bytes", "max_vectors", "redis_timeout", "share_across_tenants"),
            ROUTER_SETTINGS, Set.of("routing_strategy", "timeout", "num_retries", "retry_policy", "allowed_fails",
                    "cooldown_time", "fallbacks", "context_window_fallbacks", "content_policy_fallbacks",
                    "default_fallbacks", "model_group_alias", "retry_after", "stream_timeout"));

    /** Top-level sections whose keys the operator names (variables, callbacks): never reported. */
    static final Set<String> FREE_FORM_SECTIONS = Set.of("environment_variables", "callback_settings");

    /**
     * Callback names that do something: OpenTelemetry (traces over OTLP, also how Langfuse and Phoenix
     * are reached), prometheus ({@code /metrics} is always served) and the generic API webhook. A name
     * defined in {@code callback_settings} with {@code callback_type: generic_api} is supported too.
     */
    static final Set<String> CALLBACKS = Set.of("otel", "opentelemetry", "langfuse_otel", "arize_phoenix",
            "prometheus", "generic_api", "generic");

    /** The paths and names of the callbacks in {@code litellm_settings} that have no effect yet. */
    static List<String> unsupportedCallbacks(com.fasterxml.jackson.databind.JsonNode document) {
        List<String> result = new ArrayList<>();
        for (String list : List.of("callbacks", "success_callback", "failure_callback")) {
            for (com.fasterxml.jackson.databind.JsonNode name : document.path("litellm_settings").path(list)) {
                String callbackType = document.path("callback_settings").path(name.asText()).path("callback_type")
                        .asText();
                if (!CALLBACKS.contains(name.asText()) && !"generic_api".equals(callbackType)) {
                    result.add("litellm_settings." + list + ": " + name.asText());
                }
            }
        }
        return result;
    }

    /** The routing strategies the router implements; any other valid one is reported as unsupported. */
    static final Set<String> ROUTING_STRATEGIES = Set.of("simple-shuffle", "least-busy", "latency-based-routing",
            "usage-based-routing-v2", "cost-based-routing");

    /**
     * {@code litellm_params} that are read and checked but have no effect yet: reported as unsupported so
     * nobody believes a limit holds that does not. Empty since the router enforces {@code max_retries}, and
     * {@code rpm}/{@code tpm} (under {@code usage-based-routing-v2}, as in LiteLLM).
     */
    static final Set<String> INERT_LITELLM_PARAMS = Set.of();

    /**
     * {@code litellm_params} read into typed fields. Any other key there is not reported: it is
     * passed through to the provider adapter ({@code organization}, {@code aws_region_name}, ...).
     */
    static final Set<String> TYPED_LITELLM_PARAMS = Set.of("model", "api_key", "api_base", "api_version",
            "timeout", "stream_timeout", "max_retries", "rpm", "tpm", "weight", "order", "tags");

    private SupportedKeys() {
    }

    static boolean isSupported(String section, String key) {
        return SUPPORTED.get(section).contains(key);
    }

    /** The paths of a model_list entry's typed litellm_params that have no effect yet. */
    static List<String> inertParamsIn(ConfigNode entry) {
        List<String> paths = new ArrayList<>();
        ConfigNode params = entry.get("litellm_params");
        if (params.isMapping()) {
            params.entries().forEach((key, value) -> {
                if (INERT_LITELLM_PARAMS.contains(key)) {
                    paths.add(value.path());
                }
            });
        }
        return paths;
    }

    /** The paths of the keys of {@code mapping} that {@code section} does not support, in file order. */
    static List<String> unsupportedIn(String section, ConfigNode mapping) {
        List<String> paths = new ArrayList<>();
        mapping.entries().forEach((key, value) -> {
            if (!isSupported(section, key)) {
                paths.add(value.path());
            }
        });
        return paths;
    }
}
