package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The router's per-request fields: read, checked, and taken out of what goes upstream. */
class CallOptionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void readsAndRemovesTheRouterFields() throws Exception {
        ObjectNode extra = json("{\"num_retries\":1,\"fallbacks\":[\"b\",{\"model\":\"c\"}],\"tags\":[\"t\"],"
                + "\"service_tier\":\"flex\"}");
        CallOptions o = CallOptions.take(extra, null, true, 42);
        assertEquals(1, o.numRetries());
        assertEquals(List.of("b", "c"), o.fallbacks());
        assertEquals(List.of("t"), o.tags());
        assertEquals(42, o.inputTokens());
        assertEquals("{\"service_tier\":\"flex\"}", extra.toString(), "only the provider's fields are left");
    }

    @Test
    void tagsMayComeInMetadataAndAbsentFieldsMeanTheConfig() throws Exception {
        CallOptions o = CallOptions.take(json("{}"), json("{\"tags\":[\"paid\"]}"), false, 0);
        assertEquals(List.of("paid"), o.tags());
        assertNull(o.numRetries());
        assertNull(o.fallbacks());
    }

    @Test
    void wrongShapesAreTheClientsError() {
        for (var bad : Map.of("{\"num_retries\":-1}", "num_retries", "{\"num_retries\":1.5}", "num_retries",
                "{\"fallbacks\":\"b\"}", "fallbacks", "{\"tags\":[1]}", "tags").entrySet()) {
            GatewayException e = assertThrows(GatewayException.class,
                    () -> CallOptions.take(json(bad.getKey()), null, false, 0));
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertEquals(bad.getValue(), e.param());
        }
    }

    @Test
    void aMissingFallbackGroupDoesNotHideTheRealFailure() {
        Groups g = new Groups().add("a", "a1", 1, 0).failing("a1", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withNumRetries(0), new SimpleShuffle());
        GatewayException e = assertThrows(GatewayException.class,
                () -> loop.execute("a", new CallOptions(null, List.of("nope"), List.of(), false, 0), g::call));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
        assertFalse(e.getMessage().contains("nope"));
    }
}
