package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.access.Caller;
import io.switchboard.config.ActiveConfig;
import io.switchboard.modeladmin.RuntimeModels;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * LiteLLM's run-time model management, master key only: {@code POST /model/new} (a model_list entry
 * as JSON), {@code /model/update} (the fields to change, with {@code model_info.id}) and
 * {@code /model/delete} ({@code {"id": ...}}). Answers never echo credentials.
 */
// Rooted at "/" like ModelInfoResource: a root of "/model" would claim /model/info and answer it 404.
@Path("/")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelAdminResource {
    @Inject
    RuntimeModels models;

    @Inject
    ActiveConfig config;

    @POST
    @Path("model/new")
    public String add(InputStream body, @HeaderParam("Content-Type") String contentType,
                      @HeaderParam("Content-Length") String contentLength, @Context HttpServletRequest http) {
        JsonNode entry = adminBody(body, contentType, contentLength, http);
        String id = models.add(entry, actor(http));
        return answer(id, entry.path("model_name").asText(null), "added");
    }

    @POST
    @Path("model/update")
    public String update(InputStream body, @HeaderParam("Content-Type") String contentType,
                         @HeaderParam("Content-Length") String contentLength, @Context HttpServletRequest http) {
        JsonNode patch = adminBody(body, contentType, contentLength, http);
        models.update(patch, actor(http));
        return answer(patch.path("model_info").path("id").asText(), null, "updated");
    }

    @POST
    @Path("model/delete")
    public String delete(InputStream body, @HeaderParam("Content-Type") String contentType,
                         @HeaderParam("Content-Length") String contentLength, @Context HttpServletRequest http) {
        String id = adminBody(body, contentType, contentLength, http).path("id").asText("");
        models.delete(id);
        return answer(id, null, "deleted");
    }

    private JsonNode adminBody(InputStream body, String contentType, String contentLength, HttpServletRequest http) {
        AdminAccess.require((Caller) http.getAttribute(ApiKeyFilter.CALLER));
        return JsonBody.read(body, contentType, contentLength, config.maxRequestBodyBytes());
    }

    private static String actor(HttpServletRequest http) {
        Caller caller = (Caller) http.getAttribute(ApiKeyFilter.CALLER);
        return caller == null ? null : caller.label();
    }

    private static String answer(String id, String modelName, String what) {
        return io.switchboard.chat.WireJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("model_id", id);
            if (modelName != null) {
                g.writeStringField("model_name", modelName);
            }
            g.writeStringField("message", "Model " + what + ".");
            g.writeEndObject();
        });
    }
}
