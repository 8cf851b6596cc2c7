package io.switchboard.admin;

import io.switchboard.api.ApiKeyFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LiteLLM's {@code /team/*} routes; authentication is {@link ApiKeyFilter}'s, authorization the services'. */
@Path("/team")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class TeamResource extends AdminResource {
    @Inject
    TeamService teams;

    @Inject
    TeamMemberService members;

    @POST
    @Path("new")
    public Response create(String body) {
        return ok(teams.create(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("update")
    public Response update(String body) {
        return ok(teams.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("delete")
    public Response delete(String body) {
        return ok(teams.delete(caller(), AdminJson.requiredTextList(AdminJson.parse(body), "team_ids")));
    }

    @GET
    @Path("info")
    public Response info(@QueryParam("team_id") String teamId) {
        return ok(teams.info(caller(), teamId));
    }

    @GET
    @Path("list")
    public Response list(@QueryParam("user_id") String userId) {
        return ok(teams.list(caller(), userId));
    }

    @POST
    @Path("member_add")
    public Response addMember(String body) {
        return ok(members.add(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("member_update")
    public Response updateMember(String body) {
        return ok(members.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("member_delete")
    public Response deleteMember(String body) {
        return ok(members.delete(caller(), AdminJson.parse(body)));
    }
}
