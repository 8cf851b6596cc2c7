package io.switchboard.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * LiteLLM's {@code /budget/*} routes; authentication is {@link ApiKeyFilter}'s, authorization the
 * service's. {@code /budget/info} is LiteLLM's POST with {@code {"budgets": [...]}}, and also a GET with
 * {@code ?budget_id=} for clients that read with GET.
 */
@Path("/budget")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class BudgetResource extends AdminResource {
    @Inject
    BudgetService budgets;


    @POST
    @Path("new")
    public Response create(String body) {
        return ok(budgets.create(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("update")
    public Response update(String body) {
        return ok(budgets.update(caller(), AdminJson.parse(body)));
    }

    /** LiteLLM names the budget {@code id} here; {@code budget_id} is taken too. */
    @POST
    @Path("delete")
    public Response delete(String body) {
        ObjectNode parsed = AdminJson.parse(body);
        String id = AdminJson.requiredText(parsed, parsed.has("budget_id") ? "budget_id" : "id");
        return ok(budgets.delete(caller(), id));
    }

    @POST
    @Path("info")
    public Response info(String body) {
        return ok(budgets.info(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "budgets")));
    }

    @GET
    @Path("info")
    public Response infoByQuery(@QueryParam("budget_id") String id) {
        ObjectNode query = AdminJson.MAPPER.createObjectNode().put("budget_id", id);
        return ok(budgets.info(caller(), List.of(AdminJson.requiredText(query, "budget_id"))));
    }

    @GET
    @Path("list")
    public Response list() {
        return ok(budgets.list(caller()));
    }

}
