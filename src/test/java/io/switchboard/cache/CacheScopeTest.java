package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whose cached answers a caller may see. */
class CacheScopeTest {
    /** A virtual key's caller with only the fields that decide a tenant set. */
    static Caller key(String keyId, String keyName, String alias, String team, String user) {
        return Caller.of(new KeyIdentity("hash-" + keyId, keyId, keyName, alias, team, user, null, null, List.of(),
                List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), false, false, null,
                Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE));
    }

    static Caller teamKey(String team) {
        return key("key-of-" + team, "sk-...abcd", null, team, null);
    }

    @Test
    void keysOfOneTeamShareATenantAndOtherTeamsDoNot() {
        assertEquals(CacheScope.tenantOf(key("key-1", "sk-...aaaa", null, "team-a", "u1")),
                CacheScope.tenantOf(key("key-2", "sk-...bbbb", null, "team-a", "u2")));
        assertNotEquals(CacheScope.tenantOf(key("key-1", "sk-...aaaa", null, "team-a", null)),
                CacheScope.tenantOf(key("key-3", "sk-...aaaa", null, "team-b", null)));
    }

    @Test
    void keysThatLookAlikeAreStillDifferentTenants() {
        // the same last four characters and the same alias: the old label-based tenant merged these two
        Caller one = key("key-1", "sk-...abcd", "service", null, null);
        Caller two = key("key-2", "sk-...abcd", "service", null, null);
        assertEquals(one.label(), two.label());
        assertNotEquals(CacheScope.tenantOf(one), CacheScope.tenantOf(two));
    }

    @Test
    void withoutATeamTheUserIsTheTenant() {
        assertEquals(CacheScope.tenantOf(key("key-1", "sk-...aaaa", null, null, "alice")),
                CacheScope.tenantOf(key("key-2", "sk-...bbbb", null, null, "alice")));
        assertNotEquals(CacheScope.tenantOf(key("key-1", "sk-...aaaa", null, null, "alice")),
                CacheScope.tenantOf(key("key-1b", "sk-...aaaa", null, null, "bob")));
    }

    @Test
    void teamIdsCannotCollideWithUserOrKeyIds() {
        assertNotEquals(CacheScope.tenantOf(key("k", "sk-...x", null, "x", null)),
                CacheScope.tenantOf(key("k", "sk-...x", null, null, "x")));
        assertNotEquals(CacheScope.tenantOf(key("x", "sk-...x", null, null, null)),
                CacheScope.tenantOf(key("k", "sk-...x", null, null, "x")));
    }
}
