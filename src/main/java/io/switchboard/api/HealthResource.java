package io.switchboard.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.governance.DatabaseStatus;
import io.switchboard.probe.DeploymentProbe;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Health probes, public (no key). Two vocabularies on one path prefix:
 * <ul>
 *   <li>MicroProfile Health 4.0's protocol ({@code /health}, {@code /health/live}, {@code /health/ready},
 *       {@code /health/started}) over the {@code @Liveness}/{@code @Readiness}/{@code @Startup} check beans;</li>
 *   <li>LiteLLM's probes ({@code /health/liveliness}, {@code /health/liveness}, {@code /health/readiness}),
 *       which existing LiteLLM deployments and Helm charts point at.</li>
 * </ul>
 * Served here rather than by Liberty's mpHealth feature, which claims all of {@code /health}.
 */
@Path("/health")
@PublicEndpoint
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
    @Inject
    @Liveness
    Instance<HealthCheck> liveness;

    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    @Inject
    @Startup
    Instance<HealthCheck> startup;

    @Inject
    ApiKeyAuthenticator authenticator;

    @Inject
    DeploymentProbe probe;

    @Inject
    DatabaseStatus database;

    /**
     * Without credentials: MicroProfile Health's aggregate, cheap enough for any probe. With an admin
     * key: LiteLLM's {@code /health}, a live call to every deployment (it spends provider tokens, which
     * is why anonymous callers never trigger it).
     */
    @GET
    public Response all(@Context HttpHeaders headers) {
        String key = ApiKeyFilter.presentedKey(headers::getHeaderString);
        if (key != null) {
            AdminAccess.require(authenticator.authenticate(key));
            return Response.ok(ProbeJson.render(probe.checkAll())).build();
        }
        List<HealthCheck> checks = new ArrayList<>();
        liveness.forEach(checks::add);
        readiness.forEach(checks::add);
        startup.forEach(checks::add);
        return report(checks);
    }

    @GET
    @Path("live")
    public Response live() {
        return report(liveness);
    }

    @GET
    @Path("ready")
    public Response ready() {
        return report(readiness);
    }

    @GET
    @Path("started")
    public Response started() {
        return report(startup);
    }

    @GET
    @Path("liveliness")
    public String liveliness() {
        return "\"I'm alive!\"";
    }

    @GET
    @Path("liveness")
    public String livenessAlias() {
        return liveliness();
    }

    /**
     * LiteLLM's shape, with the database's real state. An unreachable database does not make the
     * instance unready: calls that need no budget go on being served and their spend waits in the
     * outbox, while taking every instance out of rotation at once would turn a database outage into
     * a gateway outage.
     */
    @GET
    @Path("readiness")
    public Response litellmReadiness() {
        boolean up = isUp(readiness);
        String db = database.connected() ? "connected" : "disconnected";
        String body = "{\"status\":\"" + (up ? "healthy" : "unhealthy") + "\",\"db\":\"" + db + "\",\"cache\":null}";
        return Response.status(up ? 200 : 503).entity(body).build();
    }

    private static boolean isUp(Iterable<HealthCheck> checks) {
        for (HealthCheck check : checks) {
            if (check.call().getStatus() != HealthCheckResponse.Status.UP) {
                return false;
            }
        }
        return true;
    }

    private static Response report(Iterable<HealthCheck> checks) {
        List<HealthCheckResponse> results = new ArrayList<>();
        checks.forEach(check -> results.add(call(check)));
        boolean up = results.stream().allMatch(r -> r.getStatus() == HealthCheckResponse.Status.UP);
        return Response.status(up ? 200 : 503).entity(HealthJson.render(up, results)).build();
    }

    /** A check that throws is DOWN, as the specification requires, and says nothing of why to the caller. */
    private static HealthCheckResponse call(HealthCheck check) {
        try {
            return check.call();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(check.getClass().getSimpleName()).down().build();
        }
    }
}
