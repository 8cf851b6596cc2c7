package io.switchboard;

import java.time.Duration;
import java.util.Map;

/**
 * The one exception type that crosses layers. Its message is written to clients as is, so it must
 * never contain a stack trace, an upstream host or a secret: build messages from what the client
 * sent or from fixed text, never from an upstream body without scrubbing it.
 */
public final class GatewayException extends RuntimeException {
    private final ErrorKind kind;
    private final String param;
    private final String code;
    private final Duration retryAfter;
    private final Map<String, String> headers;

    public GatewayException(ErrorKind kind, String message, String param, String code, Duration retryAfter) {
        this(kind, message, param, code, retryAfter, Map.of());
    }

    /** @param headers extra response headers, such as the {@code x-ratelimit-*} of a 429 */
    public GatewayException(ErrorKind kind, String message, String param, String code, Duration retryAfter,
                            Map<String, String> headers) {
        super(message, null, false, false);
        this.kind = kind;
        this.param = param;
        this.code = code;
        this.retryAfter = retryAfter;
        this.headers = Map.copyOf(headers);
    }

    public GatewayException(ErrorKind kind, String message, String param, String code) {
        this(kind, message, param, code, null);
    }

    public static GatewayException invalidRequest(String message, String param) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, param, "invalid_value");
    }

    public static GatewayException missing(String param) {
        return new GatewayException(ErrorKind.INVALID_REQUEST,
                "Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    public static GatewayException wrongType(String param, String expected) {
        return new GatewayException(ErrorKind.INVALID_REQUEST,
                "Invalid type for '" + param + "': expected " + expected + ".", param, "invalid_type");
    }

    public ErrorKind kind() {
        return kind;
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    /** How long the client should wait before retrying, when known (429 and 503). */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Extra response headers (never secrets). */
    public Map<String, String> headers() {
        return headers;
    }
}
