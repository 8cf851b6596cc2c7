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

/** Proves {@link FakeAzureOpenAi} behaves like classic Azure OpenAI (reference §3.5, fixture azure-model-router.1). */
class FakeAzureOpenAiTest {

    private static final String KEY = "azure-key-0123456789";
    private static final String CHAT = "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21";
    private static final String HELLO = "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello there\"}]";
    private static FakeAzureOpenAi azure;

    @BeforeAll
    static void start() {
        azure = FakeAzureOpenAi.start(0, KEY);
    }

    @AfterAll
    static void stop() {
        azure.close();
    }

    @Test
    void bearerAuthIsRejectedInAzuresShape() throws Exception {
        HttpResponse<String> response = LoopbackHttp.post(azure.endpoint() + CHAT, HELLO + "}", "Authorization", "Bearer " + KEY);
        assertEquals(401, response.statusCode());
        JsonNode error = json(response.body()).get("error");
        assertEquals("401", error.get("code").asText());
        assertTrue(error.get("message").asText().startsWith("Access denied due to invalid subscription key"));
        assertFalse(error.has("type"));
    }

    @Test
    void missingApiVersionAndUnknownDeploymentAre404s() throws Exception {
        HttpResponse<String> noVersion = post(CHAT.substring(0, CHAT.indexOf('?')), HELLO + "}");
        assertEquals(404, noVersion.statusCode());
        assertEquals("{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}", noVersion.body());
        HttpResponse<String> unknown = post(CHAT.replace("gpt-4o", "nope"), HELLO + "}");
        assertEquals(404, unknown.statusCode());
        assertEquals("DeploymentNotFound", json(unknown.body()).at("/error/code").asText());
        assertEquals(400, post(CHAT, "{\"messages\":[]}").statusCode());
    }

    @Test
    void completionNamesTheUnderlyingModelAndCarriesFilterResults() throws Exception {
        HttpResponse<String> response = post(CHAT, HELLO + "}");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("apim-request-id").isPresent());
        assertTrue(response.headers().firstValue("x-ratelimit-remaining-tokens").isPresent());
        JsonNode body = json(response.body());
        assertEquals("gpt-4o-2024-08-06", body.get("model").asText());
        assertEquals("Echo: Hello there", body.at("/choices/0/message/content").asText());
        assertEquals(0, body.at("/prompt_filter_results/0/prompt_index").asInt());
        assertFalse(body.at("/prompt_filter_results/0/content_filter_results/jailbreak/detected").asBoolean(true));
        assertEquals("safe", body.at("/choices/0/content_filter_results/hate/severity").asText());
        assertTrue(response.body().startsWith("{\"choices\":[{\"content_filter_results\":"), "Azure sorts keys");
    }

    @Test
    void streamStartsWithThePromptFilterChunkAsRecorded() throws Exception {
        HttpResponse<String> response = post(CHAT, HELLO + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
        List<String> events = SseEvents.dataPayloads(response.body());
        String recordedFirst = Fixtures.lines("azure/azure-model-router.1.chunks.txt").get(0);
        assertEquals(recordedFirst, events.get(0), "byte-for-byte like the recorded Azure chunk");
        List<JsonNode> chunks = chunks(response.body());
        assertEquals("assistant", chunks.get(1).at("/choices/0/delta/role").asText());
        assertTrue(chunks.get(1).at("/choices/0/content_filter_results").isEmpty());
        assertEquals("safe", chunks.get(2).at("/choices/0/content_filter_results/violence/severity").asText());
        assertEquals("gpt-4o-2024-08-06", chunks.get(2).get("model").asText());
        assertEquals("stop", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
        assertTrue(chunks.get(chunks.size() - 1).get("choices").isEmpty());
        assertEquals(3, chunks.get(chunks.size() - 1).at("/usage/completion_tokens").asInt());
    }

    @Test
    void scenariosAreKeyedByDeploymentAndEmbeddingsWork() throws Exception {
        azure.scenario("router", new Scenario.RawStream(Fixtures.lines("azure/azure-model-router.1.chunks.txt"), true));
        List<JsonNode> replayed = chunks(post(CHAT.replace("gpt-4o", "router"), HELLO + ",\"stream\":true}").body());
        assertEquals("gpt-5-nano-2025-08-07", replayed.get(1).get("model").asText());
        azure.scenario("gpt-4o", Scenario.azureRateLimited(6));
        HttpResponse<String> limited = post(CHAT, HELLO + "}");
        assertEquals(429, limited.statusCode());
        assertEquals("6000", limited.headers().firstValue("retry-after-ms").orElseThrow());
        assertEquals("429", json(limited.body()).at("/error/code").asText());
        azure.scenario("gpt-4o", null);

        JsonNode embeddings = json(post("/openai/deployments/text-embedding-3-small/embeddings?api-version=2024-10-21",
                "{\"input\":\"hi\",\"dimensions\":4,\"encoding_format\":\"base64\"}").body());
        assertEquals(4, EmbeddingBodies.decodeBase64(embeddings.at("/data/0/embedding").asText()).length);
        assertEquals("2024-10-21", azure.lastRequest().queryParam("api-version"));
        assertEquals(KEY, azure.lastRequest().header("api-key"));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return LoopbackHttp.post(azure.endpoint() + path, body, "api-key", KEY);
    }
}
