package io.switchboard.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Converse request translation field by field, responses read back, endpoints, auth choice and Bedrock's errors. */
class BedrockAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-23T22:52:13Z");
    private final BedrockAdapter adapter = new BedrockAdapter(Clock.fixed(NOW, ZoneOffset.UTC));

    static Deployment deployment(String model, String apiKey, boolean drop, Map<String, String> params) {
        Map<String, JsonNode> p = new HashMap<>();
        params.forEach((k, v) -> p.put(k, TextNode.valueOf(v)));
        return new Deployment("d", "claude", "bedrock", model, URI.create(BedrockAdapter.REGIONAL_BASE), apiKey, null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), p, ModelFacts.UNKNOWN, drop);
    }

    static final Map<String, String> KEYS = Map.of("aws_access_key_id", "AKIDEXAMPLE",
            "aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "aws_region_name", "eu-west-1");
    private static final Deployment CLAUDE = deployment("anthropic.claude-3-5-sonnet-20240620-v1:0", null, false, KEYS);

    private static ChatRequest request(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    private JsonNode body(String json, Deployment d) throws Exception {
        return JSON.readTree(adapter.toProviderRequest(request(json), d).body());
    }

    @Test
    void conversationIsTranslatedFieldByField() throws Exception {
        JsonNode body = body("""
                {"model":"claude","temperature":0.2,"top_p":0.9,"max_tokens":256,"stop":["END"],"user":"u-1",
                 "tool_choice":"required","top_k":5,
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather",
                   "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}],
                 "messages":[
                   {"role":"system","content":"be brief"},
                   {"role":"user","content":[{"type":"text","text":"Weather in Paris?"},
                     {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]},
                   {"role":"assistant","content":null,"tool_calls":[{"id":"tooluse_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                   {"role":"tool","tool_call_id":"tooluse_1","content":"18C"},
                   {"role":"user","content":"thanks"}]}
                """, CLAUDE);
        assertEquals(JSON.readTree("""
                {"messages":[
                  {"role":"user","content":[{"text":"Weather in Paris?"},
                    {"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}]},
                  {"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather",
                    "input":{"location":"Paris"}}}]},
                  {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"18C"}]}},
                    {"text":"thanks"}]}],
                 "system":[{"text":"be brief"}],
                 "inferenceConfig":{"maxTokens":256,"temperature":0.2,"topP":0.9,"stopSequences":["END"]},
                 "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Get weather",
                   "inputSchema":{"json":{"type":"object","properties":{"location":{"type":"string"}},
                   "required":["location"]}}}}],"toolChoice":{"any":{}}},
                 "additionalModelRequestFields":{"top_k":5}}
                """), body);
    }

    @Test
    void namedToolChoiceAndAutoMapToConverseUnions() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]";
        assertEquals(JSON.readTree("{\"tool\":{\"name\":\"f\"}}"), body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]," + tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\"}}}",
                CLAUDE).path("toolConfig").path("toolChoice"));
        assertEquals(JSON.readTree("{\"auto\":{}}"), body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]," + tools + ",\"tool_choice\":\"auto\"}", CLAUDE).path("toolConfig").path("toolChoice"));
        JsonNode schema = body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + tools + "}", CLAUDE)
                .path("toolConfig").path("tools").get(0).path("toolSpec").path("inputSchema").path("json");
        assertEquals("object", schema.path("type").asText(), "a tool without parameters gets an empty object schema");
    }

    @Test
    void toolChoiceNoneOffersNoToolsUnlessTheConversationHoldsToolBlocks() throws Exception {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"none\"";
        JsonNode plain = body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + tools + "}",
                CLAUDE);
        assertFalse(plain.has("toolConfig"), "with no tools offered the model cannot call one: 'none' honoured");

        String history = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"t1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"t1\",\"content\":\"done\"}]," + tools + "}";
        GatewayException refused = assertThrows(GatewayException.class, () -> body(history, CLAUDE));
        assertEquals(ErrorKind.INVALID_REQUEST, refused.kind());
        assertEquals("tool_choice", refused.param());
        JsonNode dropped = body(history, deployment("anthropic.claude-3-5-sonnet-20240620-v1:0", null, true, KEYS));
        assertEquals("f", dropped.at("/toolConfig/tools/0/toolSpec/name").asText(),
                "Converse needs the tools of a conversation with tool blocks");
        assertFalse(dropped.path("toolConfig").has("toolChoice"), "dropped as LiteLLM drops it");

        JsonNode json = body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]," + tools
                + ",\"response_format\":{\"type\":\"json_object\"}}", CLAUDE);
        assertEquals(1, json.at("/toolConfig/tools").size(), "only the forced JSON tool, no client tool");
        assertEquals("json_tool_call", json.at("/toolConfig/toolChoice/tool/name").asText());
    }

    @Test
    void endpointsEncodeTheModelIdAsOneSegment() throws Exception {
        String ask = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        UpstreamRequest plain = adapter.toProviderRequest(request(ask), CLAUDE);
        assertEquals("https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse",
                plain.uri().toString());
        assertNull(plain.framing());

        Map<String, String> noRegion = new HashMap<>(KEYS);
        noRegion.remove("aws_region_name");
        Deployment arn = deployment("converse/arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
                + "us.anthropic.claude-sonnet-4-20250514-v1:0", null, false, noRegion);
        UpstreamRequest streamed = adapter.toProviderRequest(request(ask.replace("}]}", "}],\"stream\":true}")), arn);
        assertEquals("https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A"
                + "123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-20250514-v1%3A0/converse-stream",
                streamed.uri().toString(), "the ARN names the region; 'converse/' is LiteLLM's route prefix");
        assertEquals(UpstreamRequest.Framing.BYTES, streamed.framing());
        assertEquals("application/vnd.amazon.eventstream", streamed.headers().get("Accept"));

        Deployment vpc = new Deployment("d", "g", "bedrock", "meta.llama3-70b-instruct-v1:0",
                URI.create("https://vpce-1.bedrock-runtime.eu-west-1.vpce.amazonaws.com/"), null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), CLAUDE.params(), ModelFacts.UNKNOWN, false);
        assertEquals("https://vpce-1.bedrock-runtime.eu-west-1.vpce.amazonaws.com/model/meta.llama3-70b-instruct-v1%3A0/converse",
                adapter.toProviderRequest(request(ask), vpc).uri().toString());
        Map<String, String> defaultRegion = new HashMap<>(noRegion);
        assertEquals("us-west-2", BedrockAdapter.region(deployment("amazon.nova-pro-v1:0", null, false, defaultRegion)));
    }

    @Test
    void aBedrockApiKeyIsSentAsBearerAndWinsOverSigV4() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}"), deployment("amazon.nova-pro-v1:0", "ABSKbedrock-key-123", false, KEYS));
        assertEquals("Bearer ABSKbedrock-key-123", r.headers().get("Authorization"));
        assertFalse(r.headers().containsKey("X-Amz-Date"));
        assertFalse(r.toString().contains("ABSK"), "the request's text form must not show the key");
    }

    @Test
    void noCredentialsIsAClear503() {
        GatewayException e = assertThrows(GatewayException.class, () -> adapter.toProviderRequest(request(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                deployment("amazon.nova-pro-v1:0", null, false, Map.of("aws_region_name", "us-east-1"))));
        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("no_credentials", e.code());
    }

    @Test
    void parametersConverseCannotTakeAreRefusedOrDropped() throws Exception {
        String ask = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"frequency_penalty\":0.5,\"n\":2}";
        GatewayException e = assertThrows(GatewayException.class, () -> body(ask, CLAUDE));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertTrue(e.param().equals("n") || e.param().equals("frequency_penalty"));
        JsonNode dropped = body(ask, deployment("anthropic.claude-3-5-sonnet-20240620-v1:0", null, true, KEYS));
        assertFalse(dropped.toString().contains("frequency"));
        assertThrows(GatewayException.class, () -> body("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]}]}", CLAUDE),
                "Converse takes image bytes, not URLs");
    }

    @Test
    void converseResponsesAreReadBack() throws Exception {
        ChatResponse text = read("""
                {"metrics":{"latencyMs":1864},"output":{"message":{"role":"assistant","content":[
                  {"reasoningContent":{"reasoningText":{"text":"count","signature":"sig"}}},
                  {"text":"There are **3** r's"}]}},"stopReason":"end_turn",
                 "usage":{"inputTokens":22,"outputTokens":57,"totalTokens":79,"cacheReadInputTokens":10,"cacheWriteInputTokens":5}}
                """);
        assertEquals("There are **3** r's", text.choices().get(0).message().text());
        assertEquals("count", text.choices().get(0).message().reasoningContent());
        assertEquals("stop", text.choices().get(0).finishReason());
        assertEquals(37, text.usage().promptTokens());
        assertEquals(57, text.usage().completionTokens());
        assertEquals(10, text.usage().cachedTokens());
        assertEquals("chatcmpl-req-1", text.id());

        ChatResponse tool = read("""
                {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"tool-use-id","name":"bash",
                  "input":{"command":"ls -l"}}}]}},"stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":2}}
                """);
        var call = tool.choices().get(0).message().toolCalls().get(0);
        assertEquals("tool-use-id", call.id());
        assertEquals("{\"command\":\"ls -l\"}", call.arguments());
        assertEquals("tool_calls", tool.choices().get(0).finishReason());
        assertEquals("length", BedrockResponseReader.finishReason("max_tokens", false));
        assertEquals("content_filter", BedrockResponseReader.finishReason("guardrail_intervened", false));
    }

    @Test
    void structuredOutputIsAForcedJsonToolWhoseInputComesBackAsTheContent() throws Exception {
        String ask = """
                {"model":"claude","messages":[{"role":"user","content":"Where?"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"place","schema":{"type":"object",
                   "properties":{"city":{"type":"string"}},"required":["city"]}}}}
                """;
        JsonNode toolConfig = body(ask, CLAUDE).get("toolConfig");
        assertEquals(JSON.readTree("""
                {"tools":[{"toolSpec":{"name":"json_tool_call","inputSchema":{"json":{"type":"object",
                  "properties":{"city":{"type":"string"}},"required":["city"]}}}}],
                 "toolChoice":{"tool":{"name":"json_tool_call"}}}
                """), toolConfig);
        assertEquals("json_tool_call", body("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"hi\"}],\"response_format\":{\"type\":\"json_object\"}}", CLAUDE)
                .at("/toolConfig/toolChoice/tool/name").asText());

        ChatResponse answer = adapter.fromProviderResponse(new UpstreamResponse(200, Map.of(), """
                {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"json_tool_call",
                  "input":{"city":"Paris"}}}]}},"stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":2}}
                """.getBytes(StandardCharsets.UTF_8)), request(ask), CLAUDE);
        assertEquals("{\"city\":\"Paris\"}", answer.choices().get(0).message().text());
        assertTrue(answer.choices().get(0).message().toolCalls().isEmpty());
        assertEquals("stop", answer.choices().get(0).finishReason());

        ChatResponse realTool = read("""
                {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"t2","name":"json_tool_call",
                  "input":{}}}]}},"stopReason":"tool_use","usage":{"inputTokens":1,"outputTokens":2}}
                """);
        assertEquals(1, realTool.choices().get(0).message().toolCalls().size(),
                "without response_format, a client's own tool of that name is a tool call");
    }

    @Test
    void reasoningEffortOnClaudeIsThinkingWithRoomForItsBudget() throws Exception {
        String ask = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"reasoning_effort\":\"high\"}";
        Deployment profile = deployment("us.anthropic.claude-sonnet-4-20250514-v1:0", null, false, KEYS);
        JsonNode body = body(ask, profile);
        assertEquals(JSON.readTree("{\"type\":\"enabled\",\"budget_tokens\":4096}"),
                body.at("/additionalModelRequestFields/thinking"));
        assertEquals(8192, body.at("/inferenceConfig/maxTokens").asInt(), "above the 4096 budget");
        assertEquals(16000, body(ask.replace("\"high\"}", "\"high\",\"max_tokens\":16000}"), profile)
                .at("/inferenceConfig/maxTokens").asInt(), "the client's own limit stands");
        assertTrue(body(ask.replace("high", "none"), profile).path("additionalModelRequestFields").isMissingNode());

        Deployment llama = deployment("meta.llama3-1-70b-instruct-v1:0", null, false, KEYS);
        GatewayException refused = assertThrows(GatewayException.class, () -> body(ask, llama));
        assertEquals("reasoning_effort", refused.param());
        assertTrue(body(ask, deployment("meta.llama3-1-70b-instruct-v1:0", null, true, KEYS))
                .path("additionalModelRequestFields").isMissingNode(), "dropped with drop_params");
    }

    @Test
    void thinkingBlocksComeBackWithTheirSignaturesAndGoBackAsReasoningContent() throws Exception {
        ChatResponse answer = read("""
                {"output":{"message":{"role":"assistant","content":[
                  {"reasoningContent":{"reasoningText":{"text":"count","signature":"sig-1"}}},
                  {"reasoningContent":{"redactedContent":"cmVkYWN0ZWQ="}},
                  {"text":"3"}]}},"stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":2}}
                """);
        JsonNode blocks = answer.choices().get(0).message().extra().get("thinking_blocks");
        assertEquals(JSON.readTree("""
                [{"type":"thinking","thinking":"count","signature":"sig-1"},
                 {"type":"redacted_thinking","data":"cmVkYWN0ZWQ="}]
                """), blocks);

        JsonNode body = body("""
                {"model":"claude","reasoning_effort":"low","messages":[
                  {"role":"user","content":"how many r?"},
                  {"role":"assistant","content":"3","thinking_blocks":%s},
                  {"role":"user","content":"sure?"}]}
                """.formatted(blocks), CLAUDE);
        assertEquals(JSON.readTree("""
                {"role":"assistant","content":[
                  {"reasoningContent":{"reasoningText":{"text":"count","signature":"sig-1"}}},
                  {"reasoningContent":{"redactedContent":"cmVkYWN0ZWQ="}},
                  {"text":"3"}]}
                """), body.at("/messages/1"));
        GatewayException wrong = assertThrows(GatewayException.class, () -> body("""
                {"model":"claude","messages":[{"role":"user","content":"a"},
                  {"role":"assistant","content":"b","thinking_blocks":[{"type":"text","text":"x"}]}]}
                """, CLAUDE));
        assertEquals("messages[1].thinking_blocks[0].type", wrong.param());
    }

    private ChatResponse read(String body) throws Exception {
        return adapter.fromProviderResponse(new UpstreamResponse(200, Map.of("x-amzn-requestid", List.of("req-1")),
                body.getBytes(StandardCharsets.UTF_8)), request("{\"model\":\"claude\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi\"}]}"), CLAUDE);
    }

    @Test
    void bedrockErrorsMapByTheirTypeHeader() {
        assertError(400, "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
                "The content field in the Message object at messages.1 is empty.", ErrorKind.INVALID_REQUEST, "invalid_request");
        assertError(429, "ThrottlingException", "Too many requests", ErrorKind.RATE_LIMITED, "rate_limit_exceeded");
        assertError(403, "AccessDeniedException", "You don't have access to the model AKIDEXAMPLE",
                ErrorKind.UPSTREAM_ERROR, "upstream_authentication_failed");
        assertError(403, "UnrecognizedClientException", "The security token included in the request is invalid.",
                ErrorKind.UPSTREAM_ERROR, "upstream_authentication_failed");
        assertError(408, "ModelTimeoutException", "timed out", ErrorKind.REQUEST_TIMEOUT, "timeout");
        assertError(503, "ServiceUnavailableException", "down", ErrorKind.UPSTREAM_UNAVAILABLE, "upstream_unavailable");
        assertError(404, "ResourceNotFoundException", "no such model", ErrorKind.NOT_FOUND, "model_not_found");
        assertError(500, "SomethingNewException", "x", ErrorKind.UPSTREAM_ERROR, "upstream_error");
        GatewayException relayed = BedrockErrors.fromResponse(new UpstreamResponse(400, Map.of("x-amzn-errortype",
                List.of("ValidationException")), "{\"message\":\"bad key AKIDEXAMPLE at https://bedrock-runtime.eu-west-1.amazonaws.com\"}"
                .getBytes(StandardCharsets.UTF_8)), CLAUDE);
        assertFalse(relayed.getMessage().contains("AKIDEXAMPLE"));
        assertFalse(relayed.getMessage().contains("amazonaws.com"));
    }

    private static void assertError(int status, String type, String message, ErrorKind kind, String code) {
        GatewayException e = BedrockErrors.fromResponse(new UpstreamResponse(status, Map.of("x-amzn-errortype",
                List.of(type)), ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)), CLAUDE);
        assertEquals(kind, e.kind(), type);
        assertEquals(code, e.code(), type);
        assertFalse(e.getMessage().contains("AKIDEXAMPLE"));
    }
}
