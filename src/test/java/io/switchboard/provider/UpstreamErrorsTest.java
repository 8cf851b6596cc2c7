package io.switchboard.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Provider failures → the client's error: by status and structured code, never by message text. */
class UpstreamErrorsTest {
    private static final Deployment D = new Deployment("d", "g", "openai", "m", URI.create("http://up"),
            "sk-live-ABCDEFGH12345678", null, Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of(), null, false);

    private static GatewayException map(int status, String body, Map<String, List<String>> headers) {
        return UpstreamErrors.fromResponse(new UpstreamResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)), D);
    }

    private static GatewayException map(int status, String body) {
        return map(status, body, Map.of());
    }

    @Test
    void contextLengthIsItsOwnKindSoTheRouterCanFallBack() {
        GatewayException e = map(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}");
        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, e.kind());
        assertTrue(e.kind().fallbackAllowed());
    }

    @Test
    void clientFaultsRelayTheProviderMessageScrubbed() {
        GatewayException e = map(400, "{\"error\":{\"message\":\"Invalid 'temperature' for key sk-live-ABCDEFGH12345678"
                + " at https://api.example.com/v1\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}");
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("temperature", e.param());
        assertTrue(e.getMessage().startsWith("Invalid 'temperature'"));
        assertFalse(e.getMessage().contains("sk-live"));
        assertFalse(e.getMessage().contains("api.example.com"));
    }

    @Test
    void mistralsTopLevelErrorShapeIsRead() {
        GatewayException e = map(422, "{\"object\":\"error\",\"message\":\"Bad tool schema\",\"type\":\"invalid_request\","
                + "\"param\":null,\"code\":\"3051\"}");
        assertEquals("Bad tool schema", e.getMessage());
        assertEquals("3051", e.code());
    }

    @Test
    void rejectedGatewayCredentialsAreA502NotTheClientsFault() {
        GatewayException e = map(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-live-ABCDEFGH12345678\"}}");
        assertEquals(502, e.kind().status());
        assertFalse(e.getMessage().contains("sk-live"));
    }

    @Test
    void serverErrorsCarryNoProviderText() {
        GatewayException e = map(503, "{\"error\":{\"message\":\"node gpu-17 overloaded\"}}");
        assertEquals(502, e.kind().status());
        assertFalse(e.getMessage().contains("gpu-17"));
    }

    @Test
    void retryAfterFromMillisecondsSecondsOrDateCapped() {
        assertEquals(Duration.ofMillis(1500), map(429, "{}", Map.of("retry-after-ms", List.of("1500"))).retryAfter());
        assertEquals(Duration.ofSeconds(7), map(429, "{}", Map.of("retry-after", List.of("7"))).retryAfter());
        assertEquals(Duration.ofMinutes(10), map(429, "{}", Map.of("retry-after", List.of("86400"))).retryAfter());
        assertNull(map(429, "{}", Map.of("retry-after", List.of("soon"))).retryAfter());
        assertEquals(ErrorKind.RATE_LIMITED, map(429, "not json").kind());
    }

    @Test
    void scrubberRemovesKeysUrlsAndHosts() {
        String s = ErrorScrubber.scrub("Bearer abc.def key=AIzaSyA1234567890abcdef at 10.0.0.7:8080 and"
                + " gpu.internal and http://x.y/z sk-proj-abcdefghijklmnop", D);
        for (String leaked : List.of("abc.def", "AIzaSy", "10.0.0.7", "gpu.internal", "x.y/z", "sk-proj")) {
            assertFalse(s.contains(leaked), leaked + " in " + s);
        }
    }
}
