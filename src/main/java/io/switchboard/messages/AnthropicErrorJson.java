package io.switchboard.messages;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import java.io.IOException;

/**
 * Anthropic's error body, {@code {"type":"error","error":{"type":...,"message":...}}}: on the
 * {@code /v1/messages} entrance every failure has this shape (Anthropic's SDKs read {@code error.type} and
 * {@code error.message} from it, and pick the exception class by status, which stays the gateway's).
 */
public final class AnthropicErrorJson {
    private AnthropicErrorJson() {
    }

    public static String json(GatewayException e) {
        return WireJson.render(g -> write(g, e));
    }

    public static void write(JsonGenerator g, GatewayException e) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "error");
        g.writeObjectFieldStart("error");
        g.writeStringField("type", type(e));
        g.writeStringField("message", e.getMessage());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** Anthropic's error types (docs.anthropic.com/en/api/errors) for the gateway's kinds. */
    static String type(GatewayException e) {
        return switch (e.kind()) {
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED, BUDGET_EXCEEDED -> "rate_limit_error";
            case REQUEST_TIMEOUT -> "timeout_error";
            case UPSTREAM_UNAVAILABLE -> "overloaded_error";
            case INTERNAL, UPSTREAM_ERROR -> "api_error";
            default -> "invalid_request_error";
        };
    }
}
