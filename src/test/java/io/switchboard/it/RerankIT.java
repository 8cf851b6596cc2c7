package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fake.RecordedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's rerank route in front of Cohere's v2 rerank: the ranking the provider gives, documents
 * echoed when asked, the deployment visible in the headers, and client mistakes as 400s.
 */
class RerankIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String DOCUMENTS = "[\"Berlin is the capital of Germany.\","
            + "\"Paris is the capital of France.\",\"The Seine flows through Paris, France.\"]";
    private static CohereOllamaGateway gateway;

    @BeforeAll
    static void start() {
        gateway = CohereOllamaGateway.get();
    }

    @Test
    void documentsComeBackRankedByTheProvider() throws Exception {
        HttpResponse<String> response = post("/v1/rerank", "{\"model\":\"cohere-rerank\","
                + "\"query\":\"capital of France\",\"documents\":" + DOCUMENTS + ",\"top_n\":2,\"return_documents\":true}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        JsonNode results = body.get("results");
        assertEquals(2, results.size());
        assertEquals(1, results.get(0).get("index").asInt());
        assertEquals("Paris is the capital of France.", results.get(0).at("/document/text").asText());
        assertTrue(results.get(0).get("relevance_score").asDouble() >= results.get(1).get("relevance_score").asDouble());
        assertEquals(1, body.at("/meta/billed_units/search_units").asInt());
        assertEquals("cohere-rerank", response.headers().firstValue("x-litellm-model-group").orElseThrow());

        RecordedRequest upstream = gateway.cohere.lastRequest();
        assertEquals("/v2/rerank", upstream.path());
        assertEquals("rerank-v3.5", upstream.body().get("model").asText());
        assertEquals(2, upstream.body().get("top_n").asInt());
        assertFalse(upstream.body().has("return_documents"), "Cohere v2 refuses return_documents");
    }

    @Test
    void liteLlmsOtherPathsAndStructuredDocumentsWork() throws Exception {
        for (String path : new String[] {"/rerank", "/v2/rerank"}) {
            HttpResponse<String> response = post(path, "{\"model\":\"cohere-rerank\",\"query\":\"Seine\","
                    + "\"documents\":[{\"text\":\"Berlin\"},{\"text\":\"The Seine\"}]}");
            assertEquals(200, response.statusCode(), response.body());
            JsonNode results = JSON.readTree(response.body()).get("results");
            assertEquals(2, results.size());
            assertEquals(1, results.get(0).get("index").asInt());
            assertFalse(results.get(0).has("document"));
        }
    }

    @Test
    void mistakesAreClientErrors() throws Exception {
        HttpResponse<String> noQuery = post("/v1/rerank", "{\"model\":\"cohere-rerank\",\"documents\":[\"a\"]}");
        assertEquals(400, noQuery.statusCode());
        assertEquals("query", JSON.readTree(noQuery.body()).at("/error/param").asText());

        HttpResponse<String> chatOnly = post("/v1/rerank", "{\"model\":\"llama\",\"query\":\"q\",\"documents\":[\"a\"]}");
        assertEquals(400, chatOnly.statusCode());
        assertTrue(chatOnly.body().contains("does not support rerank"), chatOnly.body());

        HttpResponse<String> unknown = post("/v1/rerank", "{\"model\":\"nope\",\"query\":\"q\",\"documents\":[\"a\"]}");
        assertEquals(400, unknown.statusCode());
        assertFalse(unknown.body().contains(CohereOllamaGateway.COHERE_KEY));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.server.baseUrl() + path))
                .header("Authorization", "Bearer " + CohereOllamaGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
