package io.switchboard.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.UserAccount;
import java.util.Set;

/**
 * Who may do what with an organization. Proxy admins (and the master key) manage every organization;
 * proxy admin viewers read them all; a member reads its own, and so does a key that belongs to it. An
 * {@code org_admin} manages its organization's members, creates teams in it and renames it, and nothing more: it
 * cannot grant a proxy-wide role, cannot touch a member who holds one (that user's rights exceed the
 * organization's), and sees other organizations as missing (404, never 403, so ids cannot be probed).
 * Each check takes the caller's own membership of the organization, loaded by the service.
 */
final class OrganizationPolicy {
    /** What an org_admin may change on its own organization: nothing that bounds spend or models. */
    static final Set<String> ORG_ADMIN_FIELDS = Set.of("organization_id", "organization_alias", "metadata");

    private OrganizationPolicy() {
    }

    /** @param mine the caller's membership of the organization, or null */
    static boolean mayRead(Caller caller, String organizationId, OrganizationMembership mine) {
        return caller.proxyReader() || mine != null
                || (caller.key() != null && organizationId.equals(caller.key().organizationId()));
    }

    static boolean isOrgAdmin(Caller caller, OrganizationMembership mine) {
        return caller.proxyAdmin() || (mine != null && OrganizationMembership.ORG_ADMIN.equals(mine.userRole));
    }

    static void requireManageMembers(Caller caller, OrganizationMembership mine) {
        if (!isOrgAdmin(caller, mine)) {
            throw AdminErrors.denied("Only a proxy admin or an org_admin of this organization may change its members.");
        }
    }

    /**
     * An organization's own update. A proxy admin changes anything; an org_admin, as newer LiteLLM allows,
     * changes its organization's name and metadata only: its budgets, limits and models bound everything
     * under it, so raising them would be granting itself more than it was given (403 naming the field).
     */
    static void requireUpdate(Caller caller, OrganizationMembership mine, ObjectNode body) {
        if (caller.proxyAdmin()) {
            return;
        }
        if (!isOrgAdmin(caller, mine)) {
            throw AdminErrors.denied("Only a proxy admin or an org_admin of this organization may change it.");
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!ORG_ADMIN_FIELDS.contains(field)) {
                throw AdminErrors.denied("An org_admin may change its organization's organization_alias and metadata;"
                        + " '" + field + "' is for a proxy admin.");
            }
        });
    }

    static void requireCreateTeam(Caller caller, OrganizationMembership mine) {
        if (!isOrgAdmin(caller, mine)) {
            throw AdminErrors.denied("Only a proxy admin or an org_admin of this organization may create teams in it.");
        }
    }

    /**
     * The role an organization membership may be given. A proxy-wide role named here is an attempt to
     * grant it through the organization: refused as such (403) to everyone but a proxy admin, who is
     * told where proxy roles are set (400).
     */
    static void requireGrantable(Caller caller, String role, String field) {
        if (OrganizationMembership.ROLES.contains(role)) {
            return;
        }
        if (!caller.proxyAdmin()) {
            throw AdminErrors.denied("Only a proxy admin may grant " + role + ".");
        }
        throw AdminErrors.invalid(field, "An organization role is one of " + OrganizationMembership.ROLES.stream()
                .sorted().toList() + "; proxy roles are set with /user/update.");
    }

    /** A user with a proxy-wide role is beyond an org_admin's reach, in any organization. */
    static void requireMayChange(Caller caller, UserAccount target) {
        UserRole role = UserRole.of(target.userRole);
        if (!caller.proxyAdmin() && (role == UserRole.PROXY_ADMIN || role == UserRole.PROXY_ADMIN_VIEWER)) {
            throw AdminErrors.denied("Only a proxy admin may change the organization membership of a proxy admin.");
        }
    }
}
