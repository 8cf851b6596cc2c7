package io.switchboard.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scenarios every provider adapter must pass, each with the provider's own wire fixtures (supplied by the
 * subclass, one per adapter): a plain text answer, a tool call, a text stream dribbled a few bytes at a time
 * through the real framing, and error mapping by status. Every fixture answers the same conversation, so the
 * expectations are shared: the text {@value #TEXT} with 12 prompt and 3 completion tokens, and a call of
 * {@code get_weather} with {@code {"location":"Paris"}}.
 */
public abstract class AdapterContractTest {
    protected static final String TEXT = "Hello there";

    protected abstract ProviderAdapter adapter();

    protected abstract Deployment deployment();

    /** The provider's non-streamed body answering {@value #TEXT} (12 prompt tokens, 3 completion tokens). */
    protected abstract String textResponse();

    /** The provider's non-streamed body calling {@code get_weather} with {@code {"location":"Paris"}}. */
    protected abstract String toolCallResponse();

    /** The provider's raw stream body (framing included) answering {@code "Hello"} then {@code " there"}. */
    protected String textStream() {
        throw new UnsupportedOperationException("a contract test gives textStream() or textStreamBytes()");
    }

    /** The same stream as bytes: binary framings (Bedrock's event stream) override this instead. */
    protected byte[] textStreamBytes() {
        return textStream().getBytes(StandardCharsets.UTF_8);
    }

    /** The provider's error body for {@code status} (400, 401 or 429). */
    protected abstract String errorBody(int status);

    /** The headers the provider sends with a 429 (its {@code retry-after}, when it sends one). */
    protected Map<String, List<String>> rateLimitHeaders() {
        return Map.of();
    }

    /** Whether the provider's 429 says when to retry (a header, or Gemini's RetryInfo in the body). */
    protected boolean rateLimitSaysWhenToRetry() {
        return !rateLimitHeaders().isEmpty();
    }

    protected static ChatRequest request(String json) {
        try {
            return ChatRequestReader.read(WireJson.MAPPER.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final ChatRequest PLAIN = request("""
            {"model":"group","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"Say hello"}]}""");
    private static final ChatRequest WITH_TOOLS = request("""
            {"model":"group","messages":[{"role":"user","content":"Weather in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather",
               "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]}""");
    private static final ChatRequest STREAMED = request("""
            {"model":"group","stream":true,"messages":[{"role":"user","content":"Say hello"}]}""");

    private static UpstreamResponse response(int status, String body, Map<String, List<String>> headers) {
        return new UpstreamResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void requestCarriesTheConversationToTheDeploymentsHost() {
        UpstreamRequest r = adapter().toProviderRequest(PLAIN, deployment());
        assertEquals("POST", r.method());
        assertEquals(deployment().apiBase().getHost(), r.uri().getHost());
        assertFalse(r.uri().toString().contains(deployment().apiKey()), "no credential in the URL");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Say hello") && body.contains("be brief"), body);
        assertFalse(r.streaming());
        assertTrue(adapter().toProviderRequest(STREAMED, deployment()).streaming());
    }

    @Test
    void textAnswer() {
        ChatResponse r = adapter().fromProviderResponse(response(200, textResponse(), Map.of()), PLAIN, deployment());
        ChatResponse.Choice choice = r.choices().get(0);
        assertEquals(TEXT, choice.message().text());
        assertEquals("assistant", choice.message().role());
        assertEquals("stop", choice.finishReason());
        assertNotNull(r.usage());
        assertEquals(12, r.usage().promptTokens());
        assertEquals(3, r.usage().completionTokens());
    }

    @Test
    void toolCallAnswer() throws Exception {
        UpstreamRequest sent = adapter().toProviderRequest(WITH_TOOLS, deployment());
        assertTrue(new String(sent.body(), StandardCharsets.UTF_8).contains("get_weather"));
        ChatResponse r = adapter().fromProviderResponse(response(200, toolCallResponse(), Map.of()), WITH_TOOLS,
                deployment());
        ChatResponse.Choice choice = r.choices().get(0);
        assertEquals("tool_calls", choice.finishReason());
        ToolCall call = choice.message().toolCalls().get(0);
        assertEquals("get_weather", call.name());
        assertFalse(call.id() == null || call.id().isEmpty(), "a tool call has an id to answer it by");
        JsonNode arguments = WireJson.MAPPER.readTree(call.arguments());
        assertEquals("Paris", arguments.get("location").asText());
    }

    @Test
    void textStreamDecodesIntoTheCanonicalSequence() {
        UpstreamRequest.Framing framing = adapter().toProviderRequest(STREAMED, deployment()).framing();
        List<ChatChunk> chunks = replay(textStreamBytes(), framing, adapter().newStreamDecoder(STREAMED, deployment()));
        assertEquals(TEXT, StreamReplay.content(chunks));
        assertEquals("assistant", chunks.get(0).choices().get(0).delta().role());
        assertEquals(List.of("stop"), chunks.stream().flatMap(c -> c.choices().stream())
                .map(ChatChunk.Choice::finishReason).filter(f -> f != null).toList());
        ChatChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty() && last.usage() != null, "usage comes last, on its own");
        assertEquals(3, last.usage().completionTokens());
    }

    /**
     * As {@code ChatStream} reads a stream: until the decoder saw its end or the body ended (Gemini's streams have
     * no end marker), the body handed over 1 to 7 bytes at a time; {@code finish()} refuses an unfinished answer.
     */
    private static List<ChatChunk> replay(byte[] body, UpstreamRequest.Framing framing, StreamDecoder decoder) {
        UpstreamStream stream = UpstreamStream.of(new StreamReplay.Dribble(body), framing);
        CanonicalStream canonical = new CanonicalStream("group", true, "chatcmpl-fallback", 1_700_000_000L, 1);
        List<ChatChunk> out = new ArrayList<>();
        UpstreamEvent event;
        while (!decoder.done() && (event = stream.next()) != null) {
            for (ChatChunk c : decoder.decode(event)) {
                out.addAll(canonical.accept(c));
            }
        }
        out.addAll(canonical.finish());
        return out;
    }

    @Test
    void errorsMapByStatus() {
        assertEquals(ErrorKind.INVALID_REQUEST, map(400, Map.of()).kind());
        // The provider refused the gateway's credential, not the client's key: a 502, never a 401 (UpstreamErrors).
        assertEquals(ErrorKind.UPSTREAM_ERROR, map(401, Map.of()).kind());
        GatewayException limited = map(429, rateLimitHeaders());
        assertEquals(ErrorKind.RATE_LIMITED, limited.kind());
        if (rateLimitSaysWhenToRetry()) {
            assertNotNull(limited.retryAfter(), "the provider's retry-after is kept");
        }
    }

    private GatewayException map(int status, Map<String, List<String>> headers) {
        GatewayException e = adapter().toGatewayException(response(status, errorBody(status), headers), deployment());
        assertFalse(e.getMessage().contains(deployment().apiKey()), "no credential in an error message");
        assertFalse(e.getMessage().contains(deployment().apiBase().getHost()), "no upstream host in an error message");
        return e;
    }
}
