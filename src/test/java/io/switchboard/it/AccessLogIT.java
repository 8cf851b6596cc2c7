package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fake.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every LLM call ends in exactly one {@code RequestCompleted} event; the access log is its first
 * observer, so these tests read the event's fields, as operators will, from the log: one JSON line
 * per call, found by the {@code x-litellm-call-id} the client received, and naming no secret.
 */
class AccessLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
    }

    @AfterEach
    void reset() {
        gateway.openai.clearScenarios();
    }

    @Test
    void answeredCallIsLoggedWithDeploymentAndTokens() throws Exception {
        HttpResponse<String> response = post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, response.statusCode());
        JsonNode line = accessLine(response);
        assertEquals("chat.completions", line.path("route").asText());
        assertEquals("gpt-4o-mini", line.path("model_group").asText());
        assertEquals("openai", line.path("provider").asText());
        assertEquals("success", line.path("outcome").asText());
        assertEquals(200, line.path("status").asInt());
        assertFalse(line.path("stream").asBoolean());
        JsonNode usage = JSON.readTree(response.body()).path("usage");
        assertEquals(usage.path("prompt_tokens").asInt(), line.path("input_tokens").asInt());
        assertEquals(usage.path("completion_tokens").asInt(), line.path("output_tokens").asInt());
        assertTrue(line.path("duration_ms").asDouble() > 0);
    }

    @Test
    void completedStreamIsLoggedWithTimeToFirstChunk() throws Exception {
        HttpResponse<String> response = post("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"a b c\"}]}");
        assertTrue(response.body().contains("data: [DONE]"));
        JsonNode line = accessLine(response);
        assertEquals("success", line.path("outcome").asText());
        assertTrue(line.path("stream").asBoolean());
        assertTrue(line.path("output_tokens").asInt() > 0, line.toString());
        double firstChunk = line.path("time_to_first_chunk_ms").asDouble(-1);
        assertTrue(firstChunk >= 0 && firstChunk <= line.path("duration_ms").asDouble(), line.toString());
    }

    @Test
    void streamBrokenAfterItsFirstChunksIsLoggedAsAStreamFailure() throws Exception {
        gateway.openai.scenario("gpt-4o-mini", new Scenario.CutStream(2));
        HttpResponse<String> response = post("{\"model\":\"gpt-4o-mini\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a b c d e f\"}]}");
        assertTrue(response.body().contains("\"error\""), response.body());
        JsonNode line = accessLine(response);
        assertEquals("stream_failed", line.path("outcome").asText());
        assertEquals(200, line.path("status").asInt());
        assertFalse(line.path("error_type").asText().isEmpty());
    }

    @Test
    void rejectedCallsAreLoggedWithTheirStatusAndErrorType() throws Exception {
        HttpResponse<String> malformed = post("{\"model\": ");
        assertEquals(400, malformed.statusCode());
        JsonNode line = accessLine(malformed);
        assertEquals("failed", line.path("outcome").asText());
        assertEquals(400, line.path("status").asInt());
        assertEquals("invalid_request_error", line.path("error_type").asText());

        HttpResponse<String> upstreamDown = post("{\"model\":\"gpt-err\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        JsonNode failed = accessLine(upstreamDown);
        assertEquals(upstreamDown.statusCode(), failed.path("status").asInt());
        assertEquals("gpt-err", failed.path("model_group").asText());
    }

    @Test
    void accessLinesNameNoSecretAndNoUpstreamAddress() throws Exception {
        HttpResponse<String> response = post("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String raw = accessLine(response).toString();
        for (String secret : List.of(TestGateway.MASTER_KEY, TestGateway.OPENAI_KEY, "CANARY", "127.0.0.1", "http")) {
            assertFalse(raw.contains(secret), "access log line contains " + secret + ": " + raw);
        }
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The call's line, waited for: the event is observed asynchronously, after the answer has gone. */
    private static JsonNode accessLine(HttpResponse<String> response) throws Exception {
        String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();
        String marker = "\"call_id\":\"" + callId + "\"";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (String logLine : gateway.server.messagesLog().split("\n")) {
                int at = logLine.indexOf(marker);
                if (at >= 0) {
                    return JSON.readTree(logLine.substring(logLine.lastIndexOf('{', at)));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access log line for call " + callId);
    }
}
