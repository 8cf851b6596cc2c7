package io.switchboard.api;

import io.switchboard.config.ActiveConfig;
import io.switchboard.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/** The gateway's own health checks: serving at all (live), configured and able to route (ready, started). */
@ApplicationScoped
public class GatewayHealthChecks {
    @Inject
    ActiveConfig config;

    @Inject
    ModelCatalog catalog;

    @Produces
    @Liveness
    HealthCheck serving() {
        return () -> HealthCheckResponse.up("switchboard");
    }

    @Produces
    @Readiness
    HealthCheck configured() {
        return this::configuration;
    }

    @Produces
    @Startup
    HealthCheck started() {
        return this::configuration;
    }

    private HealthCheckResponse configuration() {
        return HealthCheckResponse.named("configuration")
                .status(config.config() != null)
                .withData("source", config.source())
                .withData("models", catalog.modelNames().size())
                .build();
    }
}
