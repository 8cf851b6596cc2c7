package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What operators see of the deployments: LiteLLM's {@code /model/info} and the authenticated
 * {@code /health} live check, admin-only, with no credential or upstream address in either; and the
 * anonymous {@code /health}, which stays MicroProfile Health's cheap aggregate.
 */
class DeploymentVisibilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> NEVER_SHOWN = List.of(TestGateway.OPENAI_KEY, TestGateway.AZURE_KEY,
            TestGateway.MISTRAL_KEY, TestGateway.GROQ_KEY, TestGateway.MASTER_KEY, "CANARY", "127.0.0.1", "localhost",
            "api_key", "api_base");
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
    }

    @Test
    void modelInfoListsDeploymentsWithTheirFactsAndNoSecrets() throws Exception {
        HttpResponse<String> response = get("/v1/model/info", TestGateway.MASTER_KEY);
        assertEquals(200, response.statusCode(), response.body());
        assertNothingSecret(response.body());
        Map<String, JsonNode> byGroup = new HashMap<>();
        JSON.readTree(response.body()).path("data").forEach(d -> byGroup.putIfAbsent(d.path("model_name").asText(), d));
        JsonNode mini = byGroup.get("gpt-4o-mini");
        assertEquals("openai/gpt-4o-mini", mini.at("/litellm_params/model").asText());
        assertEquals("chat", mini.at("/model_info/mode").asText());
        assertTrue(mini.at("/model_info/max_input_tokens").asInt() > 0);
        assertTrue(mini.at("/model_info/input_cost_per_token").decimalValue().signum() > 0);
        assertEquals("embedding", byGroup.get("text-embedding-3-small").at("/model_info/mode").asText());
        assertFalse(byGroup.get("deepseek-chat").at("/model_info/credentials_configured").asBoolean());
        assertTrue(byGroup.containsKey("openai/*"));

        String id = mini.at("/model_info/id").asText();
        JsonNode one = JSON.readTree(get("/model/info?litellm_model_id=" + id, TestGateway.MASTER_KEY).body());
        assertEquals(1, one.path("data").size());
        assertEquals(id, one.at("/data/0/model_info/id").asText());
    }

    @Test
    void adminRoutesRefuseCallersWithoutTheMasterKey() throws Exception {
        assertEquals(401, get("/model/info", null).statusCode());
        assertEquals(401, get("/model/info", "sk-not-a-key").statusCode());
        assertEquals(401, get("/health", "sk-not-a-key").statusCode());
    }

    @Test
    void authenticatedHealthCallsEachDeploymentAndReportsFailuresWithoutSecrets() throws Exception {
        HttpResponse<String> response = get("/health", TestGateway.MASTER_KEY);
        assertEquals(200, response.statusCode(), response.body());
        assertNothingSecret(response.body());
        JsonNode body = JSON.readTree(response.body());
        List<String> healthy = names(body.path("healthy_endpoints"));
        List<String> unhealthy = names(body.path("unhealthy_endpoints"));
        assertTrue(healthy.containsAll(List.of("gpt-4o-mini", "azure-gpt-4o", "text-embedding-3-small")), response.body());
        // the upstream rejects this deployment's key; that one has no key at all
        assertTrue(unhealthy.containsAll(List.of("gpt-wrong-key", "deepseek-chat")), unhealthy.toString());
        assertFalse(healthy.contains("openai/*"), "wildcards name no model to call");
        assertEquals(healthy.size(), body.path("healthy_count").asInt());
        assertEquals(unhealthy.size(), body.path("unhealthy_count").asInt());
        body.path("unhealthy_endpoints").forEach(e -> assertFalse(e.path("error").asText().isBlank()));
    }

    @Test
    void anonymousHealthIsTheCheapMicroProfileAggregate() throws Exception {
        int callsBefore = gateway.openai.requestCount();
        HttpResponse<String> response = get("/health", null);
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("UP", body.path("status").asText());
        assertTrue(body.path("checks").isArray());
        assertEquals(callsBefore, gateway.openai.requestCount(), "an anonymous probe must not call providers");
    }

    private static List<String> names(JsonNode endpoints) {
        List<String> names = new java.util.ArrayList<>();
        endpoints.forEach(e -> names.add(e.path("model_name").asText()));
        return names;
    }

    private static void assertNothingSecret(String body) {
        for (String secret : NEVER_SHOWN) {
            assertFalse(body.contains(secret), "response shows " + secret + ": " + body);
        }
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
