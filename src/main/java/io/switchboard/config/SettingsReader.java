package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code general_settings}, {@code litellm_settings} and {@code router_settings}. */
final class SettingsReader {
    /** LiteLLM's strategies; it rejects any other name, and so do we rather than ignore a typo. */
    static final Set<String> ROUTING_STRATEGIES = Set.of("simple-shuffle", "least-busy", "usage-based-routing",
            "usage-based-routing-v2", "latency-based-routing", "cost-based-routing");
    private static final BigDecimal BYTES_PER_MB = BigDecimal.valueOf(1024L * 1024);
    /** A request body of a terabyte is a typo, and keeps the byte count far from overflowing. */
    private static final BigDecimal MAX_REQUEST_SIZE_MB = BigDecimal.valueOf(1024L * 1024);

    private SettingsReader() {
    }

    static GeneralSettings general(ConfigNode section) {
        section.entries();
        String masterKey = section.get("master_key").text();
        Boolean allowNoMasterKey = section.get("allow_no_master_key").bool();
        ConfigNode sizeNode = section.get("max_request_size_mb");
        BigDecimal sizeMb = sizeNode.number("a number of megabytes");
        long maxBytes = GeneralSettings.DEFAULT_MAX_REQUEST_BODY_BYTES;
        if (sizeMb != null) {
            if (sizeMb.signum() <= 0 || sizeMb.compareTo(MAX_REQUEST_SIZE_MB) > 0) {
                throw sizeNode.error("must be a number of megabytes between 0 and " + MAX_REQUEST_SIZE_MB
                        + ", got " + sizeNode.describe());
            }
            maxBytes = sizeMb.multiply(BYTES_PER_MB).setScale(0, RoundingMode.CEILING).longValueExact();
        }
        return new GeneralSettings(masterKey == null || masterKey.isBlank() ? null : masterKey,
                Boolean.TRUE.equals(allowNoMasterKey), maxBytes,
                Boolean.TRUE.equals(section.get("disable_spend_logs").bool()), raw(section));
    }

    static LitellmSettings litellm(ConfigNode section) {
        section.entries();
        return new LitellmSettings(Boolean.TRUE.equals(section.get("drop_params").bool()),
                section.get("request_timeout").seconds(), section.get("num_retries").smallWholeNumber(0), raw(section),
                fallbackMap(section.get("fallbacks")));
    }

    static RouterSettings router(ConfigNode section) {
        section.entries();
        ConfigNode strategyNode = section.get("routing_strategy");
        String strategy = strategyNode.text();
        if (strategy != null && !ROUTING_STRATEGIES.contains(strategy.trim())) {
            throw strategyNode.error("must be one of " + new java.util.TreeSet<>(ROUTING_STRATEGIES) + ", got "
                    + strategyNode.describe());
        }
        ConfigNode fallbacks = section.get("fallbacks");
        fallbackMap(fallbacks);
        return new RouterSettings(strategy == null ? null : strategy.trim(),
                section.get("num_retries").smallWholeNumber(0),
                section.get("timeout").seconds(),
                section.get("allowed_fails").smallWholeNumber(0),
                section.get("cooldown_time").secondsOrZero(),
                YamlToJson.resolved(fallbacks),
                raw(section),
                retryPolicy(section.get("retry_policy")),
                fallbackMap(section.get("context_window_fallbacks")),
                fallbackMap(section.get("content_policy_fallbacks")),
                groupList(section.get("default_fallbacks")),
                aliases(section.get("model_group_alias")),
                section.get("retry_after").secondsOrZero(),
                section.get("stream_timeout").seconds());
    }

    /** LiteLLM's {@code RetryPolicy} fields: one retry count per error category. */
    static final Set<String> RETRY_POLICY_KEYS = Set.of("BadRequestErrorRetries", "AuthenticationErrorRetries",
            "TimeoutErrorRetries", "RateLimitErrorRetries", "ContentPolicyViolationErrorRetries",
            "InternalServerErrorRetries");

    private static Map<String, Integer> retryPolicy(ConfigNode node) {
        Map<String, Integer> policy = new LinkedHashMap<>();
        if (node.isNull()) {
            return policy;
        }
        node.entries().forEach((key, value) -> {
            if (!RETRY_POLICY_KEYS.contains(key)) {
                throw value.error("is not a retry_policy category; use one of " + new TreeSet<>(RETRY_POLICY_KEYS));
            }
            policy.put(key, value.smallWholeNumber(0));
        });
        return policy;
    }

    /**
     * LiteLLM's fallback shape: a list of single-key mappings {@code - gpt-4o: [gpt-4o-mini, claude]}. Read
     * into one map, keeping order; a group written twice is an error, as the second would be ignored silently.
     */
    static Map<String, List<String>> fallbackMap(ConfigNode node) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (ConfigNode element : node.elements()) {
            if (!element.isMapping()) {
                throw element.error("must be a mapping of a model group to its fallback groups, got "
                        + element.describe());
            }
            element.entries().forEach((group, targets) -> {
                if (result.putIfAbsent(group, groupList(targets)) != null) {
                    throw targets.error("repeats the fallbacks of " + group);
                }
            });
        }
        return result;
    }

    /** A list of model group names ({@code [gpt-4o-mini, claude]}); a single name is accepted too. */
    static List<String> groupList(ConfigNode node) {
        List<String> groups = new ArrayList<>();
        if (node.isScalar()) {
            groups.add(node.requiredText().trim());
            return groups;
        }
        for (ConfigNode element : node.elements()) {
            groups.add(element.requiredText().trim());
        }
        return groups;
    }

    /** {@code alias: group}, or LiteLLM's longer {@code alias: {model: group, hidden: true}}. */
    private static Map<String, String> aliases(ConfigNode node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node.isNull()) {
            return result;
        }
        node.entries().forEach((alias, target) -> result.put(alias,
                target.isMapping() ? target.get("model").requiredText().trim() : target.requiredText().trim()));
        return result;
    }

    private static JsonNode raw(ConfigNode section) {
        return section.isNull() ? JsonNodeFactory.instance.objectNode() : YamlToJson.resolved(section);
    }
}
