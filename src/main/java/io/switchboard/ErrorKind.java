package io.switchboard;

/**
 * The closed set of failures the gateway reports, each with the HTTP status and OpenAI error
 * {@code type} a client sees, and whether another attempt (retry or fallback deployment) may help.
 */
public enum ErrorKind {
    INVALID_REQUEST(400, "invalid_request_error", false, false),
    CONTEXT_WINDOW_EXCEEDED(400, "invalid_request_error", false, true),
    CONTENT_FILTERED(400, "invalid_request_error", false, true),
    MODEL_NOT_FOUND(400, "invalid_request_error", false, false),
    /** A guardrail refused the prompt or the answer: another deployment would not change that. */
    GUARDRAIL_VIOLATION(400, "guardrail_violation", false, false),
    AUTHENTICATION(401, "authentication_error", false, false),
    PERMISSION(403, "permission_error", false, false),
    NOT_FOUND(404, "not_found_error", false, false),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", false, false),
    REQUEST_TIMEOUT(408, "timeout_error", true, true),
    PAYLOAD_TOO_LARGE(413, "invalid_request_error", false, false),
    UNSUPPORTED_MEDIA_TYPE(415, "invalid_request_error", false, false),
    RATE_LIMITED(429, "rate_limit_error", true, true),
    BUDGET_EXCEEDED(429, "budget_exceeded", false, false),
    INTERNAL(500, "internal_server_error", false, false),
    UPSTREAM_ERROR(502, "api_error", true, true),
    UPSTREAM_UNAVAILABLE(503, "service_unavailable_error", true, true);

    private final int status;
    private final String type;
    private final boolean retryable;
    private final boolean fallbackAllowed;

    ErrorKind(int status, String type, boolean retryable, boolean fallbackAllowed) {
        this.status = status;
        this.type = type;
        this.retryable = retryable;
        this.fallbackAllowed = fallbackAllowed;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean fallbackAllowed() {
        return fallbackAllowed;
    }
}
