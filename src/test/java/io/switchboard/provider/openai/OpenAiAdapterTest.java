package io.switchboard.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.embedding.EmbeddingRequestReader;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.embedding.EmbeddingVectors;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.provider.azure.AzureOpenAiAdapter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI family's request and response mapping, and Azure's endpoint and auth. */
class OpenAiAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OpenAiAdapter adapter = new OpenAiAdapter();

    private static Deployment deployment(String provider, String base, String model) {
        return new Deployment("d", "group", provider, model, URI.create(base), "sk-up", "2024-10-21",
                Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false);
    }

    private static ChatRequest request(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    private static JsonNode body(UpstreamRequest r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void requestKeepsEveryFieldReplacesTheModelAndAlwaysAsksForStreamUsage() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(request("""
                {"model":"group","stream":true,"messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"user","content":[{"type":"text","text":"what is this"},
                    {"type":"image_url","image_url":{"url":"data:image/png;base64,AAA","detail":"low"}}]},
                  {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"42"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "tool_choice":"auto","parallel_tool_calls":false,"n":2,"stop":"END","seed":7,
                 "response_format":{"type":"json_schema","json_schema":{"name":"s","schema":{"type":"object"}}},
                 "logprobs":true,"top_logprobs":3,"service_tier":"flex"}
                """), deployment("openai", "http://up/v1", "gpt-4o-2024-08-06"));

        assertEquals(URI.create("http://up/v1/chat/completions"), r.uri());
        assertEquals("Bearer sk-up", r.headers().get("Authorization"));
        assertEquals(UpstreamRequest.Framing.SSE, r.framing());
        JsonNode b = body(r);
        assertEquals("gpt-4o-2024-08-06", b.get("model").asText());
        assertTrue(b.get("stream_options").get("include_usage").asBoolean());
        assertEquals("low", b.at("/messages/1/content/1/image_url/detail").asText());
        assertFalse(b.at("/messages/2").has("content"), "an assistant tool-call message needs no content");
        assertEquals("c1", b.at("/messages/3/tool_call_id").asText());
        assertEquals("f", b.at("/tools/0/function/name").asText());
        assertFalse(b.get("parallel_tool_calls").asBoolean());
        assertEquals(List.of("END"), List.of(b.at("/stop/0").asText()));
        assertEquals(7, b.get("seed").asInt());
        assertEquals("s", b.at("/response_format/json_schema/name").asText());
        assertEquals(3, b.get("top_logprobs").asInt());
        assertEquals("flex", b.get("service_tier").asText());
    }

    @Test
    void mistralSpellingsOfSeedAndRequiredToolChoice() throws Exception {
        JsonNode b = body(adapter.toProviderRequest(request("""
                {"model":"g","messages":[{"role":"user","content":"hi"}],"seed":3,"tool_choice":"required",
                 "tools":[{"type":"function","function":{"name":"f"}}]}
                """), deployment("mistral", "https://api.mistral.ai/v1", "mistral-small-latest")));

        assertEquals(3, b.get("random_seed").asInt());
        assertFalse(b.has("seed"));
        assertEquals("any", b.get("tool_choice").asText());
    }

    @Test
    void ollamaChatUsesTheOpenAiApiUnderV1() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                new Deployment("d", "g", "ollama_chat", "llama3.2", URI.create("http://127.0.0.1:11434"), null, null,
                        Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false));

        assertEquals(URI.create("http://127.0.0.1:11434/v1/chat/completions"), r.uri());
        assertNull(r.headers().get("Authorization"), "no key configured, no header");
    }

    @Test
    void azureUsesDeploymentUrlApiVersionAndApiKeyHeader() throws Exception {
        UpstreamRequest r = new AzureOpenAiAdapter().toProviderRequest(
                request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                deployment("azure", "https://res.openai.azure.com/", "prod gpt"));

        assertEquals("https://res.openai.azure.com/openai/deployments/prod+gpt/chat/completions?api-version=2024-10-21",
                r.uri().toString());
        assertEquals("sk-up", r.headers().get("api-key"));
        assertNull(r.headers().get("Authorization"));
    }

    @Test
    void responseWithToolCallsAndMissingOptionalFields() throws Exception {
        ChatResponse r = adapter.fromProviderResponse(new UpstreamResponse(200, Map.of(), """
                {"id":"chatcmpl-1","object":"chat.completion","created":5,"model":"gpt-4o",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,
                   "tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\\"a\\":1}"}}],
                   "annotations":[]},"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,
                   "prompt_tokens_details":{"cached_tokens":2}}}
                """.getBytes(StandardCharsets.UTF_8)), request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), null);

        assertEquals("call_1", r.choices().get(0).message().toolCalls().get(0).id());
        assertEquals("{\"a\":1}", r.choices().get(0).message().toolCalls().get(0).arguments());
        assertNull(r.choices().get(0).message().content());
        assertEquals(2, r.usage().cachedTokens());
        assertTrue(r.choices().get(0).message().extra().has("annotations"));
    }

    @Test
    void embeddingsAskOpenAiForBase64AndDecodeItInIndexOrder() throws Exception {
        var request = EmbeddingRequestReader.read(JSON.readTree("{\"model\":\"e\",\"input\":[\"a\",\"b\"]}"));
        JsonNode b = body(adapter.toProviderRequest(request, deployment("openai", "http://up/v1", "text-embedding-3-small")));
        assertEquals("base64", b.get("encoding_format").asText());
        JsonNode compatible = body(adapter.toProviderRequest(request, deployment("together_ai", "http://up/v1", "m")));
        assertEquals("float", compatible.get("encoding_format").asText());

        String v0 = EmbeddingVectors.toBase64(new float[] {0.5f, -1f});
        EmbeddingResponse r = adapter.fromProviderResponse(new UpstreamResponse(200, Map.of(), ("{\"object\":\"list\","
                + "\"data\":[{\"index\":1,\"embedding\":[1.0,2.0]},{\"index\":0,\"embedding\":\"" + v0 + "\"}],"
                + "\"model\":\"m\",\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}").getBytes(StandardCharsets.UTF_8)),
                request, null);
        assertEquals(-1f, r.vectors().get(0)[1]);
        assertEquals(2f, r.vectors().get(1)[1]);
    }
}
