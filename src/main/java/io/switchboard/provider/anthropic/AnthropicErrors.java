package io.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ErrorScrubber;
import io.switchboard.provider.UpstreamErrors;
import io.switchboard.provider.UpstreamResponse;
import java.time.Duration;

/**
 * Anthropic's errors, {@code {"type":"error","error":{"type":"<t>","message":"..."}}} (reference §3.2), mapped by
 * {@code error.type} and, when the body is not Anthropic's (a proxy's page), by status. Anthropic reports a prompt
 * over the context window as a plain {@code invalid_request_error} whose only distinguishing mark is its message
 * text, which this gateway never matches on: such errors stay invalid requests (400).
 */
final class AnthropicErrors {
    private AnthropicErrors() {
    }

    static GatewayException fromResponse(UpstreamResponse response, Deployment deployment) {
        JsonNode error = errorObject(response.body());
        if (error == null) {
            return UpstreamErrors.fromResponse(response, deployment);
        }
        String type = error.path("type").asText("");
        String message = ErrorScrubber.scrub(error.path("message").asText(null), deployment);
        return switch (type) {
            case "invalid_request_error" -> new GatewayException(ErrorKind.INVALID_REQUEST,
                    orElse(message, "The provider rejected the request."), null, "invalid_request");
            case "request_too_large" -> new GatewayException(ErrorKind.PAYLOAD_TOO_LARGE,
                    orElse(message, "The request is too large for the provider."), null, "request_too_large");
            case "not_found_error" -> new GatewayException(ErrorKind.NOT_FOUND,
                    orElse(message, "The provider does not know the requested model or path."), null,
                    "model_not_found");
            case "authentication_error", "permission_error" -> new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider refused the gateway's credentials for this model.", null,
                    "upstream_authentication_failed");
            case "billing_error" -> new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider refused the call for billing reasons.", null, "upstream_billing_error");
            case "rate_limit_error" -> new GatewayException(ErrorKind.RATE_LIMITED,
                    "The provider is rate limiting requests for this model; retry later.", null,
                    "rate_limit_exceeded", UpstreamErrors.retryAfter(response));
            case "overloaded_error" -> overloaded(UpstreamErrors.retryAfter(response));
            case "timeout_error" -> new GatewayException(ErrorKind.REQUEST_TIMEOUT, "The provider timed out.", null,
                    "timeout");
            default -> UpstreamErrors.fromResponse(response, deployment); // api_error and types yet unknown
        };
    }

    /** An {@code event: error} inside a stream that had already started (reference §1.4, §3.2). */
    static GatewayException fromStreamEvent(JsonNode root, Deployment deployment) {
        JsonNode error = root.path("error");
        String type = error.path("type").asText("");
        String message = ErrorScrubber.scrub(error.path("message").asText(null), deployment);
        return switch (type) {
            case "overloaded_error" -> overloaded(null);
            case "rate_limit_error" -> new GatewayException(ErrorKind.RATE_LIMITED,
                    "The provider is rate limiting requests for this model; retry later.", null,
                    "rate_limit_exceeded");
            default -> new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    orElse(message, "The provider reported an error during the stream."), null,
                    "upstream_stream_error");
        };
    }

    /** Anthropic's 529: the service is overloaded, not the client's request at fault; another attempt may pass. */
    private static GatewayException overloaded(Duration retryAfter) {
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The provider is overloaded; retry later.", null,
                "overloaded", retryAfter);
    }

    private static JsonNode errorObject(byte[] body) {
        try {
            JsonNode root = WireJson.MAPPER.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() && error.path("type").isTextual() ? error : null;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
