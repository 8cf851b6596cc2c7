package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code model_list}: a public model name and the upstream deployment that serves it.
 *
 * @param id            {@code model_info.id}, else derived from the entry as written (stable across restarts
 *                      and key rotation; never contains a key)
 * @param modelName     the name clients ask for; may be a wildcard such as {@code openai/*} or {@code *}
 * @param provider      {@code litellm_params.model} before the first {@code /} ({@code azure}, {@code groq},
 *                      ...), {@code openai} when the model has no {@code /}
 * @param upstreamModel {@code litellm_params.model} after the first {@code /}; may contain {@code /} or be
 *                      {@code *}
 * @param timeout       {@code litellm_params.timeout}; null when not set
 * @param streamTimeout {@code litellm_params.stream_timeout}; null when not set
 * @param modelInfo     {@code model_info} as written (env references resolved); an empty object when absent
 * @param extraParams   every other {@code litellm_params} key ({@code organization}, {@code aws_region_name},
 *                      ...), passed through to the provider adapter
 * @param tags          {@code litellm_params.tags}, for tag-based routing; never sent upstream
 */
public record DeploymentConfig(
        String id,
        String modelName,
        String provider,
        String upstreamModel,
        String apiKey,
        String apiBase,
        String apiVersion,
        Duration timeout,
        Duration streamTimeout,
        Integer maxRetries,
        Long rpm,
        Long tpm,
        Integer weight,
        Integer order,
        JsonNode modelInfo,
        Map<String, JsonNode> extraParams,
        List<String> tags) {

    public DeploymentConfig {
        modelInfo = modelInfo == null ? JsonNodeFactory.instance.objectNode() : modelInfo;
        extraParams = extraParams == null ? Map.of() : Map.copyOf(extraParams);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The same deployment under another id, used to tell apart entries written identically. */
    DeploymentConfig withId(String newId) {
        return new DeploymentConfig(newId, modelName, provider, upstreamModel, apiKey, apiBase, apiVersion, timeout,
                streamTimeout, maxRetries, rpm, tpm, weight, order, modelInfo, extraParams, tags);
    }

    /**
     * Omits the key, and the values of extra params: those can hold other credentials
     * ({@code aws_secret_access_key}, {@code vertex_credentials}), so only their names are shown.
     */
    @Override
    public String toString() {
        return "DeploymentConfig[id=" + id + ", modelName=" + modelName + ", provider=" + provider
                + ", upstreamModel=" + upstreamModel + ", apiKey=" + (apiKey == null ? "null" : "****")
                + ", apiBase=" + apiBase + ", apiVersion=" + apiVersion + ", timeout=" + timeout
                + ", streamTimeout=" + streamTimeout + ", maxRetries=" + maxRetries + ", rpm=" + rpm + ", tpm=" + tpm
                + ", weight=" + weight + ", order=" + order + ", modelInfo=" + modelInfo
                + ", extraParams=" + new java.util.TreeSet<>(extraParams.keySet()) + ", tags=" + tags + "]";
    }
}
