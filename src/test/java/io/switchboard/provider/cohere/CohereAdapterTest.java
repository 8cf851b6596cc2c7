package io.switchboard.provider.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ToolCall;
import io.switchboard.embedding.EmbeddingRequestReader;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cohere v2's request mapping field by field, and its recorded answers (vercel/ai fixtures) read back. */
class CohereAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CohereAdapter adapter = new CohereAdapter();

    static Deployment deployment(String base, boolean dropParams) {
        return new Deployment("d", "group", "cohere", "command-a-03-2025", URI.create(base), "co-secret-key-123456",
                null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, dropParams);
    }

    private static ChatRequest request(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    private static JsonNode body(UpstreamRequest r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static UpstreamResponse ok(String text) {
        return new UpstreamResponse(200, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fixture(String name) {
        return String.join("\n", Fixtures.lines("cohere/" + name));
    }

    @Test
    void everyFieldTakesCohereNames() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(request("""
                {"model":"group","stream":true,"messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA","detail":"low"}}]},
                  {"role":"assistant","content":null,"reasoning_content":"I will call get_weather",
                   "tool_calls":[{"id":"get_weather_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"get_weather_1","content":"18C"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"d","parameters":{"type":"object"}}}],
                 "tool_choice":"required","max_tokens":256,"temperature":0.2,"top_p":0.9,"top_k":40,
                 "stop":["END"],"seed":7,"user":"u1","frequency_penalty":0.5,
                 "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}}}
                """), deployment("https://api.cohere.com/", false));

        assertEquals(URI.create("https://api.cohere.com/v2/chat"), r.uri());
        assertEquals("Bearer co-secret-key-123456", r.headers().get("Authorization"));
        assertEquals(UpstreamRequest.Framing.SSE, r.framing());
        JsonNode b = body(r);
        assertEquals("command-a-03-2025", b.get("model").asText());
        assertTrue(b.get("stream").asBoolean());
        assertFalse(b.has("stream_options"));
        JsonNode m = b.get("messages");
        assertEquals("{\"role\":\"system\",\"content\":\"be brief\"}", m.get(0).toString());
        assertEquals("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Weather in Paris?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAA\",\"detail\":\"low\"}}]}",
                m.get(1).toString());
        assertEquals("{\"role\":\"assistant\",\"tool_plan\":\"I will call get_weather\",\"tool_calls\":[{\"id\":"
                + "\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":"
                + "\"{\\\"location\\\":\\\"Paris\\\"}\"}}]}", m.get(2).toString());
        assertEquals("{\"role\":\"tool\",\"tool_call_id\":\"get_weather_1\",\"content\":[{\"type\":\"document\","
                + "\"document\":{\"data\":\"18C\"}}]}", m.get(3).toString());
        assertEquals("get_weather", b.at("/tools/0/function/name").asText());
        assertEquals("d", b.at("/tools/0/function/description").asText());
        assertEquals("REQUIRED", b.get("tool_choice").asText());
        assertEquals("{\"type\":\"json_object\",\"json_schema\":{\"type\":\"object\"}}", b.get("response_format").toString());
        assertEquals(256, b.get("max_tokens").asInt());
        assertEquals(0.2, b.get("temperature").asDouble());
        assertEquals(0.9, b.get("p").asDouble());
        assertEquals(40, b.get("k").asInt());
        assertEquals("[\"END\"]", b.get("stop_sequences").toString());
        assertEquals(7, b.get("seed").asInt());
        assertEquals(0.5, b.get("frequency_penalty").asDouble());
        for (String openAiName : List.of("top_p", "top_k", "stop", "user", "n", "max_completion_tokens")) {
            assertFalse(b.has(openAiName), openAiName);
        }
    }

    @Test
    void namedToolChoiceOffersOnlyThatToolAndNoneAndAutoMapToCohere() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"a\"}},"
                + "{\"type\":\"function\",\"function\":{\"name\":\"b\"}}]";
        JsonNode named = body(adapter.toProviderRequest(request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]," + tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"b\"}}}"),
                deployment("http://up", false)));
        assertEquals(1, named.get("tools").size());
        assertEquals("b", named.at("/tools/0/function/name").asText());
        assertEquals("REQUIRED", named.get("tool_choice").asText());
        JsonNode none = body(adapter.toProviderRequest(request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]," + tools + ",\"tool_choice\":\"none\",\"max_completion_tokens\":9}"),
                deployment("http://up", false)));
        assertEquals("NONE", none.get("tool_choice").asText());
        assertEquals(9, none.get("max_tokens").asInt());
        assertFalse(none.get("stream").asBoolean());
        JsonNode auto = body(adapter.toProviderRequest(request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"x\"}]," + tools + ",\"tool_choice\":\"auto\",\"response_format\":{\"type\":\"json_object\"}}"),
                deployment("http://up", false)));
        assertFalse(auto.has("tool_choice"));
        assertEquals("{\"type\":\"json_object\"}", auto.get("response_format").toString());
    }

    @Test
    void parametersCohereCannotHonourAreRefusedUnlessDropped() throws Exception {
        ChatRequest twoChoices = request("{\"model\":\"g\",\"n\":2,\"logprobs\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        GatewayException e = assertThrows(GatewayException.class,
                () -> adapter.toProviderRequest(twoChoices, deployment("http://up", false)));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals("n", e.param());
        JsonNode dropped = body(adapter.toProviderRequest(twoChoices, deployment("http://up", true)));
        assertFalse(dropped.has("n"));
        assertFalse(dropped.has("logprobs"));
    }

    @Test
    void recordedTextAnswerReadsBilledUnits() {
        ChatResponse r = adapter.fromProviderResponse(ok(fixture("cohere-text.json")), (ChatRequest) null, deployment("http://up", false));

        assertEquals("e7592632-1e3d-424f-b129-bd5f9f980f7b", r.id());
        assertEquals("command-a-03-2025", r.model());
        assertEquals("The capital of France is Paris.", r.choices().get(0).message().text());
        assertEquals("stop", r.choices().get(0).finishReason());
        assertEquals(12, r.usage().promptTokens());
        assertEquals(7, r.usage().completionTokens());
        assertEquals(19, r.usage().totalTokens());
    }

    @Test
    void recordedToolCallAnswerKeepsIdsArgumentsAndThePlanAsReasoning() {
        ChatResponse r = adapter.fromProviderResponse(ok(fixture("cohere-tool-call.json")), (ChatRequest) null,
                deployment("http://up", false));

        var message = r.choices().get(0).message();
        assertEquals("tool_calls", r.choices().get(0).finishReason());
        assertNull(message.content());
        assertEquals(List.of(new ToolCall("weather_dqgshstja6p9", "function", "weather", "{\"location\":\"San Francisco\"}"),
                new ToolCall("cityAttractions_dcxfx4myvx68", "function", "cityAttractions", "{\"city\":\"San Francisco\"}")),
                message.toolCalls());
        assertTrue(message.reasoningContent().startsWith("I will use the weather tool"));
        assertEquals(119, r.usage().promptTokens());
        assertEquals(52, r.usage().completionTokens());
    }

    @Test
    void citationsStayOnTheMessageAsAnExtraField() {
        ChatResponse r = adapter.fromProviderResponse(ok("{\"id\":\"x\",\"finish_reason\":\"COMPLETE\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Paris.\"}],\"citations\":"
                + "[{\"start\":0,\"end\":6,\"text\":\"Paris.\",\"sources\":[{\"type\":\"document\",\"id\":\"doc:0\"}]}]}}"),
                (ChatRequest) null, deployment("http://up", false));
        assertEquals("doc:0", r.choices().get(0).message().extra().at("/citations/0/sources/0/id").asText());
        assertEquals("stop", r.choices().get(0).finishReason());
        assertNull(r.usage());
    }

    @Test
    void finishReasonsMapAndErrorIsAFailure() {
        assertEquals("stop", CohereResponseReader.finishReason("COMPLETE", false));
        assertEquals("stop", CohereResponseReader.finishReason("STOP_SEQUENCE", false));
        assertEquals("length", CohereResponseReader.finishReason("MAX_TOKENS", false));
        assertEquals("tool_calls", CohereResponseReader.finishReason("TOOL_CALL", true));
        GatewayException e = assertThrows(GatewayException.class,
                () -> adapter.fromProviderResponse(ok("{\"id\":\"x\",\"finish_reason\":\"ERROR\",\"message\":"
                        + "{\"role\":\"assistant\",\"content\":[]}}"), (ChatRequest) null, deployment("http://up", false)));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
    }

    @Test
    void usageFallsBackToTokensWithoutBilledUnits() throws Exception {
        var usage = CohereResponseReader.usage(JSON.readTree("{\"tokens\":{\"input_tokens\":5,\"output_tokens\":3}}"));
        assertEquals(5, usage.promptTokens());
        assertEquals(3, usage.completionTokens());
    }

    @Test
    void embedRequestAndRecordedAnswer() throws Exception {
        var request = EmbeddingRequestReader.read(JSON.readTree(
                "{\"model\":\"g\",\"input\":[\"sunny day at the beach\",\"rainy day in the city\"],\"dimensions\":256}"));
        UpstreamRequest r = adapter.toProviderRequest(request, deployment("https://api.cohere.com", false));
        assertEquals(URI.create("https://api.cohere.com/v2/embed"), r.uri());
        assertEquals("{\"model\":\"command-a-03-2025\",\"texts\":[\"sunny day at the beach\",\"rainy day in the city\"],"
                + "\"input_type\":\"search_document\",\"embedding_types\":[\"float\"],\"output_dimension\":256}",
                new String(r.body(), StandardCharsets.UTF_8));
        var query = EmbeddingRequestReader.read(JSON.readTree("{\"model\":\"g\",\"input\":\"q\",\"input_type\":\"search_query\"}"));
        assertEquals("search_query", body(adapter.toProviderRequest(query, deployment("http://up", false)))
                .get("input_type").asText());

        EmbeddingResponse e = adapter.fromProviderResponse(ok(fixture("cohere-embedding.json")), request,
                deployment("http://up", false));
        assertEquals(2, e.vectors().size());
        assertEquals(0.03302002f, e.vectors().get(0)[0]);
        assertEquals(-0.010360718f, e.vectors().get(1)[4]);
        assertEquals(10, e.promptTokens());
    }

    @Test
    void errorsMapByStatusWithoutLeakingTheKey() {
        Deployment d = deployment("http://up", false);
        GatewayException unauthorized = adapter.toGatewayException(new UpstreamResponse(401, Map.of(),
                "{\"id\":\"e1\",\"message\":\"invalid api token\"}".getBytes(StandardCharsets.UTF_8)), d);
        assertEquals(ErrorKind.UPSTREAM_ERROR, unauthorized.kind());
        assertEquals(ErrorKind.UPSTREAM_ERROR, adapter.toGatewayException(new UpstreamResponse(498, Map.of(),
                "{\"message\":\"invalid token\"}".getBytes(StandardCharsets.UTF_8)), d).kind());
        GatewayException limited = adapter.toGatewayException(new UpstreamResponse(429, Map.of(),
                "{\"message\":\"You are using a Trial key, which is limited to 20 API calls / minute.\"}"
                        .getBytes(StandardCharsets.UTF_8)), d);
        assertEquals(ErrorKind.RATE_LIMITED, limited.kind());
        GatewayException bad = adapter.toGatewayException(new UpstreamResponse(400, Map.of(),
                "{\"id\":\"e2\",\"message\":\"invalid request: key co-secret-key-123456 used wrongly\"}"
                        .getBytes(StandardCharsets.UTF_8)), d);
        assertEquals(ErrorKind.INVALID_REQUEST, bad.kind());
        assertEquals("invalid request: key [redacted] used wrongly", bad.getMessage());
    }
}
