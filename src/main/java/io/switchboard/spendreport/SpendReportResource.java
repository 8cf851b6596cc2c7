package io.switchboard.spendreport;

import io.switchboard.access.Caller;
import io.switchboard.admin.AdminJson;
import io.switchboard.api.ApiKeyFilter;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LiteLLM's {@code /spend/logs}, {@code /global/spend/report} and {@code /spend/calculate}; authorization is the service's. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class SpendReportResource {
    @Inject
    SpendReportService reports;

    @Context
    HttpServletRequest request;

    @GET
    @Path("spend/logs")
    public Response logs(@QueryParam("api_key") String apiKey, @QueryParam("user_id") String userId,
            @QueryParam("team_id") String teamId, @QueryParam("request_id") String requestId,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate) {
        return AdminJson.ok(reports.logs(caller(), apiKey, userId, teamId, requestId, startDate, endDate));
    }

    @GET
    @Path("global/spend/report")
    public Response report(@QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("group_by") String groupBy) {
        return AdminJson.ok(reports.report(caller(), startDate, endDate, groupBy));
    }

    @POST
    @Path("spend/calculate")
    public Response calculate(String body) {
        return AdminJson.ok(reports.calculate(caller(), AdminJson.parse(body)));
    }

    private Caller caller() {
        return (Caller) request.getAttribute(ApiKeyFilter.CALLER);
    }
}
