package io.switchboard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import io.switchboard.access.UserRole;
import io.switchboard.governance.VirtualKey;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {
    static Caller caller(UserRole role, String user, String team, List<String> adminOf, List<String> models,
            BigDecimal budget, List<String> routes) {
        Limits limits = new Limits(budget, null, 1000L, 10L, 2, null, Map.of(), Map.of(), Map.of());
        return Caller.of(new KeyIdentity("hash-me", "key-me", "sk-...me", "me", team, user, null, role, adminOf,
                models, List.of(), List.of(), Map.of(), List.of(), routes, List.of(), false, false, null, limits,
                Limits.NONE, Limits.NONE, Limits.NONE));
    }

    static VirtualKey key(String team, String user) {
        VirtualKey k = new VirtualKey();
        k.teamId = team;
        k.userId = user;
        k.token = "other-hash";
        return k;
    }

    static void assertDenied(Runnable r) {
        GatewayException e = assertThrows(GatewayException.class, r::run);
        assertEquals(403, e.kind().status());
    }

    final Caller internal = caller(UserRole.INTERNAL_USER, "u1", null, List.of(), List.of("gpt-4o-mini"),
            new BigDecimal("1"), List.of());

    @Test
    void internalUserGrantsAtMostWhatItHolds() {
        VirtualKey k = key(null, null);
        KeyPolicy.requireCreate(internal, k);
        KeyPolicy.requireWithinGrant(internal, k);
        assertEquals("u1", k.userId);
        assertEquals(List.of("gpt-4o-mini"), k.models, "an empty list inherits the caller's, not 'everything'");
        assertEquals(0, new BigDecimal("1").compareTo(k.maxBudget), "no budget means the caller's budget");
        assertEquals(10L, k.rpmLimit);

        VirtualKey rich = key(null, null);
        rich.maxBudget = new BigDecimal("1.0000000001");
        assertDenied(() -> KeyPolicy.requireWithinGrant(internal, rich));
        VirtualKey star = key(null, null);
        star.models = List.of("*");
        assertDenied(() -> KeyPolicy.requireWithinGrant(internal, star));
        VirtualKey admin = key(null, null);
        admin.allowedRoutes = List.of("/team/new");
        assertDenied(() -> KeyPolicy.requireWithinGrant(internal, admin));
        assertDenied(() -> KeyPolicy.requireCreate(internal, key(null, "u2")));
    }

    @Test
    void aKeyMadeByAGuardedKeyKeepsItsGuardrails() {
        Caller guarded = Caller.of(new KeyIdentity("hash-me", "key-me", "sk-...me", "me", null, "u1", null,
                UserRole.INTERNAL_USER, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(),
                List.of("pii-mask"), false, false, null, Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE));
        VirtualKey none = key(null, null);
        KeyPolicy.requireWithinGrant(guarded, none);
        assertEquals(List.of("pii-mask"), none.guardrails, "a new key cannot shed the maker's guardrails");
        VirtualKey more = key(null, null);
        more.guardrails = List.of("secrets");
        KeyPolicy.requireWithinGrant(guarded, more);
        assertEquals(List.of("pii-mask", "secrets"), more.guardrails);
    }

    @Test
    void aKeyLimitedInCacheControlsCannotGrantMore() {
        Caller limited = Caller.of(new KeyIdentity("hash-me", "key-me", "sk-...me", "me", null, "u1", null,
                UserRole.INTERNAL_USER, List.of(), List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(),
                List.of(), false, false, null, Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE, List.of(),
                List.of("no-cache", "ttl"), null, null));
        VirtualKey none = key(null, null);
        KeyPolicy.requireWithinGrant(limited, none);
        assertEquals(List.of("no-cache", "ttl"), none.allowedCacheControls, "empty would have meant every control");
        VirtualKey narrower = key(null, null);
        narrower.allowedCacheControls = List.of("ttl");
        KeyPolicy.requireWithinGrant(limited, narrower);
        assertEquals(List.of("ttl"), narrower.allowedCacheControls);
        VirtualKey wider = key(null, null);
        wider.allowedCacheControls = List.of("ttl", "namespace");
        assertDenied(() -> KeyPolicy.requireWithinGrant(limited, wider));
    }

    @Test
    void teamAdminManagesOnlyItsTeams() {
        Caller teamAdmin = caller(UserRole.INTERNAL_USER, "ta", "t1", List.of("t1"), List.of(), null, List.of());
        KeyPolicy.requireManage(teamAdmin, key("t1", null));
        KeyPolicy.requireBlock(teamAdmin, key("t1", null));
        assertDenied(() -> KeyPolicy.requireManage(teamAdmin, key("t2", null)));
        assertDenied(() -> KeyPolicy.requireBlock(teamAdmin, key("t2", null)));
        assertFalse(KeyPolicy.mayRead(teamAdmin, key("t2", null)));
        assertTrue(KeyPolicy.mayRead(teamAdmin, key("t1", null)));
    }

    @Test
    void viewersReadButNeverWrite() {
        Caller viewer = caller(UserRole.PROXY_ADMIN_VIEWER, "v", null, List.of(), List.of(), null, List.of());
        assertTrue(KeyPolicy.mayRead(viewer, key("t2", "x")));
        assertDenied(() -> KeyPolicy.requireManage(viewer, key("t2", "x")));
        assertDenied(() -> KeyPolicy.requireCreate(viewer, key(null, null)));
        Caller userViewer = caller(UserRole.INTERNAL_USER_VIEWER, "iv", null, List.of(), List.of(), null, List.of());
        assertDenied(() -> KeyPolicy.requireManage(userViewer, key(null, "iv")));
    }

    @Test
    void plainKeyReadsOnlyItself() {
        Caller plain = caller(null, null, null, List.of(), List.of(), null, List.of());
        VirtualKey self = key(null, null);
        self.token = "hash-me";
        assertTrue(KeyPolicy.mayRead(plain, self));
        assertFalse(KeyPolicy.mayRead(plain, key(null, null)));
        assertDenied(() -> KeyPolicy.requireCreate(plain, key(null, null)));
    }

    @Test
    void masterAndProxyAdminMayDoAnything() {
        VirtualKey k = key("t9", "anyone");
        k.allowedRoutes = List.of("/key/generate");
        k.models = List.of("*");
        for (Caller c : List.of(Caller.MASTER,
                caller(UserRole.PROXY_ADMIN, "a", null, List.of(), List.of(), null, List.of()))) {
            KeyPolicy.requireCreate(c, k);
            KeyPolicy.requireWithinGrant(c, k);
            KeyPolicy.requireManage(c, k);
            KeyPolicy.requireBlock(c, k);
        }
    }
}
