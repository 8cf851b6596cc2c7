package io.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import io.switchboard.modelinfo.ModelFacts;

/**
 * Where and how to call one upstream model: one entry of {@code model_list}, resolved.
 *
 * @param id            stable deployment id (model_info.id or derived); safe to log
 * @param modelGroup    the public model name clients ask for
 * @param provider      the provider prefix of {@code litellm_params.model} ({@code openai}, {@code azure}, {@code groq}, ...)
 * @param upstreamModel the provider's model id (for Azure, the deployment name)
 * @param apiBase       the provider's base URL; never shown to clients
 * @param apiKey        the provider credential; never logged or shown (see {@link #toString()})
 * @param params        other {@code litellm_params} the adapter may use (organization, region, ...)
 * @param facts         the model's context window, output limit and prices (table, then {@code model_info})
 * @param dropParams    whether request parameters the provider cannot take are dropped (else refused with a 400)
 */
public record Deployment(
        String id,
        String modelGroup,
        String provider,
        String upstreamModel,
        URI apiBase,
        String apiKey,
        String apiVersion,
        Duration timeout,
        Duration streamTimeout,
        Map<String, JsonNode> params,
        ModelFacts facts,
        boolean dropParams) {

    public Deployment {
        params = params == null ? Map.of() : Map.copyOf(params);
        facts = facts == null ? ModelFacts.UNKNOWN : facts;
    }

    /** The same deployment serving another upstream model, for wildcard groups such as {@code openai/*}. */
    public Deployment withUpstreamModel(String model, ModelFacts modelFacts) {
        return new Deployment(id, modelGroup, provider, model, apiBase, apiKey, apiVersion, timeout, streamTimeout,
                params, modelFacts, dropParams);
    }

    /** The same deployment with both timeouts capped at {@code limit}, for cheap checks that must not hang. */
    public Deployment withTimeoutsAtMost(Duration limit) {
        return new Deployment(id, modelGroup, provider, upstreamModel, apiBase, apiKey, apiVersion,
                timeout.compareTo(limit) > 0 ? limit : timeout,
                streamTimeout.compareTo(limit) > 0 ? limit : streamTimeout, params, facts, dropParams);
    }

    @Override
    public String toString() {
        return "Deployment[id=" + id + ", modelGroup=" + modelGroup + ", provider=" + provider
                + ", upstreamModel=" + upstreamModel + "]";
    }
}
