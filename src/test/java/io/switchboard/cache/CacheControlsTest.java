package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CacheControlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsLiteLlmsControls() throws Exception {
        CacheControls c = CacheControls.read(JSON.readTree(
                "{\"no-cache\":true,\"no-store\":false,\"ttl\":1.5,\"s-maxage\":30,\"namespace\":\"team.a-1\"}"));
        assertTrue(c.noCache());
        assertFalse(c.noStore());
        assertEquals(Duration.ofMillis(1500), c.ttl());
        assertEquals(Duration.ofSeconds(30), c.sMaxAge());
        assertEquals("team.a-1", c.namespace());
        assertEquals(Set.of("no-cache", "ttl", "s-maxage", "namespace"), c.used());
        assertSame(CacheControls.NONE, CacheControls.read(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"true", "\"no-cache\"", "{\"no-cache\":\"yes\"}", "{\"ttl\":-1}", "{\"ttl\":\"60\"}",
            "{\"s-maxage\":1e12}", "{\"namespace\":\"a b\"}", "{\"namespace\":\"\"}", "{\"use-cache\":true}"})
    void aMalformedControlIsAClientErrorNamingTheField(String json) throws Exception {
        GatewayException e = assertThrows(GatewayException.class, () -> CacheControls.read(JSON.readTree(json)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("cache", e.param());
    }

    private static Caller keyAllowing(String... controls) {
        return Caller.of(new KeyIdentity("hash", "key-1", "sk-...abcd", null, null, null, null, null, List.of(),
                List.of(), List.of(), List.of(), Map.of(), List.of(), List.of(), List.of(), false, false, null,
                Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE, List.of(), List.of(controls), null, null));
    }

    @Test
    void aKeyMayUseOnlyItsAllowedCacheControls() throws Exception {
        Caller limited = keyAllowing("no-cache", "ttl");
        CacheControls.requireAllowed(JSON.readTree("{\"no-cache\":true,\"ttl\":60}"), limited);
        GatewayException e = assertThrows(GatewayException.class, () -> CacheControls.requireAllowed(
                JSON.readTree("{\"ttl\":60,\"namespace\":\"x\"}"), limited));
        assertEquals(ErrorKind.PERMISSION, e.kind());
        assertEquals(403, e.kind().status());
        assertEquals("cache", e.param());
        assertTrue(e.getMessage().contains("'namespace'"), e.getMessage());
        // LiteLLM counts a control the request names, whatever its value
        assertThrows(GatewayException.class, () -> CacheControls.requireAllowed(
                JSON.readTree("{\"no-store\":false}"), limited));
    }

    @Test
    void anEmptyListAndTheMasterKeyAllowEveryControl() throws Exception {
        var all = JSON.readTree("{\"no-cache\":true,\"no-store\":true,\"ttl\":1,\"s-maxage\":1,\"namespace\":\"n\"}");
        CacheControls.requireAllowed(all, keyAllowing());
        CacheControls.requireAllowed(all, Caller.MASTER);
        CacheControls.requireAllowed(null, keyAllowing("ttl"));
    }
}
