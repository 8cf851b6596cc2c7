package io.switchboard.provider.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Vertex AI endpoints and credentials; the body is Gemini's (tested in the gemini package). */
class VertexAdapterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final VertexAdapter adapter = new VertexAdapter();

    private static Deployment deployment(String base, Map<String, JsonNode> params) {
        return new Deployment("d", "g", "vertex_ai", "gemini-2.5-pro", URI.create(base), null, null,
                Duration.ofSeconds(5), Duration.ofSeconds(5), params, null, false);
    }

    private static Map<String, JsonNode> params(String location) {
        var p = new java.util.HashMap<String, JsonNode>();
        p.put("vertex_project", JSON.getNodeFactory().textNode("my-proj"));
        p.put("vertex_credentials", JSON.getNodeFactory().textNode("/etc/sa.json"));
        if (location != null) {
            p.put("vertex_location", JSON.getNodeFactory().textNode(location));
        }
        return p;
    }

    private ChatRequest chat(boolean stream) throws Exception {
        return ChatRequestReader.read(JSON.readTree("{\"model\":\"g\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
    }

    @Test
    void regionalGlobalAndExplicitBaseUrls() throws Exception {
        UpstreamRequest regional = adapter.toProviderRequest(chat(false),
                deployment(VertexAdapter.GLOBAL_BASE, params("europe-west4")));
        assertEquals(URI.create("https://europe-west4-aiplatform.googleapis.com/v1/projects/my-proj/locations/"
                + "europe-west4/publishers/google/models/gemini-2.5-pro:generateContent"), regional.uri());

        UpstreamRequest global = adapter.toProviderRequest(chat(true), deployment(VertexAdapter.GLOBAL_BASE, params("global")));
        assertEquals(URI.create("https://aiplatform.googleapis.com/v1/projects/my-proj/locations/global/publishers/"
                + "google/models/gemini-2.5-pro:streamGenerateContent?alt=sse"), global.uri());

        UpstreamRequest byDefault = adapter.toProviderRequest(chat(false), deployment("http://127.0.0.1:9/", params(null)));
        assertEquals(URI.create("http://127.0.0.1:9/v1/projects/my-proj/locations/us-central1/publishers/google/models/"
                + "gemini-2.5-pro:generateContent"), byDefault.uri());
    }

    @Test
    void authenticatesWithATokenCredentialNotAKeyHeader() throws Exception {
        UpstreamRequest r = adapter.toProviderRequest(chat(false), deployment(VertexAdapter.GLOBAL_BASE, params(null)));
        assertEquals(VertexTokens.SCHEME, r.credential().scheme());
        assertEquals("/etc/sa.json", r.credential().material());
        assertNull(r.headers().get("x-goog-api-key"));
        assertNull(r.headers().get("Authorization"), "the client adds it from the credential");
        assertFalse(r.credential().toString().contains("sa.json"));
        assertEquals("user", JSON.readTree(r.body()).at("/contents/0/role").asText(), "Vertex requires the role");
    }

    @Test
    void embeddingsThroughPredict() throws Exception {
        EmbeddingRequest e = new EmbeddingRequest("g", JSON.readTree("[\"a\",\"b c\"]"), false, 16, null, null);
        Deployment d = deployment("http://127.0.0.1:9", params("us-east1"));
        UpstreamRequest r = adapter.toProviderRequest(e, d);
        assertEquals("/v1/projects/my-proj/locations/us-east1/publishers/google/models/gemini-2.5-pro:predict",
                r.uri().getPath());
        assertEquals("{\"instances\":[{\"content\":\"a\"},{\"content\":\"b c\"}],\"parameters\":{\"outputDimensionality\":16}}",
                new String(r.body(), StandardCharsets.UTF_8));

        EmbeddingResponse out = adapter.fromProviderResponse(new UpstreamResponse(200, Map.of(), ("{\"predictions\":["
                + "{\"embeddings\":{\"values\":[0.5,1],\"statistics\":{\"token_count\":1,\"truncated\":false}}},"
                + "{\"embeddings\":{\"values\":[2,3],\"statistics\":{\"token_count\":2,\"truncated\":false}}}]}")
                .getBytes(StandardCharsets.UTF_8)), e, d);
        assertEquals(2, out.vectors().size());
        assertEquals(3f, out.vectors().get(1)[1]);
        assertEquals(3, out.promptTokens());
    }
}
