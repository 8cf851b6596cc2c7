package io.switchboard.admin;

import io.switchboard.api.ApiKeyFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** LiteLLM's {@code /organization/*} routes; authentication is {@link ApiKeyFilter}'s, authorization the service's. */
@Path("/organization")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
public class OrganizationResource extends AdminResource {
    @Inject
    OrganizationService organizations;

    @Inject
    OrganizationMemberService members;

    @POST
    @Path("new")
    public Response create(String body) {
        return ok(organizations.create(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("update")
    public Response update(String body) {
        return ok(organizations.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("delete")
    public Response delete(String body) {
        return ok(organizations.delete(caller(),
                AdminJson.requiredTextList(AdminJson.parse(body), "organization_ids")));
    }

    @GET
    @Path("info")
    public Response info(@QueryParam("organization_id") String organizationId) {
        return ok(organizations.info(caller(), organizationId));
    }

    @GET
    @Path("list")
    public Response list() {
        return ok(organizations.list(caller()));
    }

    @POST
    @Path("member_add")
    public Response addMember(String body) {
        return ok(members.add(caller(), AdminJson.parse(body)));
    }

    /** LiteLLM serves this as PATCH; clients written for POST-only admin APIs POST it. */
    @PATCH
    @Path("member_update")
    public Response updateMember(String body) {
        return ok(members.update(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("member_update")
    public Response updateMemberByPost(String body) {
        return updateMember(body);
    }

    /** LiteLLM serves this as DELETE with a JSON body; clients written for POST-only admin APIs POST it. */
    @DELETE
    @Path("member_delete")
    public Response deleteMember(String body) {
        return ok(members.delete(caller(), AdminJson.parse(body)));
    }

    @POST
    @Path("member_delete")
    public Response deleteMemberByPost(String body) {
        return deleteMember(body);
    }
}
