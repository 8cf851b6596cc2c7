package io.switchboard.spendreport;

import io.switchboard.admin.AdminJson;
import io.switchboard.admin.AdminResource;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LiteLLM's {@code /spend/logs}, {@code /global/spend/report} and {@code /spend/calculate}; authorization is the service's. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class SpendReportResource extends AdminResource {
    @Inject
    SpendReportService reports;


    @GET
    @Path("spend/logs")
    public Response logs(@QueryParam("api_key") String apiKey, @QueryParam("user_id") String userId,
            @QueryParam("team_id") String teamId, @QueryParam("request_id") String requestId,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate) {
        return ok(reports.logs(caller(), apiKey, userId, teamId, requestId, startDate, endDate));
    }

    @GET
    @Path("global/spend/report")
    public Response report(@QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("group_by") String groupBy) {
        return ok(reports.report(caller(), startDate, endDate, groupBy));
    }

    @POST
    @Path("spend/calculate")
    public Response calculate(String body) {
        return ok(reports.calculate(caller(), AdminJson.parse(body)));
    }

}
