package io.switchboard.admin;

import static io.switchboard.admin.KeyPolicyTest.assertDenied;
import static io.switchboard.admin.KeyPolicyTest.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import io.switchboard.governance.OrganizationMembership;
import io.switchboard.governance.UserAccount;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrganizationPolicyTest {
    final Caller orgAdmin = caller(UserRole.INTERNAL_USER, "oa", null, List.of(), List.of(), null, List.of());
    final Caller viewer = caller(UserRole.PROXY_ADMIN_VIEWER, "v", null, List.of(), List.of(), null, List.of());
    final Caller admin = caller(UserRole.PROXY_ADMIN, "a", null, List.of(), List.of(), null, List.of());
    final OrganizationMembership adminOfA = membership("A", "oa", OrganizationMembership.ORG_ADMIN);
    final OrganizationMembership memberOfA = membership("A", "oa", "internal_user");

    static OrganizationMembership membership(String org, String user, String role) {
        OrganizationMembership m = new OrganizationMembership();
        m.organizationId = org;
        m.userId = user;
        m.userRole = role;
        return m;
    }

    static UserAccount user(UserRole role) {
        UserAccount u = new UserAccount();
        u.userId = "target";
        u.userRole = role.wire();
        return u;
    }

    @Test
    void membersAndProxyReadersReadAnOrganizationOthersDoNot() {
        assertTrue(OrganizationPolicy.mayRead(orgAdmin, "A", memberOfA));
        assertFalse(OrganizationPolicy.mayRead(orgAdmin, "B", null), "another organization reads as missing");
        assertTrue(OrganizationPolicy.mayRead(viewer, "B", null));
        assertTrue(OrganizationPolicy.mayRead(Caller.MASTER, "B", null));
    }

    @Test
    void onlyOrgAdminsAndProxyAdminsManageMembersAndCreateTeams() {
        OrganizationPolicy.requireManageMembers(orgAdmin, adminOfA);
        OrganizationPolicy.requireCreateTeam(orgAdmin, adminOfA);
        OrganizationPolicy.requireManageMembers(admin, null);
        OrganizationPolicy.requireManageMembers(Caller.MASTER, null);
        assertDenied(() -> OrganizationPolicy.requireManageMembers(orgAdmin, memberOfA));
        assertDenied(() -> OrganizationPolicy.requireCreateTeam(orgAdmin, memberOfA));
        assertDenied(() -> OrganizationPolicy.requireManageMembers(viewer, null));
    }

    @Test
    void aProxyRoleIsNeverGrantedThroughAnOrganization() {
        for (String role : OrganizationMembership.ROLES) {
            OrganizationPolicy.requireGrantable(orgAdmin, role, "member");
        }
        assertDenied(() -> OrganizationPolicy.requireGrantable(orgAdmin, "proxy_admin", "member"));
        assertDenied(() -> OrganizationPolicy.requireGrantable(orgAdmin, "proxy_admin_viewer", "member"));
        GatewayException e = assertThrows(GatewayException.class,
                () -> OrganizationPolicy.requireGrantable(admin, "proxy_admin", "role"));
        assertEquals(400, e.kind().status(), "a proxy admin is told where proxy roles are set");
        assertEquals("role", e.param());
    }

    @Test
    void aProxyRoleUserIsBeyondAnOrgAdmin() {
        assertDenied(() -> OrganizationPolicy.requireMayChange(orgAdmin, user(UserRole.PROXY_ADMIN)));
        assertDenied(() -> OrganizationPolicy.requireMayChange(orgAdmin, user(UserRole.PROXY_ADMIN_VIEWER)));
        OrganizationPolicy.requireMayChange(orgAdmin, user(UserRole.INTERNAL_USER));
        OrganizationPolicy.requireMayChange(admin, user(UserRole.PROXY_ADMIN));
    }
}
