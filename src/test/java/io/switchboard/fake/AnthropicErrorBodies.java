package io.switchboard.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Anthropic's error bodies (reference §3.2): {@code {"type":"error","error":{"type","message"},"request_id"}},
 * with the messages the real API uses for the mistakes FakeAnthropic checks.
 */
public final class AnthropicErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AnthropicErrorBodies() {
    }

    public static String of(String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body.put("request_id", "req_011CFakeError").toString();
    }

    public static String invalid(String message) {
        return of("invalid_request_error", message);
    }

    /** Anthropic's 429 (reference §3.9): {@code rate_limit_error}, {@code retry-after} in seconds. */
    public static Scenario.Error rateLimited(int retryAfterSeconds) {
        return new Scenario.Error(429, of("rate_limit_error",
                "This request would exceed the rate limit for your organization of 50 requests per minute."),
                Map.of("retry-after", Integer.toString(retryAfterSeconds),
                        "anthropic-ratelimit-requests-remaining", "0", "x-should-retry", "true"));
    }

    /** Anthropic's 529 {@code overloaded_error}. */
    public static Scenario.Error overloaded() {
        return new Scenario.Error(529, of("overloaded_error", "Overloaded"), Map.of("x-should-retry", "true"));
    }
}
