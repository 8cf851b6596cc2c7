package io.switchboard.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anthropic's HTTP errors, mapped by {@code error.type} (reference §3.2), with provider text scrubbed. */
class AnthropicErrorsTest {
    private static final Deployment DEPLOYMENT = AnthropicAdapterTest.deployment("https://api.anthropic.com", 64_000,
            false, Map.of());
    private final AnthropicAdapter adapter = new AnthropicAdapter();

    private static UpstreamResponse response(int status, String body, Map<String, List<String>> headers) {
        return new UpstreamResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private GatewayException error(int status, String type, Map<String, List<String>> headers) {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"bad thing with key "
                + "sk-ant-up-key-123 at https://api.anthropic.com/v1\"},\"request_id\":\"req_011C\"}";
        return adapter.toGatewayException(response(status, body, headers), DEPLOYMENT);
    }

    @Test
    void errorsMapByAnthropicErrorType() {
        GatewayException limited = error(429, "rate_limit_error", Map.of("retry-after", List.of("7")));
        assertEquals(ErrorKind.RATE_LIMITED, limited.kind());
        assertEquals(Duration.ofSeconds(7), limited.retryAfter());

        GatewayException invalid = error(400, "invalid_request_error", Map.of());
        assertEquals(ErrorKind.INVALID_REQUEST, invalid.kind());
        assertEquals("bad thing with key [redacted] at [url]", invalid.getMessage());

        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, error(529, "overloaded_error", Map.of()).kind());
        assertEquals(ErrorKind.UPSTREAM_ERROR, error(401, "authentication_error", Map.of()).kind());
        assertFalse(error(401, "authentication_error", Map.of()).getMessage().contains("sk-ant"));
        assertEquals(ErrorKind.UPSTREAM_ERROR, error(403, "permission_error", Map.of()).kind());
        assertEquals(ErrorKind.NOT_FOUND, error(404, "not_found_error", Map.of()).kind());
        assertEquals(ErrorKind.PAYLOAD_TOO_LARGE, error(413, "request_too_large", Map.of()).kind());
        GatewayException server = error(500, "api_error", Map.of());
        assertEquals(ErrorKind.UPSTREAM_ERROR, server.kind());
        assertFalse(server.getMessage().contains("bad thing"), "5xx text is never relayed");
        GatewayException proxy = adapter.toGatewayException(response(502, "<html>bad gateway</html>", Map.of()), DEPLOYMENT);
        assertEquals(ErrorKind.UPSTREAM_ERROR, proxy.kind());
    }
}
