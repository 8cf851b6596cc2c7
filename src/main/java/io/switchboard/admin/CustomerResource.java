package io.switchboard.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * LiteLLM's {@code /customer/*} routes (end users); authentication is {@link ApiKeyFilter}'s,
 * authorization the service's. {@code /customer/info} takes LiteLLM's {@code ?end_user_id=}.
 */
@Path("/customer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class CustomerResource extends AdminResource {
    @Inject
    CustomerService customers;


    @POST
    @Path("new")
    public Response create(String body) {
        return ok(customers.create(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("update")
    public Response update(String body) {
        return ok(customers.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("delete")
    public Response delete(String body) {
        return ok(customers.delete(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "user_ids")));
    }

    @POST
    @Path("block")
    public Response block(String body) {
        return ok(customers.setBlocked(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "user_ids"),
                true));
    }

    @POST
    @Path("unblock")
    public Response unblock(String body) {
        return ok(customers.setBlocked(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "user_ids"),
                false));
    }

    @GET
    @Path("info")
    public Response info(@QueryParam("end_user_id") String id) {
        var query = AdminJson.MAPPER.createObjectNode().put("end_user_id", id);
        return ok(customers.info(caller(), AdminJson.requiredText(query, "end_user_id")));
    }

    @GET
    @Path("list")
    public Response list() {
        return ok(customers.list(caller()));
    }

}
