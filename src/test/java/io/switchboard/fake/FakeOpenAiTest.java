package io.switchboard.fake;

import static io.switchboard.fake.LoopbackHttp.chunks;
import static io.switchboard.fake.LoopbackHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves {@link FakeOpenAi} speaks OpenAI's wire format (reference §1.4, §1.6, §3.1), so gateway ITs can trust it.
 * Scenarios are covered by {@link FakeOpenAiScenarioTest}.
 */
class FakeOpenAiTest {

    static final String KEY = "sk-test-0123456789abcdef";
    private static FakeOpenAi openAi;

    @BeforeAll
    static void start() {
        openAi = FakeOpenAi.start(0, KEY);
    }

    @AfterAll
    static void stop() {
        openAi.close();
    }

    @Test
    void wrongKeyIsRejectedInOpenAisShapeEchoingTheFullKey() throws Exception {
        HttpResponse<String> response = LoopbackHttp.post(openAi.baseUrl() + "/chat/completions", chat("hi", ""),
                "Authorization", "Bearer sk-wrong-key-that-leaks");
        assertEquals(401, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        JsonNode error = json(response.body()).get("error");
        assertEquals("invalid_api_key", error.get("code").asText());
        assertEquals("invalid_request_error", error.get("type").asText());
        assertTrue(error.has("param") && error.get("param").isNull());
        assertTrue(error.get("message").asText().contains("sk-wrong-key-that-leaks"));

        HttpResponse<String> noKey = LoopbackHttp.get(openAi.baseUrl() + "/models");
        assertEquals(401, noKey.statusCode());
        assertTrue(json(noKey.body()).at("/error/code").isNull());
    }

    @Test
    void invalidRequestsGetOpenAisValidationErrors() throws Exception {
        assertError(post("/chat/completions", "not json"), 400, null, null);
        assertError(post("/chat/completions", "{\"messages\":[]}"), 400, null, null);
        assertError(post("/chat/completions", "{\"model\":\"gpt-4o-mini\"}"), 400, "messages", "missing_required_parameter");
        assertError(post("/chat/completions", "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"), 400, "messages", "empty_array");
        assertError(post("/chat/completions", chat("hi", "").replace("gpt-4o-mini", "gpt-nope")), 404, null, "model_not_found");
        assertError(post("/nothing/here", "{}"), 404, null, null);
    }

    @Test
    void chatAnswerIsDeterministicWithOpenAisFieldsAndHeaders() throws Exception {
        HttpResponse<String> response = post("/chat/completions", chat("What is the weather in Paris?", ""));
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        for (String header : List.of("x-request-id", "openai-processing-ms", "x-ratelimit-limit-requests",
                "x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens", "x-ratelimit-reset-requests")) {
            assertTrue(response.headers().firstValue(header).isPresent(), header);
        }
        JsonNode body = json(response.body());
        assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
        assertEquals("chat.completion", body.get("object").asText());
        assertEquals("gpt-4o-mini-2024-07-18", body.get("model").asText());
        assertEquals("default", body.get("service_tier").asText());
        assertTrue(body.get("system_fingerprint").asText().startsWith("fp_"));
        JsonNode choice = body.at("/choices/0");
        assertEquals("Echo: What is the weather in Paris?", choice.at("/message/content").asText());
        assertEquals("stop", choice.get("finish_reason").asText());
        assertTrue(choice.at("/message/refusal").isNull());
        assertEquals(8, body.at("/usage/prompt_tokens").asInt()); // "be brief" + 6 words
        assertEquals(7, body.at("/usage/completion_tokens").asInt());
        assertEquals(15, body.at("/usage/total_tokens").asInt());
    }

    @Test
    void streamFollowsTheCanonicalOrderWithUsage() throws Exception {
        HttpResponse<String> response = post("/chat/completions", chat("one two three four five",
                ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertEquals("text/event-stream; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("chunked", response.headers().firstValue("transfer-encoding").orElseThrow());
        List<JsonNode> chunks = chunks(response.body());
        assertEquals("assistant", chunks.get(0).at("/choices/0/delta/role").asText());
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.at("/choices/0/finish_reason").asText());
        assertTrue(finish.at("/choices/0/delta").isEmpty());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertTrue(usage.get("choices").isArray() && usage.get("choices").isEmpty());
        assertEquals(6, usage.at("/usage/completion_tokens").asInt());
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
            assertTrue(chunk.has("usage") && chunk.get("usage").isNull());
            assertEquals(chunks.get(0).get("id"), chunk.get("id"));
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            assertTrue(chunk.get("created").isIntegralNumber());
            text.append(chunk.at("/choices/0/delta/content").asText(""));
        }
        assertEquals("Echo: one two three four five", text.toString());
        assertTrue(chunks.size() >= 6, "content comes in several chunks");
    }

    @Test
    void streamWithoutIncludeUsageCarriesNoUsageField() throws Exception {
        for (JsonNode chunk : chunks(post("/chat/completions", chat("hello", ",\"stream\":true")).body())) {
            assertFalse(chunk.has("usage"));
            assertEquals(1, chunk.get("choices").size());
        }
    }

    @Test
    void parallelToolCallsStreamWithIndexTypeAndSplitArguments() throws Exception {
        List<JsonNode> chunks = chunks(post("/chat/completions", chat("Paris",
                ",\"stream\":true,\"tools\":[" + tool("get_weather") + "," + tool("get_time") + "]")).body());
        JsonNode first = chunks.get(0).at("/choices/0/delta");
        assertEquals("assistant", first.get("role").asText());
        assertEquals(0, first.at("/tool_calls/0/index").asInt());
        assertEquals("function", first.at("/tool_calls/0/type").asText());
        assertEquals("get_weather", first.at("/tool_calls/0/function/name").asText());
        assertEquals("", first.at("/tool_calls/0/function/arguments").asText());
        StringBuilder[] arguments = {new StringBuilder(), new StringBuilder()};
        int argumentDeltas = 0;
        for (JsonNode chunk : chunks) {
            for (JsonNode call : chunk.at("/choices/0/delta/tool_calls")) {
                arguments[call.get("index").asInt()].append(call.at("/function/arguments").asText());
                argumentDeltas += call.at("/function/arguments").asText().isEmpty() ? 0 : 1;
            }
        }
        assertTrue(argumentDeltas > 2, "arguments are split across deltas");
        assertEquals("Paris", json(arguments[0].toString()).get("location").asText());
        assertEquals("Paris", json(arguments[1].toString()).get("location").asText());
        assertEquals("tool_calls", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
    }

    @Test
    void toolChoiceAndParallelToolCallsSelectTheCalls() throws Exception {
        String tools = ",\"tools\":[" + tool("get_weather") + "," + tool("get_time") + "]";
        JsonNode named = json(post("/chat/completions", chat("x",
                tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}")).body());
        assertEquals(1, named.at("/choices/0/message/tool_calls").size());
        assertEquals("get_time", named.at("/choices/0/message/tool_calls/0/function/name").asText());
        assertTrue(named.at("/choices/0/message/content").isNull());
        assertEquals("tool_calls", named.at("/choices/0/finish_reason").asText());
        JsonNode single = json(post("/chat/completions", chat("x", tools + ",\"parallel_tool_calls\":false")).body());
        assertEquals(1, single.at("/choices/0/message/tool_calls").size());
        JsonNode none = json(post("/chat/completions", chat("x", tools + ",\"tool_choice\":\"none\"")).body());
        assertEquals("Echo: x", none.at("/choices/0/message/content").asText());
    }

    @Test
    void nChoicesJsonFormatAndMaxTokens() throws Exception {
        JsonNode two = json(post("/chat/completions", chat("hi", ",\"n\":2")).body());
        assertEquals(2, two.get("choices").size());
        assertEquals(1, two.at("/choices/1/index").asInt());
        JsonNode asJson = json(post("/chat/completions", chat("hi", ",\"response_format\":{\"type\":\"json_object\"}")).body());
        assertEquals("hi", json(asJson.at("/choices/0/message/content").asText()).get("echo").asText());
        JsonNode cut = json(post("/chat/completions", chat("a b c d e", ",\"max_completion_tokens\":3")).body());
        assertEquals("Echo: a b", cut.at("/choices/0/message/content").asText());
        assertEquals("length", cut.at("/choices/0/finish_reason").asText());
    }

    @Test
    void base64EmbeddingsDecodeToTheFloatVector() throws Exception {
        String request = "{\"model\":\"text-embedding-3-small\",\"input\":[\"alpha\",\"beta gamma\"],\"dimensions\":8,"
                + "\"encoding_format\":\"base64\"}";
        JsonNode body = json(post("/embeddings", request).body());
        assertEquals("list", body.get("object").asText());
        assertEquals(3, body.at("/usage/prompt_tokens").asInt());
        assertEquals(1, body.at("/data/1/index").asInt());
        float[] beta = EmbeddingBodies.decodeBase64(body.at("/data/1/embedding").asText());
        assertEquals(8, beta.length);
        JsonNode floats = json(post("/embeddings", request.replace("base64", "float")).body());
        double norm = 0;
        for (int i = 0; i < 8; i++) {
            assertEquals(beta[i], floats.at("/data/1/embedding/" + i).floatValue());
            norm += beta[i] * beta[i];
        }
        assertEquals(1.0, norm, 1e-5);
        assertEquals(1536, json(post("/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}").body())
                .at("/data/0/embedding").size());
    }

    @Test
    void legacyCompletionsAndModels() throws Exception {
        String prompt = "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say hi\"";
        JsonNode text = json(post("/completions", prompt + "}").body());
        assertEquals("text_completion", text.get("object").asText());
        assertEquals("Echo: Say hi", text.at("/choices/0/text").asText());
        List<JsonNode> chunks = chunks(post("/completions", prompt + ",\"stream\":true}").body());
        assertEquals("text_completion", chunks.get(0).get("object").asText());
        assertEquals("stop", chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText());
        JsonNode models = json(LoopbackHttp.get(openAi.baseUrl() + "/models", "Authorization", "Bearer " + KEY).body());
        assertEquals("list", models.get("object").asText());
        assertEquals("model", models.at("/data/0/object").asText());
    }

    @Test
    void lastRequestRecordsWhatTheClientSent() throws Exception {
        int before = openAi.requestCount();
        LoopbackHttp.post(openAi.baseUrl() + "/chat/completions?trace=1", chat("recorded", ""),
                "Authorization", "Bearer " + KEY, "X-Custom", "42");
        RecordedRequest last = openAi.lastRequest();
        assertEquals("POST", last.method());
        assertEquals("/v1/chat/completions?trace=1", last.pathAndQuery());
        assertEquals("1", last.queryParam("trace"));
        assertEquals("42", last.header("x-custom"));
        assertEquals("recorded", last.body().at("/messages/1/content").asText());
        assertEquals(before + 1, openAi.requestCount());
    }

    /** A chat request for gpt-4o-mini with a system and a user message; {@code extra} adds fields (",\"n\":2"). */
    static String chat(String userText, String extra) {
        return "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":" + LoopbackHttp.JSON.getNodeFactory().textNode(userText) + "}]"
                + extra + "}";
    }

    private static String tool(String name) {
        return "{\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"parameters\":{\"type\":\"object\","
                + "\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}}}";
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return LoopbackHttp.post(openAi.baseUrl() + path, body, "Authorization", "Bearer " + KEY);
    }

    private static void assertError(HttpResponse<String> response, int status, String param, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = json(response.body()).get("error");
        assertEquals(param, error.get("param").isNull() ? null : error.get("param").asText());
        assertEquals(code, error.get("code").isNull() ? null : error.get("code").asText());
        assertTrue(error.get("message").isTextual() && error.get("type").isTextual());
    }
}
