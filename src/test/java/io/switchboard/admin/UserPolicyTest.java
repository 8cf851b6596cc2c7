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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserPolicyTest {
    final Caller internal = caller(UserRole.INTERNAL_USER, "u1", null, List.of(), List.of(), null, List.of());
    final Caller internalViewer = caller(UserRole.INTERNAL_USER_VIEWER, "iv", null, List.of(), List.of(), null, List.of());
    final Caller viewer = caller(UserRole.PROXY_ADMIN_VIEWER, "v", null, List.of(), List.of(), null, List.of());
    final Caller admin = caller(UserRole.PROXY_ADMIN, "a", null, List.of(), List.of(), null, List.of());
    final Caller plainKey = caller(null, null, null, List.of(), List.of(), null, List.of());

    @Test
    void everyoneReadsItselfProxyReadersReadAll() {
        assertTrue(UserPolicy.mayRead(internal, "u1", false));
        assertFalse(UserPolicy.mayRead(internal, "u2", false));
        assertTrue(UserPolicy.mayRead(internal, "u2", true), "a team admin reads its members");
        assertTrue(UserPolicy.mayRead(viewer, "u2", false));
        assertFalse(UserPolicy.mayRead(plainKey, "u1", false));
    }

    @Test
    void onlyProxyAdminsCreateAndDelete() {
        for (Caller c : List.of(internal, viewer, plainKey)) {
            assertDenied(() -> UserPolicy.requireCreate(c));
            assertDenied(() -> UserPolicy.requireDelete(c));
        }
        UserPolicy.requireCreate(admin);
        UserPolicy.requireDelete(Caller.MASTER);
    }

    @Test
    void nobodyRaisesItsOwnRoleOrLimits() {
        UserPolicy.requireUpdate(internal, "u1", Set.of("user_email", "user_alias", "metadata"));
        for (String field : List.of("user_role", "models", "max_budget", "rpm_limit", "budget_duration")) {
            assertDenied(() -> UserPolicy.requireUpdate(internal, "u1", Set.of(field)));
        }
        assertDenied(() -> UserPolicy.requireUpdate(internal, "u2", Set.of("user_email")));
        assertDenied(() -> UserPolicy.requireUpdate(internalViewer, "iv", Set.of("user_email")));
        assertDenied(() -> UserPolicy.requireUpdate(viewer, "v", Set.of("user_role")));
        UserPolicy.requireUpdate(admin, "u2", Set.of("user_role", "max_budget"));
    }

    @Test
    void unknownRolesAreBadInputNamingTheField() {
        assertEquals("proxy_admin", UserPolicy.validRole("proxy_admin"));
        GatewayException e = assertThrows(GatewayException.class, () -> UserPolicy.validRole("team"));
        assertEquals(400, e.kind().status());
        assertEquals("user_role", e.param());
    }
}
