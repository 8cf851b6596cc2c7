package io.switchboard.admin;

import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import java.util.Set;

/**
 * Who may do what with users. Creating, deleting and changing users (roles, models, budgets, limits)
 * is a proxy admin's job; {@code proxy_admin_viewer} reads every user; anyone reads itself and a team
 * admin reads the members of its teams. An {@code internal_user} may change only its own email, alias
 * and metadata, so nobody can raise its own role, models or budget through {@code /user/update}.
 */
final class UserPolicy {
    static final Set<String> SELF_EDITABLE = Set.of("user_email", "user_alias", "metadata");

    private UserPolicy() {
    }

    /** @param memberOfAdminedTeam whether the user is a member of a team the caller is admin of */
    static boolean mayRead(Caller caller, String userId, boolean memberOfAdminedTeam) {
        return caller.proxyReader() || self(caller, userId) || memberOfAdminedTeam;
    }

    static void requireCreate(Caller caller) {
        if (!caller.proxyAdmin()) {
            throw AdminErrors.denied("Only a proxy admin may create users.");
        }
    }

    static void requireDelete(Caller caller) {
        if (!caller.proxyAdmin()) {
            throw AdminErrors.denied("Only a proxy admin may delete users.");
        }
    }

    /** @param fields the fields the request names */
    static void requireUpdate(Caller caller, String userId, Set<String> fields) {
        if (caller.proxyAdmin()) {
            return;
        }
        if (!self(caller, userId) || caller.key().userRole() != UserRole.INTERNAL_USER) {
            throw AdminErrors.denied("Only a proxy admin may change this user.");
        }
        for (String field : fields) {
            if (!SELF_EDITABLE.contains(field)) {
                throw AdminErrors.denied("You may not change your own " + field + "; ask a proxy admin.");
            }
        }
    }

    static boolean self(Caller caller, String userId) {
        return caller.key() != null && userId != null && userId.equals(caller.key().userId());
    }

    /** The role named in a request; LiteLLM's other roles (team, customer) have no row here. */
    static String validRole(String text) {
        if (UserRole.of(text) == null) {
            throw AdminErrors.invalid("user_role", "user_role must be one of proxy_admin, proxy_admin_viewer,"
                    + " internal_user, internal_user_viewer.");
        }
        return text;
    }
}
