package io.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call asks of the router, from LiteLLM's request fields {@code num_retries}, {@code fallbacks}
 * and {@code tags} (which are the gateway's, never the provider's), plus what the gateway measured.
 *
 * @param numRetries  the call's own retry count; null to use the configured one
 * @param fallbacks   the call's own fallback groups; null to use the configured ones
 * @param tags        deployments must carry one of these tags; empty for untagged routing
 * @param stream      whether the call streams
 * @param inputTokens the estimated prompt size, for the context-window check and tpm; 0 when unknown
 * @param region      the end user's {@code allowed_model_region}: only deployments there may serve the call
 *                    ({@link DeploymentRegion}); null for any
 * @param regionDefault the end user's {@code default_model}: the group that serves the call when the asked
 *                    one has no deployment in {@code region}; null for none
 */
public record CallOptions(Integer numRetries, List<String> fallbacks, List<String> tags, boolean stream,
                          long inputTokens, String region, String regionDefault) {
    public static final CallOptions NONE = new CallOptions(null, null, List.of(), false, 0);

    public CallOptions {
        fallbacks = fallbacks == null ? null : List.copyOf(fallbacks);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Options for a call that any region may serve. */
    public CallOptions(Integer numRetries, List<String> fallbacks, List<String> tags, boolean stream,
                       long inputTokens) {
        this(numRetries, fallbacks, tags, stream, inputTokens, null, null);
    }

    /**
     * Options carrying only a request's own {@code fallbacks} (read, not removed), for pricing a
     * budget reservation before the request is routed.
     */
    public static CallOptions fallbacksOf(JsonNode requestFallbacks) {
        return new CallOptions(null, names(requestFallbacks, "fallbacks"), List.of(), false, 0);
    }

    /** The same options, held to an end user's region (and its in-region default model); null region: any. */
    public CallOptions inRegion(String endUserRegion, String endUserDefault) {
        return new CallOptions(numRetries, fallbacks, tags, stream, inputTokens, endUserRegion,
                endUserRegion == null ? null : endUserDefault);
    }

    /**
     * Reads and removes the router's fields from a request's leftover fields, so they are not sent
     * upstream. {@code metadata.tags} is LiteLLM's other place for tags; it is read, not removed.
     */
    public static CallOptions take(ObjectNode extra, JsonNode metadata, boolean stream, long inputTokens) {
        Integer retries = null;
        JsonNode n = extra.remove("num_retries");
        if (n != null && !n.isNull()) {
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
                throw GatewayException.invalidRequest("'num_retries' must be a whole number of at least 0.",
                        "num_retries");
            }
            retries = n.intValue();
        }
        List<String> fallbacks = names(extra.remove("fallbacks"), "fallbacks");
        List<String> tags = names(extra.remove("tags"), "tags");
        if (tags == null && metadata != null && metadata.has("tags")) {
            tags = names(metadata.get("tags"), "metadata.tags");
        }
        return new CallOptions(retries, fallbacks, tags, stream, inputTokens);
    }

    /** A list of strings; LiteLLM's per-request fallbacks may also be {@code {"model": name}} objects. */
    private static List<String> names(JsonNode node, String param) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw GatewayException.wrongType(param, "an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode element : node) {
            if (element.isTextual()) {
                result.add(element.asText());
            } else if (element.isObject() && element.path("model").isTextual()) {
                result.add(element.path("model").asText());
            } else {
                throw GatewayException.wrongType(param, "an array of strings");
            }
        }
        return result;
    }
}
