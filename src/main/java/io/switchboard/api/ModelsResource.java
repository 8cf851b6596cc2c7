package io.switchboard.api;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.routing.ModelCatalog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the model groups of the configuration,
 * in OpenAI's list shape. Ids may contain slashes ({@code openrouter/meta-llama/...}).
 */
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {
    @Inject
    ModelCatalog catalog;

    private long created;

    @PostConstruct
    void init() {
        created = Instant.now().getEpochSecond();
    }

    @GET
    @Path("v1/models")
    public String list() {
        List<String> names = catalog.modelNames();
        return WireJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("object", "list");
            g.writeArrayFieldStart("data");
            for (String name : names) {
                writeModel(g, name);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @GET
    @Path("models")
    public String listUnversioned() {
        return list();
    }

    @GET
    @Path("v1/models/{id: .+}")
    public String get(@PathParam("id") String id) {
        if (!catalog.modelNames().contains(id) && !catalog.isKnown(id)) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "The model '" + id + "' does not exist.", "model",
                    "model_not_found");
        }
        return WireJson.render(g -> writeModel(g, id));
    }

    @GET
    @Path("models/{id: .+}")
    public String getUnversioned(@PathParam("id") String id) {
        return get(id);
    }

    private void writeModel(com.fasterxml.jackson.core.JsonGenerator g, String name) throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("id", name);
        g.writeStringField("object", "model");
        g.writeNumberField("created", created);
        g.writeStringField("owned_by", "switchboard");
        g.writeEndObject();
    }
}
