package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.switchboard.fake.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure is OpenAI's error JSON with the right status, and no response names a provider key,
 * the master key, an upstream host or a stack trace.
 */
class ErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CANARIES = List.of(TestGateway.MASTER_KEY, TestGateway.OPENAI_KEY,
            TestGateway.AZURE_KEY, TestGateway.MISTRAL_KEY, TestGateway.GROQ_KEY, "sk-CANARY-PROV-wrong-0a1b2c3d4e",
            "CANARY", "127.0.0.1", "localhost", "Exception", "\tat ");
    private static TestGateway gateway;
    private static OpenAIClient client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
        client = SdkClients.openai(gateway);
    }

    @AfterEach
    void reset() {
        gateway.openai.clearScenarios();
    }

    /**
     * After every error path above (an upstream 401 echoing the key, 5xx bodies naming hosts,
     * garbage, cut streams), the gateway's own logs hold no key and no upstream address either.
     */
    @AfterAll
    static void logsHoldNoSecrets() throws IOException {
        String logs = gateway.server.logText() + gateway.server.messagesLog();
        for (String secret : List.of(TestGateway.MASTER_KEY, TestGateway.OPENAI_KEY, TestGateway.AZURE_KEY,
                TestGateway.MISTRAL_KEY, TestGateway.GROQ_KEY, "sk-CANARY-PROV-wrong-0a1b2c3d4e",
                "127.0.0.1:" + gateway.openai.port())) {
            assertFalse(logs.contains(secret), "a log line leaks " + secret);
        }
        assertTrue(logs.contains("CWWKF0011I"), "the logs were read");
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Hello").build();
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body is OpenAI's error object with all four fields, and nothing secret or internal. */
    private static JsonNode assertOpenAiError(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(response.headers().firstValue("x-litellm-call-id").isPresent());
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertNotNull(error, response.body());
        for (String field : List.of("message", "type", "param", "code")) {
            assertTrue(error.has(field), "error." + field + " missing in " + response.body());
        }
        assertNoSecrets(response.body());
        return error;
    }

    private static void assertNoSecrets(String text) {
        for (String canary : CANARIES) {
            assertFalse(text.contains(canary), "response leaks '" + canary + "': " + text);
        }
    }

    private static void assertNoSecrets(OpenAIServiceException e) {
        assertNoSecrets(e.getMessage() + " " + e.body());
    }

    @Test
    void wrongOrMissingKeyIs401() throws Exception {
        UnauthorizedException e = assertThrows(UnauthorizedException.class,
                () -> SdkClients.openai(gateway, "sk-not-the-key").chat().completions().create(ask("gpt-4o-mini")));
        assertEquals("invalid_api_key", e.code().orElseThrow());

        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertOpenAiError(none, 401);
    }

    @Test
    void noSpellingOfAPathBorrowsTheHealthProbesExemption() throws Exception {
        for (String path : List.of("/health/%2e%2e/v1/models", "/health/../v1/models", "//v1/models",
                "/health/..%2fv1/models", "/v1/models/", "/V1/MODELS", "/v1/models;jsessionid=x", "/health%2f../v1/models")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() == 401 || response.statusCode() == 404 || response.statusCode() == 400,
                    path + " answered " + response.statusCode() + ": " + response.body());
            assertFalse(response.body().contains("\"object\":\"list\""), path + " listed models without a key");
        }
    }

    @Test
    void keyIsAcceptedInEveryHeaderClientsUseAndNoSessionIsCreated() throws Exception {
        for (List<String> header : List.of(List.of("x-api-key", TestGateway.MASTER_KEY),
                List.of("api-key", TestGateway.MASTER_KEY), List.of("Authorization", "Bearer " + TestGateway.MASTER_KEY))) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/models"))
                    .header(header.get(0), header.get(1)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), header.get(0));
            // The key is the credential on every call: container-managed login must not leave an SSO
            // cookie or HTTP session behind that a browser could replay without the key.
            assertEquals(List.of(), response.headers().allValues("Set-Cookie"), header.get(0));
        }
        // On the admin routes the key also becomes the container's caller: still no cookie.
        HttpResponse<String> admin = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/key/list"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, admin.statusCode(), admin.body());
        assertEquals(List.of(), admin.headers().allValues("Set-Cookie"));
    }

    @Test
    void unknownModelIs400NamingTheParam() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.chat().completions().create(ask("no-such-model")));
        assertEquals("model", e.param().orElseThrow());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", "application/json", "{\"model\": "), 400);
        assertEquals("invalid_json", error.get("code").asText());
    }

    @Test
    void wrongFieldTypesAre400WithTheParam() throws Exception {
        assertEquals("stream", assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":\"yes\"}"),
                400).get("param").asText());
        assertEquals("messages", assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[]}"), 400).get("param").asText());
        assertEquals("messages[0].role", assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"wizard\",\"content\":\"hi\"}]}"), 400)
                .get("param").asText());
        assertEquals("temperature", assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"temperature\":9}"),
                400).get("param").asText());
    }

    @Test
    void callerCannotRedirectTheUpstream() throws Exception {
        int before = gateway.openai.requestCount();
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"api_base\":\"http://127.0.0.2:9/steal\"}"), 400);
        assertEquals("api_base", error.get("param").asText());
        assertEquals(before, gateway.openai.requestCount());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String huge = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(2 * 1024 * 1024) + "\"}]}";
        assertOpenAiError(post("/v1/chat/completions", "application/json", huge), 413);
    }

    @Test
    void deeplyNestedJsonIs400NotA500() throws Exception {
        String deep = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"metadata\":"
                + "{\"a\":".repeat(5000) + "1" + "}".repeat(5000) + "}";
        assertOpenAiError(post("/v1/chat/completions", "application/json", deep), 400);
    }

    /** The model routes are servlets, not JAX-RS resources: they must answer the same envelope. */
    @Test
    void theModelRoutesRefuseOtherMethodsAndMissingKeysInOpenAiShape() throws Exception {
        int before = gateway.openai.requestCount();
        for (String path : List.of("/v1/chat/completions", "/chat/completions", "/v1/completions", "/completions",
                "/v1/embeddings", "/embeddings")) {
            HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("method_not_allowed", assertOpenAiError(get, 405).get("code").asText(), path);

            HttpResponse<String> keyless = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"input\":\"hi\","
                            + "\"prompt\":\"hi\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("missing_api_key", assertOpenAiError(keyless, 401).get("code").asText(), path);
        }
        assertEquals(before, gateway.openai.requestCount(), "nothing refused reached the provider");

        // curl -d sends its form type: the body must still reach the route unread by form parsing
        HttpResponse<String> curl = post("/v1/chat/completions", "application/x-www-form-urlencoded",
                "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, curl.statusCode(), curl.body());
        assertTrue(curl.headers().firstValue("x-litellm-call-id").isPresent());
        assertEquals("chat.completion", JSON.readTree(curl.body()).get("object").asText());
    }

    @Test
    void unknownPathIs404InOpenAiShape() throws Exception {
        assertOpenAiError(post("/v1/no/such/path", "application/json", "{}"), 404);
    }

    @Test
    void aModelWithoutProviderCredentialsIs503NamingTheVariableToSet() throws Exception {
        int before = gateway.openai.requestCount();
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"deepseek-chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 503);
        assertEquals("no_credentials", error.get("code").asText());
        assertTrue(error.get("message").asText().contains("DEEPSEEK_API_KEY"));
        assertEquals(before, gateway.openai.requestCount(), "no call without credentials");
    }

    @Test
    void upstream429Is429WithRetryAfter() {
        gateway.openai.scenario("gpt-err", new Scenario.Error(429,
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,"
                        + "\"code\":\"rate_limit_exceeded\"}}", Map.of("retry-after", "7")));
        RateLimitException e = assertThrows(RateLimitException.class,
                () -> client.chat().completions().create(ask("gpt-err")));
        assertEquals("7", e.headers().values("retry-after").get(0));
        assertNoSecrets(e);
    }

    @Test
    void upstream5xxIs502WithoutTheProviderBody() {
        gateway.openai.scenario("gpt-err", new Scenario.Error(500,
                "{\"error\":{\"message\":\"internal failure at node gpu-7.internal.example.com\",\"type\":\"server_error\"}}"));
        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("gpt-err")));
        assertEquals(502, e.statusCode());
        assertFalse(e.getMessage().contains("gpu-7"));
    }

    @Test
    void upstreamGarbageIs502() {
        gateway.openai.scenario("gpt-err", new Scenario.Garbage());
        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("gpt-err")));
        assertEquals(502, e.statusCode());
    }

    @Test
    void upstream401EchoingTheProviderKeyIs502WithoutTheKey() {
        // The fake's 401 message echoes the key it was sent, as a hostile or careless provider might.
        InternalServerException e = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("gpt-wrong-key")));
        assertEquals(502, e.statusCode());
        assertEquals("upstream_authentication_failed", e.code().orElseThrow());
        assertNoSecrets(e);
    }

    @Test
    void upstreamTimeoutIs408() throws Exception {
        gateway.openai.scenario("gpt-slow", new Scenario.Delay(Duration.ofSeconds(3)));
        JsonNode error = assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-slow\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 408);
        assertEquals("timeout", error.get("code").asText());
    }

    @Test
    void streamCutMidwayEndsWithAnErrorEventNotAFakeStop() throws Exception {
        gateway.openai.scenario("gpt-err", new Scenario.CutStream(2));
        HttpResponse<String> raw = post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-err\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c d e f\"}]}");
        assertEquals(200, raw.statusCode());
        assertFalse(raw.body().contains("\"finish_reason\":\"stop\""), raw.body());
        assertFalse(raw.body().contains("[DONE]"), raw.body());
        assertTrue(raw.body().contains("data: {\"error\":"), raw.body());
        assertNoSecrets(raw.body());

        assertThrows(SseException.class, () -> {
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask("gpt-err"))) {
                stream.stream().forEach(chunk -> { });
            }
        });
    }

    @Test
    void streamRequestFailingBeforeTheFirstByteGetsAProperStatus() throws Exception {
        gateway.openai.scenario("gpt-err", new Scenario.Error(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        assertOpenAiError(post("/v1/chat/completions", "application/json",
                "{\"model\":\"gpt-err\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 502);
    }
}
