package io.switchboard.admin;

import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import io.switchboard.access.ModelAccess;
import io.switchboard.access.UserRole;
import io.switchboard.governance.VirtualKey;
import java.util.List;
import java.util.Objects;

/**
 * Who may do what with virtual keys. The master key and {@code proxy_admin} users may do anything;
 * {@code proxy_admin_viewer} reads everything and changes nothing; a team admin manages the keys of
 * its teams; an {@code internal_user} manages its own keys; viewers and plain keys read only
 * themselves. Whoever is not a proxy admin grants at most what its own key holds: models, budget,
 * limits and routes, and never the admin routes.
 */
final class KeyPolicy {
    static final List<String> ADMIN_ROUTE_PREFIXES = List.of("/key", "/team", "/user", "/organization",
            "/customer", "/budget", "/spend", "/global", "/model", "/credentials");

    private KeyPolicy() {
    }

    static boolean mayRead(Caller caller, VirtualKey target) {
        if (caller.proxyReader()) {
            return true;
        }
        KeyIdentity me = caller.key();
        return me.teamAdminOf(target.teamId) || Objects.equals(me.tokenHash(), target.token)
                || (me.userId() != null && me.userId().equals(target.userId));
    }

    static void requireManage(Caller caller, VirtualKey target) {
        if (caller.proxyAdmin()) {
            return;
        }
        KeyIdentity me = caller.key();
        boolean own = me.userRole() == UserRole.INTERNAL_USER && me.userId() != null && me.userId().equals(target.userId);
        if (!me.teamAdminOf(target.teamId) && !own) {
            throw AdminErrors.denied("You may not change this key.");
        }
    }

    static void requireBlock(Caller caller, VirtualKey target) {
        if (!caller.proxyAdmin() && !caller.key().teamAdminOf(target.teamId)) {
            throw AdminErrors.denied("Only a proxy admin or the key's team admin may block or unblock it.");
        }
    }

    /** Whether the caller may create keys at all, and for whom; fills defaults for a non-admin. */
    static void requireCreate(Caller caller, VirtualKey proposed) {
        if (caller.proxyAdmin()) {
            return;
        }
        KeyIdentity me = caller.key();
        if (me.teamAdminOf(proposed.teamId)) {
            return;
        }
        if (me.userRole() == UserRole.INTERNAL_USER) {
            if (proposed.userId == null) {
                proposed.userId = me.userId();
            }
            if (!me.userId().equals(proposed.userId)) {
                throw AdminErrors.denied("You may only create keys for yourself.");
            }
            if (proposed.teamId != null && !proposed.teamId.equals(me.teamId())) {
                throw AdminErrors.denied("You may only create keys in your own team.");
            }
            return;
        }
        throw AdminErrors.denied("You may not create keys.");
    }

    /** A non-admin's new or changed key must stay within what the caller's own key holds. */
    static void requireWithinGrant(Caller caller, VirtualKey proposed) {
        if (caller.proxyAdmin()) {
            return;
        }
        KeyIdentity me = caller.key();
        if (proposed.budgetId != null || proposed.organizationId != null
                && !proposed.organizationId.equals(me.organizationId())) {
            throw AdminErrors.denied("Only a proxy admin may attach a budget or another organization.");
        }
        proposed.models = grantedModels(me, proposed.models);
        Limits mine = me.keyLimits();
        proposed.maxBudget = atMost(mine.maxBudget(), proposed.maxBudget, "max_budget");
        proposed.softBudget = atMost(mine.softBudget(), proposed.softBudget, "soft_budget");
        proposed.tpmLimit = atMost(mine.tpmLimit(), proposed.tpmLimit, "tpm_limit");
        proposed.rpmLimit = atMost(mine.rpmLimit(), proposed.rpmLimit, "rpm_limit");
        proposed.maxParallelRequests = atMost(mine.maxParallelRequests(), proposed.maxParallelRequests,
                "max_parallel_requests");
        proposed.allowedRoutes = grantedRoutes(me.allowedRoutes(), proposed.allowedRoutes);
        proposed.guardrails = keptGuardrails(me.guardrails(), proposed.guardrails);
        proposed.allowedCacheControls = grantedCacheControls(me.allowedCacheControls(), proposed.allowedCacheControls);
    }

    /** A key limited to some cache controls cannot make a key with more (empty would mean all of them). */
    private static List<String> grantedCacheControls(List<String> mine, List<String> requested) {
        if (mine.isEmpty()) {
            return requested;
        }
        if (requested == null || requested.isEmpty()) {
            return List.copyOf(mine);
        }
        if (!mine.containsAll(requested)) {
            throw AdminErrors.denied("You may not grant cache controls your key may not use.");
        }
        return requested;
    }

    /** A key's guardrails run on every call made with it: a key it makes (or changes) keeps them all. */
    private static List<String> keptGuardrails(List<String> mine, List<String> requested) {
        if (mine.isEmpty()) {
            return requested;
        }
        java.util.LinkedHashSet<String> kept = new java.util.LinkedHashSet<>(mine);
        if (requested != null) {
            kept.addAll(requested);
        }
        return List.copyOf(kept);
    }

    private static List<String> grantedModels(KeyIdentity me, List<String> requested) {
        List<String> own = me.models().isEmpty() || me.models().contains("all-team-models") ? me.teamModels() : me.models();
        if (requested == null || requested.isEmpty()) {
            return own.isEmpty() ? requested : List.copyOf(own);
        }
        for (String model : requested) {
            boolean wildcard = model.endsWith("*") || model.equals("all-proxy-models") || model.equals("all-team-models");
            boolean held = wildcard ? own.isEmpty() || own.contains(model) : ModelAccess.allowed(me, model);
            if (!held) {
                throw AdminErrors.denied("You may not grant model '" + model + "': your key does not hold it.");
            }
        }
        return requested;
    }

    private static <T extends Comparable<T>> T atMost(T mine, T requested, String field) {
        if (mine == null) {
            return requested;
        }
        if (requested == null) {
            return mine;
        }
        if (requested.compareTo(mine) > 0) {
            throw AdminErrors.denied("You may not grant a " + field + " above your own.");
        }
        return requested;
    }

    private static List<String> grantedRoutes(List<String> mine, List<String> requested) {
        if (!mine.isEmpty()) {
            if (requested == null || requested.isEmpty()) {
                return List.copyOf(mine);
            }
            if (!mine.containsAll(requested)) {
                throw AdminErrors.denied("You may not grant routes your key does not hold.");
            }
            return requested;
        }
        if (requested != null) {
            for (String route : requested) {
                if (route.equals("*") || route.equals("/*") || route.equals("admin_only_routes")
                        || ADMIN_ROUTE_PREFIXES.stream().anyMatch(route::startsWith)) {
                    throw AdminErrors.denied("Only a proxy admin may grant admin routes.");
                }
            }
        }
        return requested;
    }
}
