package io.switchboard.admin;

import io.switchboard.access.Caller;

/**
 * The proxy-wide roles that gate the admin routes without an owner of their own (customers, budgets,
 * spend reports): {@code proxy_admin} (and the master key) changes, {@code proxy_admin_viewer} reads.
 * Checked by the services, on every call, so no route can forget it.
 */
public final class AdminRoles {
    private AdminRoles() {
    }

    public static void requireProxyAdmin(Caller caller) {
        if (caller == null || !caller.proxyAdmin()) {
            throw AdminErrors.denied("Only a proxy admin may make this change.");
        }
    }

    public static void requireProxyReader(Caller caller) {
        if (caller == null || !caller.proxyReader()) {
            throw AdminErrors.denied("Only a proxy admin or proxy admin viewer may read this.");
        }
    }
}
