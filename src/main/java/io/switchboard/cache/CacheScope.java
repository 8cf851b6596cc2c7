package io.switchboard.cache;

import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;

/**
 * Whose answers a request may see: the tenant (a virtual key's team, else its user, else the key; the
 * master key is one tenant) and the namespaces. Every key is derived from the whole scope, so two tenants can only
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
     * The tenant of a caller, the one place that decides it: a virtual key's team (members of a team share
     * answers; other teams never see them), else its user, else the key itself, always by id. Never by
     * the caller's label: a key's display name is its last four characters and an alias is chosen by
     * people, so two keys could share either.
     */
    static String tenantOf(Caller caller) {
        if (caller == null) {
            return "anonymous";
        }
        KeyIdentity key = caller.key();
        if (key == null) {
            return "caller:" + caller.kind().name();
        }
        if (key.teamId() != null) {
            return "team:" + key.teamId();
        }
        if (key.userId() != null) {
            return "user:" + key.userId();
        }
        return "key:" + key.keyId();
    }
}
