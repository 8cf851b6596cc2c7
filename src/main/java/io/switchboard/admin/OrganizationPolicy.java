package io.switchboard.admin;

import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.UserAccount;

/**
 * Who may do what with an organization. Proxy admins (and the master key) manage every organization;
 * proxy admin viewers read them all; a member reads its own, and so does a key that belongs to it. An
 * {@code org_admin} manages its organization's members and creates teams in it, and nothing more: it
 * cannot grant a proxy-wide role, cannot touch a member who holds one (that user's rights exceed the
 * organization's), and sees other organizations as missing (404, never 403, so ids cannot be probed).
 * Each check takes the caller's own membership of the organization, loaded by the service.
 */
final class OrganizationPolicy {
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
