package io.switchboard.cache;

import io.switchboard.access.Caller;

/**
 * Whose answers a request may see: the tenant (today the caller's identity; a team once virtual keys
 * carry one) and the namespaces. Every key is derived from the whole scope, so two tenants can only
 * share an answer when the operator turned {@code share_across_tenants} on.
 *
 * @param tenant    the tenant part: {@code shared} only when sharing is configured
 * @param namespace the configured namespace, then the request's own {@code cache.namespace}, if any
 */
public record CacheScope(String tenant, String namespace) {

    static CacheScope of(Caller caller, CacheSettings settings, CacheControls controls) {
        String tenant = settings.shareAcrossTenants() ? "shared" : tenantOf(caller);
        String namespace = controls.namespace() == null ? settings.namespace()
                : settings.namespace() + "/" + controls.namespace();
        return new CacheScope(tenant, namespace);
    }

    /**
     * The tenant of a caller. The one place that decides it: when {@link Caller} carries a team, the
     * team id goes here (then the key, then the user), so members of one team share answers and other
     * teams never see them.
     */
    static String tenantOf(Caller caller) {
        if (caller == null) {
            return "anonymous";
        }
        return "caller:" + caller.kind().name() + ":" + caller.label();
    }
}
