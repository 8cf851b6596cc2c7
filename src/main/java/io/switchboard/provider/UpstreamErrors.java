package io.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The default translation of a provider's failed response, by HTTP status and structured codes
 * (LangChain4j's status table, Bifrost's errors-as-values). What the client sees:
 * <ul>
 *   <li>400/404/422: the client's request was at fault; the provider's message, scrubbed of secrets and hosts;</li>
 *   <li>401/403: the gateway's credentials were refused: a 502 (not the client's key, so not a 401);</li>
 *   <li>429: 429 with the provider's {@code Retry-After}; 408: 408;</li>
 *   <li>5xx and anything else: 502, with no provider text at all.</li>
 * </ul>
 */
public final class UpstreamErrors {
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    private UpstreamErrors() {
    }

    public static GatewayException fromResponse(UpstreamResponse response, Deployment deployment) {
        ProviderError error = ProviderError.parse(response.body());
        int status = response.status();
        return switch (status) {
            case 400, 413, 422 -> clientError(error, deployment);
            case 404 -> new GatewayException(ErrorKind.NOT_FOUND,
                    relayed(error, deployment, "The provider does not know the requested model or path."),
                    null, orDefault(error.code(), "model_not_found"));
            case 401, 403 -> new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider refused the gateway's credentials for this model.", null,
                    "upstream_authentication_failed");
            case 408 -> new GatewayException(ErrorKind.REQUEST_TIMEOUT, "The provider timed out.", null, "timeout");
            case 429 -> new GatewayException(ErrorKind.RATE_LIMITED,
                    "The provider is rate limiting requests for this model; retry later.", null,
                    orDefault(error.code(), "rate_limit_exceeded"), retryAfter(response));
            default -> new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider failed to answer (HTTP " + status + ").", null, "upstream_error");
        };
    }

    private static GatewayException clientError(ProviderError error, Deployment deployment) {
        String message = relayed(error, deployment, "The provider rejected the request.");
        if ("context_length_exceeded".equals(error.code())) {
            return new GatewayException(ErrorKind.CONTEXT_WINDOW_EXCEEDED, message, "messages",
                    "context_length_exceeded");
        }
        if ("content_filter".equals(error.code()) || "content_policy_violation".equals(error.code())) {
            return new GatewayException(ErrorKind.CONTENT_FILTERED, message, null, "content_filter");
        }
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, error.param(),
                orDefault(error.code(), "invalid_request"));
    }

    private static String relayed(ProviderError error, Deployment deployment, String fallback) {
        String scrubbed = ErrorScrubber.scrub(error.message(), deployment);
        return scrubbed == null ? fallback : scrubbed;
    }

    /** {@code retry-after-ms} before {@code retry-after} (seconds or an HTTP date), as the Stainless SDKs read them. */
    public static Duration retryAfter(UpstreamResponse response) {
        try {
            String ms = response.header("retry-after-ms");
            if (ms != null) {
                return cap(Duration.ofMillis((long) Double.parseDouble(ms)));
            }
            String value = response.header("retry-after");
            if (value == null) {
                return null;
            }
            if (value.chars().allMatch(Character::isDigit)) {
                return cap(Duration.ofSeconds(Long.parseLong(value)));
            }
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            return cap(Duration.between(ZonedDateTime.now(at.getZone()), at));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static Duration cap(Duration d) {
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** The parts of a provider error body the gateway reads, from any of the family's shapes. */
    record ProviderError(String message, String code, String param) {
        static final ProviderError NONE = new ProviderError(null, null, null);

        /** OpenAI and Azure nest under {@code error}; Mistral puts the fields at the top level. */
        static ProviderError parse(byte[] body) {
            JsonNode root;
            try {
                root = WireJson.MAPPER.readTree(body);
            } catch (Exception e) {
                return NONE;
            }
            if (root == null || !root.isObject()) {
                return NONE;
            }
            JsonNode error = root.path("error");
            JsonNode fields = error.isObject() ? error : root;
            String message = error.isTextual() ? error.textValue() : text(fields, "message");
            return new ProviderError(message, text(fields, "code"), text(fields, "param"));
        }

        private static String text(JsonNode node, String name) {
            JsonNode value = node.get(name);
            return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
        }
    }
}
