package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import io.switchboard.fake.EmbeddingBodies;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Embeddings, models, legacy completions and the health probes, through the SDK where it has them. */
class EndpointsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
        client = SdkClients.openai(gateway);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void embeddingsAsTheSdkAsksForThemByDefaultBase64() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("the quick brown fox").dimensions(8).build());

        float[] expected = EmbeddingBodies.vector("the quick brown fox", 8);
        List<Float> actual = response.data().get(0).embedding();
        float[] got = new float[actual.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = actual.get(i);
        }
        assertArrayEquals(expected, got);
        assertEquals("base64", gateway.openai.lastRequest().body().path("encoding_format").asText());
        assertTrue(response.usage().promptTokens() > 0);
    }

    @Test
    void embeddingsAsFloatArraysForSeveralInputs() throws Exception {
        HttpResponse<String> response = post("/v1/embeddings",
                "{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b c\"],\"dimensions\":4,\"encoding_format\":\"float\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        assertEquals(2, body.get("data").size());
        assertEquals(1, body.get("data").get(1).get("index").asInt());
        JsonNode second = body.get("data").get(1).get("embedding");
        assertTrue(second.isArray());
        assertEquals(EmbeddingBodies.vector("b c", 4)[0], second.get(0).floatValue());
    }

    @Test
    void embeddingsWithoutVersionPrefixAsLiteLlmServesThem() throws Exception {
        assertEquals(200, post("/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}").statusCode());
    }

    @Test
    void modelsListAndRetrieve() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertTrue(ids.containsAll(List.of("gpt-4o-mini", "azure-gpt-4o", "mistral-small", "openai/*")), ids.toString());

        assertEquals("gpt-4o-mini", client.models().retrieve("gpt-4o-mini").id());
        assertEquals("openai/gpt-4o", client.models().retrieve("openai/gpt-4o").id());
        assertThrows(NotFoundException.class, () -> client.models().retrieve("no-such-model"));
    }

    @Test
    void unversionedModelsPath() throws Exception {
        HttpResponse<String> response = get("/models", TestGateway.MASTER_KEY);
        assertEquals(200, response.statusCode());
        assertEquals("list", JSON.readTree(response.body()).get("object").asText());
    }

    @Test
    void legacyCompletions() {
        Completion completion = client.completions().create(CompletionCreateParams.builder()
                .model("gpt-3.5-turbo-instruct").prompt("Say this is a test").maxTokens(50).build());

        assertEquals("Echo: Say this is a test", completion.choices().get(0).text().trim());
        assertEquals("gpt-3.5-turbo-instruct", gateway.openai.lastRequest().body().path("model").asText());
        assertEquals("/v1/completions", gateway.openai.lastRequest().path());
    }

    @Test
    void legacyCompletionsStreamed() {
        StringBuilder text = new StringBuilder();
        String finish = null;
        try (StreamResponse<Completion> stream = client.completions().createStreaming(CompletionCreateParams.builder()
                .model("gpt-3.5-turbo-instruct").prompt("one two three").maxTokens(50).build())) {
            for (Completion chunk : (Iterable<Completion>) stream.stream()::iterator) {
                for (var choice : chunk.choices()) {
                    text.append(choice.text());
                    if (choice._finishReason().asKnown().isPresent()) {
                        finish = choice._finishReason().asKnown().get().toString();
                    }
                }
            }
        }
        assertEquals("Echo: one two three", text.toString().trim());
        assertEquals("stop", finish);
    }

    @Test
    void healthProbesNeedNoKey() throws Exception {
        HttpResponse<String> liveliness = get("/health/liveliness", null);
        assertEquals(200, liveliness.statusCode());
        assertEquals("\"I'm alive!\"", liveliness.body());

        HttpResponse<String> readiness = get("/health/readiness", null);
        assertEquals(200, readiness.statusCode());
        assertEquals("healthy", JSON.readTree(readiness.body()).get("status").asText());
        assertEquals("connected", JSON.readTree(readiness.body()).get("db").asText(), "the embedded database answers");

        for (String path : List.of("/health", "/health/live", "/health/ready", "/health/started")) {
            HttpResponse<String> mp = get(path, null);
            assertEquals(200, mp.statusCode(), path);
            assertEquals("UP", JSON.readTree(mp.body()).get("status").asText(), path);
        }
        JsonNode ready = JSON.readTree(get("/health/ready", null).body());
        assertEquals("configuration", ready.get("checks").get(0).get("name").asText());
        assertFalse(ready.toString().contains(TestGateway.MASTER_KEY));
    }

    @Test
    void startUpLogsNoError() throws Exception {
        // An error line at every start sends operators chasing nothing. Flyway, for one, looks for Java
        // callbacks in classpath:db/callback on each start, and on Liberty logs a location without a
        // flyway.location marker file as an error (src/main/resources/db/callback has the marker).
        String log = gateway.server.messagesLog();
        int ready = log.indexOf("CWWKF0011I");
        assertTrue(ready > 0, "the server logged that it is ready");
        List<String> errors = log.substring(0, ready).lines()
                .filter(line -> line.matches("^\\[[^\\]]+] \\S+ \\S+\\s+E .*")).toList();
        assertEquals(List.of(), errors, "error lines logged before the server was ready");
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> response = get("/openapi", null);
        assertEquals(200, response.statusCode());
        // The model routes are servlets, described by META-INF/openapi.yaml; the rest is scanned from JAX-RS in
        // every package that has resources (the scan is limited to io.switchboard: admin, api, spendreport).
        for (String path : List.of("/v1/chat/completions:", "/chat/completions:", "/v1/embeddings:",
                "/v1/messages:", "/v1/messages/count_tokens:", "/v2/rerank:", "/key/generate:", "/v1/models:",
                "/spend/logs:")) {
            assertTrue(response.body().contains("  " + path), path + " missing in " + response.body());
        }
    }
}
