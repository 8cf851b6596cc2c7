package io.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ErrorScrubber;
import io.switchboard.provider.UpstreamErrors;
import io.switchboard.provider.UpstreamResponse;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Google's error shape (google.rpc.Status: {@code {"error":{"code","message","status","details"}}}, reference
 * §3.4) mapped by its canonical {@code status} code, never by message text. Google sends no retry header: the
 * wait comes from the {@code google.rpc.RetryInfo} detail's {@code retryDelay} (a protobuf Duration, "34.4s").
 * Unknown shapes fall back to the gateway's status-based mapping.
 */
final class GeminiErrors {
    private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private GeminiErrors() {
    }

    static GatewayException fromResponse(UpstreamResponse response, Deployment deployment) {
        JsonNode error;
        try {
            error = WireJson.MAPPER.readTree(response.body()).path("error");
        } catch (Exception notJson) {
            return UpstreamErrors.fromResponse(response, deployment);
        }
        String status = error.path("status").asText("");
        String scrubbed = ErrorScrubber.scrub(error.path("message").asText(null), deployment);
        String message = scrubbed == null ? "The provider rejected the request." : scrubbed;
        if ("API_KEY_INVALID".equals(errorInfoReason(error))) {
            status = "UNAUTHENTICATED"; // a bad key is a 400 INVALID_ARGUMENT on the Gemini API
        }
        return switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" ->
                    new GatewayException(ErrorKind.INVALID_REQUEST, message, null, "invalid_request");
            case "UNAUTHENTICATED", "PERMISSION_DENIED" -> new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider refused the gateway's credentials for this model.", null,
                    "upstream_authentication_failed");
            case "NOT_FOUND" -> new GatewayException(ErrorKind.NOT_FOUND, message, null, "model_not_found");
            case "RESOURCE_EXHAUSTED" -> new GatewayException(ErrorKind.RATE_LIMITED,
                    "The provider is rate limiting requests for this model; retry later.", null,
                    "rate_limit_exceeded", retryDelay(error));
            case "UNAVAILABLE" -> new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE,
                    "The provider is temporarily unavailable; retry later.", null, "upstream_unavailable",
                    retryDelay(error));
            case "DEADLINE_EXCEEDED" -> new GatewayException(ErrorKind.REQUEST_TIMEOUT, "The provider timed out.",
                    null, "timeout");
            default -> UpstreamErrors.fromResponse(response, deployment);
        };
    }

    private static String errorInfoReason(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (ERROR_INFO.equals(detail.path("@type").asText())) {
                return detail.path("reason").asText(null);
            }
        }
        return null;
    }

    /** {@code RetryInfo.retryDelay} ("34.4s", "7s", "0.5s"), capped at ten minutes; null when absent or unreadable. */
    static Duration retryDelay(JsonNode error) {
        for (JsonNode detail : error.path("details")) {
            if (RETRY_INFO.equals(detail.path("@type").asText())) {
                String delay = detail.path("retryDelay").asText("");
                if (!delay.endsWith("s")) {
                    return null;
                }
                try {
                    long millis = new BigDecimal(delay.substring(0, delay.length() - 1)).movePointRight(3)
                            .longValue();
                    Duration d = Duration.ofMillis(Math.max(0, millis));
                    return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
                } catch (NumberFormatException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }
}
