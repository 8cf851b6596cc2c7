package io.switchboard.provider.ollama;

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
import io.switchboard.embedding.EmbeddingRequestReader;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ollama's /api/chat and /api/embed mapping field by field, on the documented examples (hand-made fixtures). */
class OllamaAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OllamaAdapter adapter = new OllamaAdapter();

    static Deployment deployment(String key, boolean dropParams) {
        return new Deployment("d", "group", "ollama", "llama3.2", URI.create("http://127.0.0.1:11434/"), key, null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, dropParams);
    }

    private static ChatRequest request(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    private static JsonNode body(UpstreamRequest r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static UpstreamResponse response(int status, String text) {
        return new UpstreamResponse(status, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyFieldGoesWhereOllamaReadsIt() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(request("""
                {"model":"group","stream":true,"messages":[
                  {"role":"developer","content":"be brief"},
                  {"role":"user","content":[{"type":"text","text":"what is this"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                    "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_1","content":"18C"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","max_tokens":256,"temperature":0.2,"top_p":0.9,"stop":["END"],"seed":1,
                 "reasoning_effort":"low","keep_alive":"5m","top_k":40,"options":{"num_ctx":8192},
                 "response_format":{"type":"json_object"}}
                """), deployment(null, false));

        assertEquals(URI.create("http://127.0.0.1:11434/api/chat"), r.uri());
        assertEquals(UpstreamRequest.Framing.NDJSON, r.framing());
        assertNull(r.headers().get("Authorization"));
        JsonNode b = body(r);
        assertEquals("llama3.2", b.get("model").asText());
        assertTrue(b.get("stream").asBoolean());
        JsonNode m = b.get("messages");
        assertEquals("{\"role\":\"system\",\"content\":\"be brief\"}", m.get(0).toString());
        assertEquals("{\"role\":\"user\",\"content\":\"what is this\",\"images\":[\"iVBORw0KGgo=\"]}", m.get(1).toString());
        assertEquals("{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_weather\","
                + "\"arguments\":{\"location\":\"Paris\"}}}]}", m.get(2).toString());
        assertEquals("{\"role\":\"tool\",\"content\":\"18C\",\"tool_name\":\"get_weather\"}", m.get(3).toString());
        assertEquals("get_weather", b.at("/tools/0/function/name").asText());
        assertFalse(b.has("tool_choice"));
        assertEquals("json", b.get("format").asText());
        assertEquals("{\"temperature\":0.2,\"top_p\":0.9,\"num_predict\":256,\"stop\":[\"END\"],\"seed\":1,"
                + "\"top_k\":40,\"num_ctx\":8192}", b.get("options").toString());
        assertTrue(b.get("think").asBoolean());
        assertEquals("5m", b.get("keep_alive").asText());
        for (String openAiName : new String[] {"max_tokens", "temperature", "top_p", "stop", "seed", "response_format",
                "reasoning_effort", "top_k"}) {
            assertFalse(b.has(openAiName), openAiName);
        }
    }

    @Test
    void streamIsSentFalseExplicitlyAndASchemaIsTheFormat() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(request("""
                {"model":"g","messages":[{"role":"user","content":"x"}],"reasoning_effort":"none",
                 "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object",
                 "properties":{"age":{"type":"integer"}}}}}}
                """), deployment("ol-key-123456789", false));
        JsonNode b = body(r);
        assertFalse(b.get("stream").asBoolean());
        assertNull(r.framing());
        assertEquals("Bearer ol-key-123456789", r.headers().get("Authorization"));
        assertEquals("{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"integer\"}}}", b.get("format").toString());
        assertFalse(b.get("think").asBoolean());
        assertFalse(b.has("options"));
    }

    @Test
    void whatOllamaCannotDoIsRefusedUnlessDropped() throws Exception {
        ChatRequest required = request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"required\"}");
        GatewayException e = assertThrows(GatewayException.class,
                () -> adapter.toProviderRequest(required, deployment(null, false)));
        assertEquals("tool_choice", e.param());
        assertEquals("f", body(adapter.toProviderRequest(required, deployment(null, true))).at("/tools/0/function/name").asText());
        ChatRequest none = request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"none\"}");
        assertFalse(body(adapter.toProviderRequest(none, deployment(null, false))).has("tools"));
        ChatRequest remoteImage = request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":"
                + "\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]}]}");
        assertEquals(ErrorKind.INVALID_REQUEST, assertThrows(GatewayException.class,
                () -> adapter.toProviderRequest(remoteImage, deployment(null, true))).kind());
    }

    @Test
    void documentedToolAnswerGetsAStringArgumentAnIdAndToolCallsFinish() {
        ChatResponse r = adapter.fromProviderResponse(response(200,
                String.join("\n", Fixtures.lines("ollama/handmade-chat-tools.json"))), (ChatRequest) null,
                deployment(null, false));

        var choice = r.choices().get(0);
        assertEquals("tool_calls", choice.finishReason());
        assertNull(choice.message().content());
        var call = choice.message().toolCalls().get(0);
        assertEquals("get_current_weather", call.name());
        assertEquals("{\"format\":\"celsius\",\"location\":\"Paris, FR\"}", call.arguments());
        assertTrue(call.id().startsWith("call_"));
        assertEquals("llama3.2", r.model());
        assertEquals(1721680408L, r.created());
        assertEquals(122, r.usage().promptTokens());
        assertEquals(33, r.usage().completionTokens());
    }

    @Test
    void textAnswerWithThinkingAndLength() {
        ChatResponse r = adapter.fromProviderResponse(response(200, "{\"model\":\"qwen3\",\"created_at\":"
                + "\"2023-08-04T08:52:19.385406455-07:00\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\","
                + "\"thinking\":\"greet\"},\"done_reason\":\"length\",\"done\":true,\"eval_count\":2}"),
                (ChatRequest) null, deployment(null, false));
        assertEquals("Hi", r.choices().get(0).message().text());
        assertEquals("greet", r.choices().get(0).message().reasoningContent());
        assertEquals("length", r.choices().get(0).finishReason());
        assertEquals(1691164339L, r.created());
        assertEquals(0, r.usage().promptTokens()); // a fully cached prompt has no prompt_eval_count
        assertEquals(2, r.usage().completionTokens());
    }

    @Test
    void embedRequestAndAnswer() throws Exception {
        var request = EmbeddingRequestReader.read(JSON.readTree("{\"model\":\"g\",\"input\":[\"a\",\"b\"],\"dimensions\":4}"));
        UpstreamRequest r = adapter.toProviderRequest(request, deployment(null, false));
        assertEquals(URI.create("http://127.0.0.1:11434/api/embed"), r.uri());
        assertEquals("{\"model\":\"llama3.2\",\"input\":[\"a\",\"b\"],\"dimensions\":4}", new String(r.body(), StandardCharsets.UTF_8));
        EmbeddingResponse e = adapter.fromProviderResponse(response(200, "{\"model\":\"all-minilm\",\"embeddings\":"
                + "[[0.010071029,-0.0017594862],[-0.0098027075,0.06042469]],\"total_duration\":14143917,"
                + "\"load_duration\":1019500,\"prompt_eval_count\":8}"), request, deployment(null, false));
        assertEquals(2, e.vectors().size());
        assertEquals(0.06042469f, e.vectors().get(1)[1]);
        assertEquals(8, e.promptTokens());
        assertEquals("all-minilm", e.model());
    }

    @Test
    void errorsByStatus() {
        GatewayException notPulled = adapter.toGatewayException(response(404,
                "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}"), deployment(null, false));
        assertEquals(ErrorKind.NOT_FOUND, notPulled.kind());
        assertEquals("model \"llama9\" not found, try pulling it first", notPulled.getMessage());
        assertEquals(ErrorKind.INVALID_REQUEST, adapter.toGatewayException(response(400,
                "{\"error\":\"invalid message format\"}"), deployment(null, false)).kind());
        GatewayException crashed = adapter.toGatewayException(response(500,
                "{\"error\":\"llama runner process has terminated\"}"), deployment(null, false));
        assertEquals(ErrorKind.UPSTREAM_ERROR, crashed.kind());
        assertFalse(crashed.getMessage().contains("runner"));
    }
}
