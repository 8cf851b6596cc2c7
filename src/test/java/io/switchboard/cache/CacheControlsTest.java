package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Duration;
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
}
