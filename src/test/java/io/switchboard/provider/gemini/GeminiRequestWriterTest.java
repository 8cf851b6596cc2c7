package io.switchboard.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAI request → GenerateContentRequest mapping, field by field (reference §3.4). */
class GeminiRequestWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final GeminiAdapter adapter = new GeminiAdapter();

    static Deployment deployment(String base, boolean dropParams) {
        return new Deployment("d", "group", "gemini", "gemini-2.5-flash", URI.create(base), "AIzaTestKey123456",
                null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, dropParams);
    }

    private static ChatRequest request(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    private JsonNode body(String json) throws Exception {
        return JSON.readTree(adapter.toProviderRequest(request(json),
                deployment("https://generativelanguage.googleapis.com", false)).body());
    }

    @Test
    void urlHeadersAndKeyNeverInTheUrl() throws Exception {
        UpstreamRequest plain = adapter.toProviderRequest(
                request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                deployment("https://generativelanguage.googleapis.com/", false));
        assertEquals(URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"),
                plain.uri());
        assertEquals("AIzaTestKey123456", plain.headers().get("x-goog-api-key"));
        assertNull(plain.headers().get("Authorization"));
        assertNull(plain.framing());

        UpstreamRequest stream = adapter.toProviderRequest(
                request("{\"model\":\"g\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                deployment("http://127.0.0.1:9/v1", false));
        assertEquals(URI.create("http://127.0.0.1:9/v1/models/gemini-2.5-flash:streamGenerateContent?alt=sse"),
                stream.uri());
        assertEquals(UpstreamRequest.Framing.SSE, stream.framing());
        assertFalse(stream.uri().toString().contains("key="));
    }

    @Test
    void rolesSystemInstructionImagesToolCallsAndResults() throws Exception {
        JsonNode b = body("""
                {"model":"g","messages":[
                 {"role":"system","content":"be brief"},
                 {"role":"developer","content":"use metric"},
                 {"role":"user","content":[{"type":"text","text":"What is here?"},
                   {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                   {"type":"image_url","image_url":{"url":"gs://bucket/cat.webp"}},
                   {"type":"image_url","image_url":{"url":"https://example.com/dog.jpg"}}]},
                 {"role":"assistant","content":null,"tool_calls":[
                   {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}},
                   {"id":"gcall_1_get_time~id~x9k2~ts~c2lnbmF0dXJl","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_a","content":"18C"},
                 {"role":"tool","tool_call_id":"gcall_1_get_time~id~x9k2~ts~c2lnbmF0dXJl","content":"{\\"time\\":\\"12:00\\"}"},
                 {"role":"assistant","content":"It is 18C."},
                 {"role":"user","content":"thanks"}]}""");

        assertEquals("{\"parts\":[{\"text\":\"be brief\"},{\"text\":\"use metric\"}]}",
                b.get("systemInstruction").toString());
        JsonNode contents = b.get("contents");
        assertEquals(5, contents.size());
        JsonNode user = contents.get(0);
        assertEquals("user", user.get("role").asText());
        assertEquals("What is here?", user.at("/parts/0/text").asText());
        assertEquals("{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}", user.at("/parts/1/inlineData").toString());
        assertEquals("{\"mimeType\":\"image/webp\",\"fileUri\":\"gs://bucket/cat.webp\"}",
                user.at("/parts/2/fileData").toString());
        assertEquals("image/jpeg", user.at("/parts/3/fileData/mimeType").asText());

        JsonNode model = contents.get(1);
        assertEquals("model", model.get("role").asText());
        assertEquals("{\"name\":\"get_weather\",\"args\":{\"location\":\"Paris\"}}",
                model.at("/parts/0/functionCall").toString());
        assertEquals("get_time", model.at("/parts/1/functionCall/name").asText());
        assertEquals("x9k2", model.at("/parts/1/functionCall/id").asText(), "Gemini 3's call id echoed");
        assertEquals("c2lnbmF0dXJl", model.at("/parts/1/thoughtSignature").asText(), "Gemini 3 signature echoed");

        JsonNode results = contents.get(2);
        assertEquals("user", results.get("role").asText());
        assertEquals(2, results.get("parts").size(), "parallel results in one turn");
        assertEquals("{\"name\":\"get_weather\",\"response\":{\"content\":\"18C\"}}",
                results.at("/parts/0/functionResponse").toString());
        assertEquals("{\"id\":\"x9k2\",\"name\":\"get_time\",\"response\":{\"time\":\"12:00\"}}",
                results.at("/parts/1/functionResponse").toString());
        assertEquals("{\"role\":\"model\",\"parts\":[{\"text\":\"It is 18C.\"}]}", contents.get(3).toString());
        assertEquals("{\"role\":\"user\",\"parts\":[{\"text\":\"thanks\"}]}", contents.get(4).toString());
    }

    @Test
    void toolsWithCleanedSchemasAndToolChoice() throws Exception {
        JsonNode b = body("""
                {"model":"g","messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Get weather","strict":true,
                   "parameters":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                     "properties":{"location":{"type":"string","description":"city"},
                                   "unit":{"type":["string","null"],"enum":["C","F"]},
                                   "tags":{"type":"array","items":{"type":"string","additionalProperties":false}}},
                     "required":["location"],"additionalProperties":false}}},
                  {"type":"function","function":{"name":"now","parameters":{"type":"object","properties":{}}}}],
                 "tool_choice":{"type":"function","function":{"name":"get_weather"}}}""");
        JsonNode fns = b.at("/tools/0/functionDeclarations");
        assertEquals("get_weather", fns.at("/0/name").asText());
        assertEquals("Get weather", fns.at("/0/description").asText());
        assertEquals("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\",\"description\":\"city\"},"
                        + "\"unit\":{\"nullable\":true,\"type\":\"string\",\"enum\":[\"C\",\"F\"]},"
                        + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},\"required\":[\"location\"]}",
                fns.at("/0/parameters").toString());
        assertFalse(fns.get(1).has("parameters"), "an empty object schema is left out");
        assertEquals("{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}}",
                b.get("toolConfig").toString());

        for (String[] pair : new String[][] {{"auto", "AUTO"}, {"none", "NONE"}, {"required", "ANY"}}) {
            JsonNode c = body("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"" + pair[0] + "\"}");
            assertEquals(pair[1], c.at("/toolConfig/functionCallingConfig/mode").asText());
        }
    }

    @Test
    void generationConfigFromSamplingParameters() throws Exception {
        JsonNode g = body("""
                {"model":"g","messages":[{"role":"user","content":"hi"}],"temperature":0.2,"top_p":0.9,
                 "max_tokens":100,"max_completion_tokens":256,"stop":["END","STOP"],"n":2,"seed":42,
                 "presence_penalty":0.5,"frequency_penalty":0.25,"reasoning_effort":"low",
                 "response_format":{"type":"json_schema","json_schema":{"name":"x","strict":true,
                   "schema":{"type":"object","properties":{"a":{"type":"integer"}},"additionalProperties":false}}}}""")
                .get("generationConfig");
        assertEquals(0.2, g.get("temperature").asDouble());
        assertEquals(0.9, g.get("topP").asDouble());
        assertEquals(256, g.get("maxOutputTokens").asInt(), "max_completion_tokens wins over max_tokens");
        assertEquals("[\"END\",\"STOP\"]", g.get("stopSequences").toString());
        assertEquals(2, g.get("candidateCount").asInt());
        assertEquals(42, g.get("seed").asLong());
        assertEquals(0.5, g.get("presencePenalty").asDouble());
        assertEquals(0.25, g.get("frequencyPenalty").asDouble());
        assertEquals("{\"thinkingBudget\":1024,\"includeThoughts\":true}", g.get("thinkingConfig").toString());
        assertEquals("application/json", g.get("responseMimeType").asText());
        assertEquals("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}", g.get("responseSchema").toString());

        JsonNode plain = body("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"response_format\":{\"type\":\"json_object\"},\"reasoning_effort\":\"none\"}").get("generationConfig");
        assertEquals("{\"responseMimeType\":\"application/json\",\"thinkingConfig\":{\"thinkingBudget\":0,"
                + "\"includeThoughts\":false}}", plain.toString());
        assertFalse(body("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").has("generationConfig"));
    }

    @Test
    void schemaReferencesAreInlinedAndOneOfConstRewritten() throws Exception {
        JsonNode schema = JSON.readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "$defs":{"Address":{"type":"object","properties":{"city":{"type":"string"},"kind":{"const":"home"}},
                                     "additionalProperties":false},
                          "Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"}}}},
                 "properties":{"home":{"$ref":"#/$defs/Address"},
                               "id":{"oneOf":[{"type":"string"},{"type":"integer"}]},
                               "chain":{"$ref":"#/$defs/Node"},
                               "remote":{"$ref":"https://example.com/schema.json"}}}""");
        JsonNode cleaned = GeminiSchemas.clean(schema);
        assertEquals("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"kind\":{\"enum\":[\"home\"]}}}",
                cleaned.at("/properties/home").toString());
        assertEquals("{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}", cleaned.at("/properties/id").toString());
        assertEquals("{\"type\":\"object\"}", cleaned.at("/properties/remote").toString());
        JsonNode chain = cleaned.at("/properties/chain");
        for (int i = 0; i < GeminiSchemas.MAX_REF_DEPTH - 1; i++) {
            chain = chain.at("/properties/next");
        }
        assertEquals("{\"type\":\"object\"}", chain.at("/properties/next").toString(), "recursion is cut");
        assertFalse(cleaned.toString().contains("$"), cleaned.toString());
    }

    @Test
    void unsupportedParametersAreRefusedUnlessDropped() throws Exception {
        ChatRequest r = request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                + "\"logit_bias\":{\"1\":2}}");
        GatewayException e = assertThrows(GatewayException.class,
                () -> adapter.toProviderRequest(r, deployment("http://x", false)));
        assertEquals(400, e.kind().status());
        assertEquals("logit_bias", e.param());
        JsonNode dropped = JSON.readTree(adapter.toProviderRequest(r, deployment("http://x", true)).body());
        assertFalse(dropped.has("generationConfig"));
        assertFalse(dropped.toString().contains("logit"));
    }

    @Test
    void anEmptyAssistantMessageSendsNoEmptyTurn() throws Exception {
        JsonNode contents = body("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"assistant\",\"content\":\"\"},{\"role\":\"user\",\"content\":\"b\"}]}").get("contents");
        assertEquals("[{\"role\":\"user\",\"parts\":[{\"text\":\"a\"},{\"text\":\"b\"}]}]", contents.toString());
    }

    @Test
    void toolResultWithoutAMatchingCallIsRefused() throws Exception {
        ChatRequest r = request("{\"model\":\"g\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"nope\",\"content\":\"x\"}]}");
        GatewayException e = assertThrows(GatewayException.class,
                () -> adapter.toProviderRequest(r, deployment("http://x", false)));
        assertEquals("messages[1].tool_call_id", e.param());
    }

    @Test
    void embeddingsAsBatchEmbedContents() throws Exception {
        EmbeddingRequest r = new EmbeddingRequest("e", JSON.readTree("[\"a\",\"b\"]"), false, 256, null, null);
        Deployment d = new Deployment("d", "e", "gemini", "gemini-embedding-001", URI.create("http://127.0.0.1:9"),
                "AIzaTestKey123456", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false);
        UpstreamRequest up = adapter.toProviderRequest(r, d);
        assertEquals(URI.create("http://127.0.0.1:9/v1beta/models/gemini-embedding-001:batchEmbedContents"), up.uri());
        assertEquals("{\"requests\":[{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":[{\"text\":\"a\"}]},"
                + "\"outputDimensionality\":256},{\"model\":\"models/gemini-embedding-001\",\"content\":{\"parts\":"
                + "[{\"text\":\"b\"}]},\"outputDimensionality\":256}]}", new String(up.body()));
        assertEquals("AIzaTestKey123456", up.headers().get("x-goog-api-key"));
    }
}
