package io.switchboard.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request translation field by field, recorded responses read back, and Anthropic's errors mapped. */
class AnthropicAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AnthropicAdapter adapter = new AnthropicAdapter();

    static Deployment deployment(String base, Integer maxOutput, boolean dropParams, Map<String, JsonNode> params) {
        return new Deployment("d", "claude", "anthropic", "claude-sonnet-4-5", URI.create(base), "sk-ant-up-key-123",
                null, Duration.ofSeconds(5), Duration.ofSeconds(5), params,
                new ModelFacts(200_000, maxOutput, null, null, "chat"), dropParams);
    }

    private static final Deployment DEPLOYMENT = deployment("https://api.anthropic.com", 64_000, false, Map.of());

    private static ChatRequest request(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    private JsonNode body(String requestJson, Deployment d) throws Exception {
        return JSON.readTree(adapter.toProviderRequest(request(requestJson), d).body());
    }

    private JsonNode body(String requestJson) throws Exception {
        return body(requestJson, DEPLOYMENT);
    }

    @Test
    void conversationIsTranslatedFieldByField() throws Exception {
        JsonNode body = body("""
                {"model":"claude","stream":true,"temperature":0.2,"top_p":0.9,"stop":["\\n\\nHuman:"," "],"user":"u-1",
                 "parallel_tool_calls":false,"tool_choice":"required","top_k":5,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
                 "messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"developer","content":"use metric"},
                  {"role":"user","content":"Weather in Paris?"},
                  {"role":"user","content":"And Rome?"},
                  {"role":"assistant","content":"Let me check.",
                   "thinking_blocks":[{"type":"thinking","thinking":"two calls","signature":"EqQBsig"}],
                   "tool_calls":[{"id":"toolu_A","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}},
                                 {"id":"toolu_B","type":"function","function":{"name":"get_weather","arguments":""}}]},
                  {"role":"tool","tool_call_id":"toolu_A","content":"18C sunny"},
                  {"role":"tool","tool_call_id":"toolu_B","content":[{"type":"text","text":"21C"}]},
                  {"role":"user","content":"thanks"}]}
                """);

        JsonNode expected = JSON.readTree("""
                {"model":"claude-sonnet-4-5","max_tokens":64000,
                 "system":[{"type":"text","text":"be brief"},{"type":"text","text":"use metric"}],
                 "messages":[
                  {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},{"type":"text","text":"And Rome?"}]},
                  {"role":"assistant","content":[
                    {"type":"thinking","thinking":"two calls","signature":"EqQBsig"},
                    {"type":"text","text":"Let me check."},
                    {"type":"tool_use","id":"toolu_A","name":"get_weather","input":{"location":"Paris"}},
                    {"type":"tool_use","id":"toolu_B","name":"get_weather","input":{}}]},
                  {"role":"user","content":[
                    {"type":"tool_result","tool_use_id":"toolu_A","content":"18C sunny"},
                    {"type":"tool_result","tool_use_id":"toolu_B","content":[{"type":"text","text":"21C"}]},
                    {"type":"text","text":"thanks"}]}],
                 "stream":true,"temperature":0.2,"top_p":0.9,"stop_sequences":["\\n\\nHuman:"],
                 "metadata":{"user_id":"u-1"},
                 "tools":[{"name":"get_weather","description":"Get weather",
                   "input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "top_k":5}
                """);
        assertEquals(expected, body);
    }

    @Test
    void headersEndpointAndBeta() throws Exception {
        Deployment d = deployment("https://gw.example/anthropic/v1/", 64_000, false,
                Map.of("anthropic_beta", JSON.readTree("[\"prompt-caching-2024-07-31\",\"output-128k-2025-02-19\"]")));
        UpstreamRequest r = adapter.toProviderRequest(request("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), d);

        assertEquals(URI.create("https://gw.example/anthropic/v1/messages"), r.uri());
        assertEquals("sk-ant-up-key-123", r.headers().get("x-api-key"));
        assertEquals("2023-06-01", r.headers().get("anthropic-version"));
        assertEquals("prompt-caching-2024-07-31,output-128k-2025-02-19", r.headers().get("anthropic-beta"));
        assertNull(r.headers().get("Authorization"));
        assertFalse(r.streaming());
        assertEquals(URI.create("https://api.anthropic.com/v1/messages"),
                adapter.toProviderRequest(request("{\"model\":\"c\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                        DEPLOYMENT).uri());
        assertEquals(URI.create("http://127.0.0.1:9/v1/messages"),
                AnthropicAdapter.endpoint(deployment("http://127.0.0.1:9/v1/messages", null, false, Map.of())));
        Deployment viaExtraHeaders = deployment("https://a", null, false,
                Map.of("extra_headers", JSON.readTree("{\"anthropic-beta\":\"context-1m-2025-08-07\"}")));
        assertEquals("context-1m-2025-08-07", adapter.toProviderRequest(request(
                "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), viaExtraHeaders)
                .headers().get("anthropic-beta"));
        assertNull(adapter.toProviderRequest(request("{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                DEPLOYMENT).headers().get("anthropic-beta"));
        assertEquals("https://api.anthropic.com", adapter.defaults("anthropic").baseUrl());
        assertEquals("ANTHROPIC_API_KEY", adapter.defaults("anthropic").keyEnvVar());
    }

    @Test
    void maxTokensComesFromTheClientTheModelTableOrTheFallback() throws Exception {
        String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertEquals(300, body("{\"model\":\"c\",\"max_tokens\":100,\"max_completion_tokens\":300," + hi + "}")
                .get("max_tokens").asInt());
        assertEquals(100, body("{\"model\":\"c\",\"max_tokens\":100," + hi + "}").get("max_tokens").asInt());
        assertEquals(64000, body("{\"model\":\"c\"," + hi + "}").get("max_tokens").asInt());
        assertEquals(4096, body("{\"model\":\"c\"," + hi + "}", deployment("https://a", null, false, Map.of()))
                .get("max_tokens").asInt());
    }

    @Test
    void imagesAndCacheControl() throws Exception {
        JsonNode body = body("""
                {"model":"c","messages":[
                  {"role":"system","content":[{"type":"text","text":"long rules","cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","cache_control":{"type":"ephemeral","ttl":"1h"},"content":[
                    {"type":"text","text":"what are these"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                    {"type":"image_url","image_url":{"url":"https://example.com/cat.jpg","detail":"high"}}]}]}
                """);

        assertEquals(JSON.readTree("[{\"type\":\"text\",\"text\":\"long rules\",\"cache_control\":{\"type\":\"ephemeral\"}}]"),
                body.get("system"));
        assertEquals(JSON.readTree("""
                [{"role":"user","content":[
                  {"type":"text","text":"what are these"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"},
                   "cache_control":{"type":"ephemeral","ttl":"1h"}}]}]
                """), body.get("messages"));
        assertEquals("be brief", body("{\"model\":\"c\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}").get("system").asText());
    }

    @Test
    void filePartsAreDocumentsPdfAsBase64AndPlainTextAsText() throws Exception {
        JsonNode content = body("""
                {"model":"c","messages":[{"role":"user","content":[{"type":"text","text":"compare"},
                  {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0xLjQ=","filename":"a.pdf"}},
                  {"type":"file","file":{"file_data":"data:text/plain;base64,aMOpbGxvIHdvcmxk","filename":"b.txt"}}]}]}
                """).at("/messages/0/content");
        assertEquals(JSON.readTree("""
                [{"type":"text","text":"compare"},
                 {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0xLjQ="}},
                 {"type":"document","source":{"type":"text","media_type":"text/plain","data":"h\u00e9llo world"}}]
                """), content);
        GatewayException csv = assertThrows(GatewayException.class, () -> body("""
                {"model":"c","messages":[{"role":"user","content":[
                  {"type":"file","file":{"file_data":"data:text/csv;base64,YSxi"}}]}]}
                """));
        assertEquals("messages[0].content[0].file.file_data", csv.param());
        assertEquals(ErrorKind.INVALID_REQUEST, csv.kind());
    }

    @Test
    void unreadableImagesAndArgumentsAreRefusedNamingThePlace() {
        GatewayException image = assertThrows(GatewayException.class, () -> body("""
                {"model":"c","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/tiff;base64,AAAA"}}]}]}
                """));
        assertEquals("messages[0].content[0].image_url.url", image.param());
        GatewayException args = assertThrows(GatewayException.class, () -> body("""
                {"model":"c","messages":[{"role":"user","content":"hi"},{"role":"assistant","tool_calls":[
                  {"id":"t","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}
                """));
        assertEquals("messages[1].tool_calls[0].function.arguments", args.param());
        assertEquals(ErrorKind.INVALID_REQUEST, args.kind());
    }

    @Test
    void toolChoiceMapping() throws Exception {
        String base = "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],";
        assertEquals(JSON.readTree("{\"type\":\"auto\"}"), body(base + "\"tool_choice\":\"auto\"}").get("tool_choice"));
        assertEquals(JSON.readTree("{\"type\":\"none\"}"), body(base + "\"tool_choice\":\"none\"}").get("tool_choice"));
        assertEquals(JSON.readTree("{\"type\":\"tool\",\"name\":\"f\"}"),
                body(base + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}").get("tool_choice"));
        assertEquals(JSON.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"),
                body(base + "\"parallel_tool_calls\":false}").get("tool_choice"));
        JsonNode noChoice = body(base + "\"parallel_tool_calls\":true}");
        assertFalse(noChoice.has("tool_choice"));
        assertEquals(JSON.readTree("{\"type\":\"object\",\"properties\":{}}"), noChoice.at("/tools/0/input_schema"));
    }

    @Test
    void jsonSchemaResponseFormatIsAForcedTool() throws Exception {
        JsonNode body = body("""
                {"model":"c","messages":[{"role":"user","content":"hi"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"name":{"type":"string"}}}}}}
                """);
        assertEquals(JSON.readTree("[{\"name\":\"json_tool_call\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}}]"),
                body.get("tools"));
        assertEquals(JSON.readTree("{\"type\":\"tool\",\"name\":\"json_tool_call\"}"), body.get("tool_choice"));
        assertFalse(body.has("response_format"));
    }

    @Test
    void reasoningEffortAndThinkingBecomeExtendedThinking() throws Exception {
        String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        assertEquals(JSON.readTree("{\"type\":\"enabled\",\"budget_tokens\":2048}"),
                body("{\"model\":\"c\",\"reasoning_effort\":\"medium\"," + hi + "}").get("thinking"));
        JsonNode given = body("{\"model\":\"c\",\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":5000}," + hi + "}",
                deployment("https://a", null, false, Map.of()));
        assertEquals(5000, given.at("/thinking/budget_tokens").asInt());
        assertEquals(5000 + 4096, given.get("max_tokens").asInt(), "a defaulted max_tokens stays above the budget");
        assertFalse(body("{\"model\":\"c\",\"reasoning_effort\":\"none\"," + hi + "}").has("thinking"));
        assertFalse(body("{\"model\":\"c\",\"reasoning_effort\":\"medium\"," + hi + "}").has("reasoning_effort"));
    }

    @Test
    void unsupportedParamsAreRefusedOrDropped() throws Exception {
        String hi = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
        Map<String, String> params = Map.of("n", "2", "logprobs", "true", "seed", "7", "presence_penalty", "0.5",
                "frequency_penalty", "0.5", "logit_bias", "{\"50256\":-100}", "top_logprobs", "2", "temperature", "1.5");
        Deployment dropping = deployment("https://a", 1000, true, Map.of());
        for (var p : params.entrySet()) {
            String json = "{\"model\":\"c\",\"" + p.getKey() + "\":" + p.getValue() + "," + hi + "}";
            GatewayException e = assertThrows(GatewayException.class, () -> body(json), p.getKey());
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertEquals(p.getKey(), e.param());
            assertTrue(e.getMessage().contains("'" + p.getKey() + "'"), e.getMessage());
            JsonNode dropped = body(json, dropping);
            assertFalse(dropped.has(p.getKey()), p.getKey());
            assertEquals(List.of("model", "max_tokens", "messages"), fieldNames(dropped), p.getKey());
        }
        assertFalse(body("{\"model\":\"c\",\"n\":1,\"logprobs\":false," + hi + "}").has("n"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static UpstreamResponse response(int status, String body, Map<String, List<String>> headers) {
        return new UpstreamResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private ChatResponse read(String fixture, String requestJson) throws Exception {
        String body = AnthropicStreamDecoderTest.raw(fixture);
        return adapter.fromProviderResponse(response(200, body, Map.of()), request(requestJson), DEPLOYMENT);
    }

    @Test
    void recordedTextResponse() throws Exception {
        ChatResponse r = read("anthropic-text.json", "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertEquals("msg_01TestTextResponse", r.id());
        assertEquals("claude-opus-4-7", r.model());
        ChatResponse.Choice c = r.choices().get(0);
        assertEquals("Hello!", c.message().text());
        assertEquals("stop", c.finishReason());
        assertTrue(c.message().toolCalls().isEmpty());
        assertNull(c.message().reasoningContent());
        assertEquals(new io.switchboard.chat.Usage(10, 5, 15, 0, 0), r.usage());
    }

    @Test
    void recordedThinkingAndToolCallResponse() throws Exception {
        ChatResponse r = read("issue-13430-thinking-tool-call.json",
                "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        ChatMessage m = r.choices().get(0).message();
        assertNull(m.content());
        assertEquals("The user wants me to call checkSandboxErrors immediately.", m.reasoningContent());
        assertEquals("thinking", m.extra().at("/thinking_blocks/0/type").asText());
        assertTrue(m.extra().at("/thinking_blocks/0/signature").asText().startsWith("Eq4CCpIBCBIYAipAM"));
        assertEquals(new io.switchboard.chat.ToolCall("toolu_017R7ACrx7NF7sLDDtvdQ1u9", "function",
                "checkSandboxErrors", "{}"), m.toolCalls().get(0));
        assertEquals("tool_calls", r.choices().get(0).finishReason());
        assertEquals(new io.switchboard.chat.Usage(599, 59, 658, 0, 18), r.usage());
    }

    @Test
    void forcedJsonToolAnswerIsTheContentAndCacheCountsJoinThePrompt() throws Exception {
        String body = """
                {"id":"msg_j","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[
                  {"type":"tool_use","id":"toolu_j","name":"json_tool_call","input":{"name":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":100,"output_tokens":9}}
                """;
        ChatResponse r = adapter.fromProviderResponse(response(200, body, Map.of()), request("""
                {"model":"claude","messages":[{"role":"user","content":"hi"}],"response_format":{"type":"json_object"}}
                """), DEPLOYMENT);
        assertEquals("{\"name\":\"Paris\"}", r.choices().get(0).message().text());
        assertTrue(r.choices().get(0).message().toolCalls().isEmpty());
        assertEquals("stop", r.choices().get(0).finishReason());
        assertEquals(new io.switchboard.chat.Usage(112, 9, 121, 100, 0), r.usage());
    }

    @Test
    void stopReasonsMapToFinishReasons() {
        assertEquals("stop", AnthropicResponseReader.finishReason("end_turn", false));
        assertEquals("stop", AnthropicResponseReader.finishReason("stop_sequence", false));
        assertEquals("length", AnthropicResponseReader.finishReason("max_tokens", false));
        assertEquals("tool_calls", AnthropicResponseReader.finishReason("tool_use", true));
        assertEquals("content_filter", AnthropicResponseReader.finishReason("refusal", false));
    }
}
