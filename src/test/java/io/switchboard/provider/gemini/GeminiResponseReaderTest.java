package io.switchboard.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.UpstreamResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Non-streamed responses, embeddings and errors, from recorded fixtures (vercel/ai, see fixtures/README.md). */
class GeminiResponseReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiAdapter adapter = new GeminiAdapter();

    static byte[] fixture(String name) {
        try (InputStream in = GeminiResponseReaderTest.class.getClassLoader()
                .getResourceAsStream("fixtures/gemini/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ChatResponse read(String json) throws Exception {
        ChatRequest r = ChatRequestReader.read(JSON.readTree(
                "{\"model\":\"group\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        return adapter.fromProviderResponse(new UpstreamResponse(200, Map.of(), json.getBytes(StandardCharsets.UTF_8)),
                r, GeminiRequestWriterTest.deployment("http://x", false));
    }

    private GatewayException error(int status, byte[] body) {
        return adapter.toGatewayException(new UpstreamResponse(status, Map.of(), body),
                GeminiRequestWriterTest.deployment("http://x", false));
    }

    @Test
    void textResponseWithUsageIncludingThoughts() throws Exception {
        ChatResponse r = read(new String(fixture("google-text.json"), StandardCharsets.UTF_8));
        assertEquals("chatcmpl-Un6LacrVMcjUxs0PmJfWoQc", r.id());
        assertEquals("gemini-3-pro-preview", r.model());
        ChatResponse.Choice c = r.choices().get(0);
        assertEquals("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.",
                c.message().text());
        assertEquals("stop", c.finishReason());
        assertEquals(new Usage(9, 28 + 244, 281, 0, 244), r.usage());
    }

    @Test
    void functionCallWithStopBecomesToolCalls() throws Exception {
        ChatResponse r = read(new String(fixture("google-tool-call.json"), StandardCharsets.UTF_8));
        ChatResponse.Choice c = r.choices().get(0);
        assertEquals("tool_calls", c.finishReason());
        assertNull(c.message().content());
        ToolCall call = c.message().toolCalls().get(0);
        assertEquals("weather", call.name());
        assertEquals("{\"location\":\"San Francisco\"}", call.arguments());
        assertEquals("gcall_0_weather~ts~EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAfnS2w5WiVvl"
                + "cCqu9fAebJ2cvfaEyBahEt5", call.id());
        assertEquals("weather", ToolCallIds.functionName(call.id()));
        assertEquals(new Usage(29, 15 + 893, 937, 0, 893), r.usage());
    }

    @Test
    void gemini3CallIdAndSignatureRideInTheToolCallId() throws Exception {
        ChatResponse r = read("""
                {"candidates":[{"content":{"parts":[
                  {"functionCall":{"id":"abc123","name":"get_weather","args":{"city":"Oslo"}},"thoughtSignature":"U2ln+/="},
                  {"functionCall":{"id":"def456","name":"get_time","args":{}}}],"role":"model"},"finishReason":"STOP","index":0}]}""");
        List<ToolCall> calls = r.choices().get(0).message().toolCalls();
        assertEquals("gcall_0_get_weather~id~abc123~ts~U2ln+/=", calls.get(0).id());
        assertEquals("gcall_1_get_time~id~def456", calls.get(1).id());
        assertEquals("{}", calls.get(1).arguments());
        assertEquals("get_weather", ToolCallIds.functionName(calls.get(0).id()));
        assertEquals("abc123", ToolCallIds.geminiId(calls.get(0).id()));
        assertEquals("U2ln+/=", ToolCallIds.thoughtSignature(calls.get(0).id()));
        assertNull(ToolCallIds.thoughtSignature(calls.get(1).id()));
        assertNull(ToolCallIds.functionName("call_abc"), "a client's own id says nothing");
    }

    @Test
    void thoughtsCachedTokensSafetyAndCandidates() throws Exception {
        ChatResponse r = read("""
                {"candidates":[
                  {"content":{"parts":[{"text":"Let me think.","thought":true},{"text":"Yes."}],"role":"model"},"finishReason":"STOP","index":0},
                  {"content":{"parts":[{"text":"Partial"}],"role":"model"},"finishReason":"SAFETY","index":1},
                  {"content":{"parts":[{"text":"Long"}],"role":"model"},"finishReason":"MAX_TOKENS","index":2}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":7,"thoughtsTokenCount":3,
                   "cachedContentTokenCount":64,"totalTokenCount":110}}""");
        assertEquals("Yes.", r.choices().get(0).message().text());
        assertEquals("Let me think.", r.choices().get(0).message().reasoningContent());
        assertEquals(List.of("stop", "content_filter", "length"),
                r.choices().stream().map(ChatResponse.Choice::finishReason).toList());
        assertEquals(new Usage(100, 10, 110, 64, 3), r.usage());
    }

    @Test
    void blockedPromptIsContentFilter() throws Exception {
        ChatResponse r = read(new String(fixture("issue-19758-prompt-block.chunks.txt"), StandardCharsets.UTF_8));
        assertEquals("content_filter", r.choices().get(0).finishReason());
        assertEquals(new Usage(9, 0, 9, 0, 0), r.usage());
    }

    @Test
    void rateLimitWithRetryInfo() {
        GatewayException e = error(429, fixture("google-429-retry-info.json"));
        assertEquals(ErrorKind.RATE_LIMITED, e.kind());
        assertEquals(Duration.ofMillis(34_400), e.retryAfter());
    }

    @Test
    void statusCodesMapByGoogleStatus() {
        assertEquals(ErrorKind.INVALID_REQUEST, error(400, google(400, "INVALID_ARGUMENT", "Bad schema", "")).kind());
        assertEquals("Bad schema", error(400, google(400, "INVALID_ARGUMENT", "Bad schema", "")).getMessage());
        GatewayException badKey = error(400, google(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.",
                ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                        + "\"domain\":\"googleapis.com\"}]"));
        assertEquals(ErrorKind.UPSTREAM_ERROR, badKey.kind());
        assertEquals("upstream_authentication_failed", badKey.code());
        assertEquals("upstream_authentication_failed", error(403, google(403, "PERMISSION_DENIED", "no", "")).code());
        assertEquals("upstream_authentication_failed", error(401, google(401, "UNAUTHENTICATED", "no", "")).code());
        assertEquals(ErrorKind.NOT_FOUND, error(404, google(404, "NOT_FOUND", "models/x is not found", "")).kind());
        GatewayException unavailable = error(503, google(503, "UNAVAILABLE", "The model is overloaded.",
                ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"7s\"}]"));
        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, unavailable.kind());
        assertEquals(Duration.ofSeconds(7), unavailable.retryAfter());
        GatewayException internal = error(500, google(500, "INTERNAL", "secret internal detail", ""));
        assertEquals(ErrorKind.UPSTREAM_ERROR, internal.kind());
        assertFalse(internal.getMessage().contains("secret"));
        assertEquals(ErrorKind.UPSTREAM_ERROR, error(502, "<html>bad gateway</html>".getBytes()).kind());
    }

    private static byte[] google(int code, String status, String message, String more) {
        return ("{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\""
                + more + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void embeddingsInInputOrder() throws Exception {
        EmbeddingRequest r = new EmbeddingRequest("e", JSON.readTree("[\"a\",\"b\"]"), false, null, null, null);
        EmbeddingResponse e = adapter.fromProviderResponse(new UpstreamResponse(200, Map.of(),
                "{\"embeddings\":[{\"values\":[0.5,-1.25]},{\"values\":[0.25,2]}]}".getBytes(StandardCharsets.UTF_8)),
                r, GeminiRequestWriterTest.deployment("http://x", false));
        assertEquals(2, e.vectors().size());
        assertEquals(-1.25f, e.vectors().get(0)[1]);
        assertEquals(2f, e.vectors().get(1)[1]);
    }
}
