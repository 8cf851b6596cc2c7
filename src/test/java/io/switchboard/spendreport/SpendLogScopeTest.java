package io.switchboard.spendreport;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import io.switchboard.access.UserRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who reads which spend-log rows; the HTTP matrix is in SpendReportsIT, this pins the edge cases. */
class SpendLogScopeTest {

    @Test
    void proxyAdminsAndViewersReadEverything() {
        assertTrue(SpendLogScope.of(Caller.MASTER).everything());
        assertTrue(SpendLogScope.of(caller("u-v", UserRole.PROXY_ADMIN_VIEWER, List.of())).everything());
    }

    @Test
    void anInternalUserReadsItsOwnKeysOnly() {
        SpendLogScope scope = SpendLogScope.of(caller("u-int", UserRole.INTERNAL_USER, List.of()));
        assertEquals("u-int", scope.userId());
        assertDoesNotThrow(() -> scope.requireUser("u-int"));
        assertDoesNotThrow(() -> scope.requireKey("u-int", null));
        assertForbidden(() -> scope.requireUser("u-other"));
        assertForbidden(() -> scope.requireKey("u-other", null)); // a key without a team: no NPE, a 403
        assertForbidden(() -> scope.requireTeam("t1"));
    }

    @Test
    void aTeamAdminReadsItsTeams() {
        SpendLogScope scope = SpendLogScope.of(caller("u-ta", UserRole.INTERNAL_USER, List.of("t1")));
        assertDoesNotThrow(() -> scope.requireTeam("t1"));
        assertDoesNotThrow(() -> scope.requireKey("u-someone", "t1"));
        assertDoesNotThrow(() -> scope.requireUser("u-member"));
        assertForbidden(() -> scope.requireTeam("t2"));
        assertForbidden(() -> scope.requireKey("u-someone", "t2"));
    }

    @Test
    void keysWithoutAUserAndViewersWithoutRightsAreRefused() {
        assertForbidden(() -> SpendLogScope.of(caller(null, null, List.of())));
        assertForbidden(() -> SpendLogScope.of(caller("u-x", null, List.of())));
        assertForbidden(() -> SpendLogScope.of(null));
    }

    private static void assertForbidden(org.junit.jupiter.api.function.Executable check) {
        assertEquals(ErrorKind.PERMISSION, assertThrows(GatewayException.class, check).kind());
    }

    private static Caller caller(String userId, UserRole role, List<String> adminOf) {
        return Caller.of(new KeyIdentity("hash", "key-1", "sk-...abcd", "alias", null, userId, null, role, adminOf,
                List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), false, false, null,
                Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE));
    }
}
