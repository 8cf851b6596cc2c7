package io.switchboard.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.access.Caller;
import io.switchboard.chat.WireJson;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import io.switchboard.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * LiteLLM's {@code GET /model/info} (and {@code /v1/model/info}): every deployment with its group,
 * routing attributes and model facts, for operators and admin UIs. Credentials and addresses are
 * never listed; {@code litellm_model_id} narrows the list to one deployment.
 */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelInfoResource {
    @Inject
    ModelCatalog catalog;

    @GET
    @Path("model/info")
    public String info(@QueryParam("litellm_model_id") String modelId, @Context HttpServletRequest http) {
        AdminAccess.require((Caller) http.getAttribute(ApiKeyFilter.CALLER));
        return WireJson.render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("data");
            for (ModelCatalog.Entry entry : catalog.configuredEntries()) {
                if (modelId == null || modelId.equals(entry.deployment().id())) {
                    write(g, entry);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @GET
    @Path("v1/model/info")
    public String infoVersioned(@QueryParam("litellm_model_id") String modelId, @Context HttpServletRequest http) {
        return info(modelId, http);
    }

    private static void write(JsonGenerator g, ModelCatalog.Entry entry) throws IOException {
        Deployment d = entry.deployment();
        g.writeStartObject();
        g.writeStringField("model_name", d.modelGroup());
        g.writeObjectFieldStart("litellm_params");
        g.writeStringField("model", d.provider() + "/" + d.upstreamModel());
        if (d.apiVersion() != null) {
            g.writeStringField("api_version", d.apiVersion());
        }
        g.writeNumberField("timeout", d.timeout().toMillis() / 1000.0);
        g.writeNumberField("stream_timeout", d.streamTimeout().toMillis() / 1000.0);
        g.writeNumberField("weight", entry.weight());
        if (entry.order() != Integer.MAX_VALUE) {
            g.writeNumberField("order", entry.order());
        }
        writeLimit(g, "rpm", entry.rpm());
        writeLimit(g, "tpm", entry.tpm());
        if (!entry.tags().isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String tag : entry.tags()) {
                g.writeString(tag);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
        writeModelInfo(g, entry);
        g.writeEndObject();
    }

    private static void writeModelInfo(JsonGenerator g, ModelCatalog.Entry entry) throws IOException {
        Deployment d = entry.deployment();
        ModelFacts facts = d.facts();
        g.writeObjectFieldStart("model_info");
        g.writeStringField("id", d.id());
        g.writeStringField("litellm_provider", d.provider());
        g.writeBooleanField("credentials_configured", entry.credentialed());
        g.writeStringField("mode", facts.mode());
        writeLimit(g, "max_input_tokens", facts.maxInputTokens() == null ? null : facts.maxInputTokens().longValue());
        writeLimit(g, "max_output_tokens", facts.maxOutputTokens() == null ? null : facts.maxOutputTokens().longValue());
        writePrice(g, "input_cost_per_token", facts.inputCostPerToken());
        writePrice(g, "output_cost_per_token", facts.outputCostPerToken());
        g.writeEndObject();
    }

    private static void writeLimit(JsonGenerator g, String field, Long value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }

    private static void writePrice(JsonGenerator g, String field, BigDecimal value) throws IOException {
        if (value != null) {
            g.writeNumberField(field, value);
        }
    }
}
