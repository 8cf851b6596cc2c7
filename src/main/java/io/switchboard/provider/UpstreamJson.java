package io.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import java.io.IOException;

/**
 * Reading a provider's JSON answer or stream event: a JSON object, or the one "could not be read"
 * upstream error every adapter reports for anything else (a 502 that names no provider detail).
 */
public final class UpstreamJson {
    private UpstreamJson() {
    }

    public static JsonNode object(byte[] body) {
        try {
            return requireObject(WireJson.MAPPER.readTree(body));
        } catch (IOException e) {
            throw unreadable();
        }
    }

    public static JsonNode object(String text) {
        try {
            return requireObject(WireJson.MAPPER.readTree(text));
        } catch (IOException e) {
            throw unreadable();
        }
    }

    public static GatewayException unreadable() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider sent a response that could not be read.",
                null, "upstream_invalid_response");
    }

    private static JsonNode requireObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw unreadable();
        }
        return node;
    }
}
