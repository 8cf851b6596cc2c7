package io.switchboard.api;

import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.config.ActiveConfig;
import io.switchboard.telemetry.GatewayMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics}: Prometheus' text format. Public by default, as LiteLLM's is (scrapers rarely
 * carry keys, and no label holds a secret, a prompt or a user id); with
 * {@code litellm_settings.require_auth_for_metrics_endpoint: true}, LiteLLM's switch, it needs a key.
 */
@Path("/metrics")
@PublicEndpoint
@ApplicationScoped
public class MetricsResource {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    GatewayMetrics metrics;

    @Inject
    ActiveConfig config;

    @Inject
    ApiKeyAuthenticator authenticator;

    @GET
    public Response scrape(@Context ContainerRequestContext request) {
        if (config.config().litellmSettings().raw().path("require_auth_for_metrics_endpoint").asBoolean(false)) {
            authenticator.authenticate(ApiKeyFilter.presentedKey(request::getHeaderString));
        }
        return Response.ok(metrics.scrape(), CONTENT_TYPE).build();
    }
}
