package io.switchboard.admin;

import io.switchboard.api.ApiKeyFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LiteLLM's {@code /user/*} routes; authentication is {@link ApiKeyFilter}'s, authorization the service's. */
@Path("/user")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class UserResource extends AdminResource {
    @Inject
    UserService users;

    @POST
    @Path("new")
    public Response create(String body) {
        return ok(users.create(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("update")
    public Response update(String body) {
        return ok(users.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("delete")
    public Response delete(String body) {
        return ok(users.delete(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "user_ids")));
    }

    @GET
    @Path("info")
    public Response info(@QueryParam("user_id") String userId) {
        return ok(users.info(caller(), userId));
    }

    @GET
    @Path("list")
    public Response list(@QueryParam("role") String role, @QueryParam("page") @DefaultValue("1") String page,
            @QueryParam("page_size") @DefaultValue("25") String pageSize) {
        return ok(users.list(caller(), role, number(page, "page"), number(pageSize, "page_size")));
    }

    /** Parsed here, not by JAX-RS: a malformed number must be a 400 naming the parameter, not a bare 404. */
    private static int number(String text, String field) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw AdminErrors.invalid(field, field + " must be a whole number.");
        }
    }
}
