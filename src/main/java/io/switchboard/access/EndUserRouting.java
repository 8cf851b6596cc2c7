package io.switchboard.access;

import jakarta.enterprise.context.RequestScoped;

/**
 * The calling end user's routing constraints for the request being served: admission finds the end
 * user (from the body's {@code user} or LiteLLM's end-user headers) and records its standing here, and
 * the gateways read it when they hand the call to the router. One request, one end user, so the
 * request scope is the right lifetime; nothing is recorded for calls that name no end user.
 */
@RequestScoped
public class EndUserRouting {
    private String modelRegion;
    private String defaultModel;

    public void record(EndUserStanding standing) {
        modelRegion = standing == null ? null : standing.modelRegion();
        defaultModel = standing == null ? null : standing.defaultModel();
    }

    /** @return {@code eu} or {@code us}, or null when any region may serve the call */
    public String modelRegion() {
        return modelRegion;
    }

    /** @return the model group that serves the call when its own has no deployment in the region, or null */
    public String defaultModel() {
        return defaultModel;
    }
}
