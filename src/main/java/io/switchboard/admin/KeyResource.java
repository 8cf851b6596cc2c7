package io.switchboard.admin;

import io.switchboard.api.ApiKeyFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LiteLLM's {@code /key/*} routes; authentication is {@link ApiKeyFilter}'s, authorization the service's. */
@Path("/key")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class KeyResource extends AdminResource {
    @Inject
    KeyService keys;

    @POST
    @Path("generate")
    public Response generate(String body) {
        return ok(keys.generate(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("update")
    public Response update(String body) {
        return ok(keys.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("regenerate")
    public Response regenerate(String body) {
        return ok(keys.regenerate(caller(), AdminJson.requiredText(AdminJson.parse(body), "key")));
    }

    @POST
    @Path("{key}/regenerate")
    public Response regenerate(@PathParam("key") String key, String body) {
        return ok(keys.regenerate(caller(), key));
    }

    @POST
    @Path("delete")
    public Response delete(String body) {
        return ok(keys.delete(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "keys")));
    }

    @POST
    @Path("block")
    public Response block(String body) {
        return ok(keys.setBlocked(caller(), AdminJson.requiredText(AdminJson.parse(body), "key"), true));
    }

    @POST
    @Path("unblock")
    public Response unblock(String body) {
        return ok(keys.setBlocked(caller(), AdminJson.requiredText(AdminJson.parse(body), "key"), false));
    }

    @GET
    @Path("info")
    public Response info(@QueryParam("key") String key) {
        return ok(keys.info(caller(), key));
    }

    @GET
    @Path("list")
    public Response list(@QueryParam("team_id") String teamId, @QueryParam("user_id") String userId) {
        return ok(keys.list(caller(), teamId, userId));
    }
}
