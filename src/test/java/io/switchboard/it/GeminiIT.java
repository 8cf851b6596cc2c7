package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.switchboard.fake.EmbeddingBodies;
import io.switchboard.fake.FakeGemini;
import io.switchboard.fake.FakeGoogleOAuth;
import io.switchboard.fake.GoogleErrors;
import io.switchboard.fake.RecordedRequest;
import io.switchboard.fake.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gemini ({@code gemini/} deployments) end to end: the packaged gateway in front of {@link FakeGemini}, consumed by
 * the official openai-java SDK (non-stream, streams through {@link ChatCompletionAccumulator}, tools, embeddings,
 * Google's 429 with RetryInfo).
 */
class GeminiIT {
    private static final String MASTER_KEY = "sk-master-gemini-IT";
    private static final String GEMINI_KEY = "AIzaFakeGeminiKey-CANARY-1234567";
    private static FakeGemini gemini;
    private static FakeGoogleOAuth oauth;
    private static GatewayServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        oauth = FakeGoogleOAuth.start();
        gemini = FakeGemini.start(0, GEMINI_KEY).vertex("my-proj", token -> token.startsWith("ya29.fake-"));
        Path credentials = Files.createTempFile("vertex-sa", ".json");
        credentials.toFile().deleteOnExit();
        Files.writeString(credentials, oauth.serviceAccountJson());
        server = GatewayServer.start("gemini", """
                model_list:
                  - model_name: gemini-flash
                    litellm_params:
                      model: gemini/gemini-2.5-flash
                      api_base: %1$s
                  - model_name: gemini-embed
                    litellm_params:
                      model: gemini/gemini-embedding-001
                      api_base: %1$s
                  - model_name: vertex-flash
                    litellm_params:
                      model: vertex_ai/gemini-2.5-flash
                      api_base: %1$s
                      vertex_project: my-proj
                      vertex_location: europe-west4
                      vertex_credentials: %2$s
                """.formatted(gemini.origin(), credentials), Map.of("LITELLM_MASTER_KEY", MASTER_KEY, "GEMINI_API_KEY", GEMINI_KEY));
        client = OpenAIOkHttpClient.builder().apiKey(MASTER_KEY).baseUrl(server.baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (gemini != null) {
            gemini.close();
        }
        if (oauth != null) {
            oauth.close();
        }
    }

    private static ChatCompletionCreateParams.Builder ask(String text) {
        return ChatCompletionCreateParams.builder().model("gemini-flash").addUserMessage(text);
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static void assertKeyOnlyInHeader(RecordedRequest upstream) {
        assertEquals(GEMINI_KEY, upstream.header("x-goog-api-key"));
        assertNull(upstream.queryParam("key"), "the key must never be in the URL");
        assertNull(upstream.header("Authorization"));
    }

    @Test
    void nonStreamingText() {
        ChatCompletion completion = client.chat().completions().create(ask("Hello there")
                .addSystemMessage("be brief").temperature(0.2).maxCompletionTokens(50).build());

        assertEquals("Echo: Hello there", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals("gemini-2.5-flash", completion.model());
        var usage = completion.usage().orElseThrow();
        assertEquals(4, usage.promptTokens(), "Hello there + be brief");
        assertEquals(3, usage.completionTokens());
        RecordedRequest upstream = gemini.lastRequest();
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", upstream.pathAndQuery());
        assertKeyOnlyInHeader(upstream);
        assertEquals("be brief", upstream.body().at("/systemInstruction/parts/0/text").asText());
        assertEquals(0.2, upstream.body().at("/generationConfig/temperature").asDouble());
        assertEquals(50, upstream.body().at("/generationConfig/maxOutputTokens").asInt());
    }

    @Test
    void streamedTextWithUsageThroughTheAccumulator() {
        ChatCompletion completion = accumulate(ask("Tell me a short story please")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertEquals("Echo: Tell me a short story please", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(6, completion.usage().orElseThrow().promptTokens());
        assertEquals(7, completion.usage().orElseThrow().completionTokens());
        RecordedRequest upstream = gemini.lastRequest();
        assertEquals("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", upstream.pathAndQuery());
        assertKeyOnlyInHeader(upstream);
    }

    @Test
    void toolCallsNonStreamingAndStreamedThenTheResultGoesBack() {
        ChatCompletionCreateParams params = ask("Paris").addFunctionTool(ChatCompletionsIT.weatherFunction()).build();

        ChatCompletion plain = client.chat().completions().create(params);
        ChatCompletion streamed = accumulate(params);

        for (ChatCompletion c : List.of(plain, streamed)) {
            assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, c.choices().get(0).finishReason());
            ChatCompletionMessageToolCall call = c.choices().get(0).message().toolCalls().orElseThrow().get(0);
            assertEquals("get_weather", call.asFunction().function().name());
            assertEquals("{\"location\":\"Paris\"}", call.asFunction().function().arguments());
            assertEquals("gcall_0_get_weather", call.asFunction().id());
        }
        var declaration = gemini.lastRequest().body().at("/tools/0/functionDeclarations/0");
        assertEquals("get_weather", declaration.path("name").asText());
        assertEquals("string", declaration.at("/parameters/properties/location/type").asText());

        ChatCompletionMessageToolCall call = plain.choices().get(0).message().toolCalls().orElseThrow().get(0);
        ChatCompletion answer = client.chat().completions().create(params.toBuilder()
                .addMessage(plain.choices().get(0).message())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.asFunction().id())
                        .content("18C and sunny").build())
                .build());

        assertEquals("Result: {\"content\":\"18C and sunny\"}", answer.choices().get(0).message().content().orElseThrow());
        var contents = gemini.lastRequest().body().get("contents");
        assertEquals("model", contents.get(1).path("role").asText());
        assertEquals("get_weather", contents.get(1).at("/parts/0/functionCall/name").asText());
        assertEquals("user", contents.get(2).path("role").asText());
        assertEquals("get_weather", contents.get(2).at("/parts/0/functionResponse/name").asText());
    }

    @Test
    void embeddingsThroughBatchEmbedContents() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("gemini-embed").inputOfArrayOfStrings(List.of("the quick brown fox", "jumps")).dimensions(8)
                .build());

        assertEquals(2, response.data().size());
        float[] expected = EmbeddingBodies.vector("jumps", 8);
        List<Float> actual = response.data().get(1).embedding();
        assertEquals(8, actual.size());
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], actual.get(i), 1e-6);
        }
        RecordedRequest upstream = gemini.lastRequest();
        assertEquals("/v1beta/models/gemini-embedding-001:batchEmbedContents", upstream.pathAndQuery());
        assertKeyOnlyInHeader(upstream);
        assertEquals(8, upstream.body().at("/requests/0/outputDimensionality").asInt());
    }

    @Test
    void rateLimitWithRetryInfoBecomes429WithRetryAfter() throws Exception {
        gemini.scenario("gemini-2.5-flash", new Scenario.Error(429, GoogleErrors.resourceExhausted("7.2s")));
        try {
            RateLimitException e = assertThrows(RateLimitException.class,
                    () -> client.chat().completions().create(ask("Hi").build()));
            assertEquals(429, e.statusCode());

            HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + MASTER_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"gemini-flash\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(429, raw.statusCode());
            assertEquals("8", raw.headers().firstValue("retry-after").orElseThrow(), "7.2 s rounded up");
            assertTrue(raw.body().contains("rate_limit_error"), raw.body());
            assertFalse(raw.body().contains("googleapis"), raw.body());
        } finally {
            gemini.clearScenarios();
        }
    }

    @Test
    void theKeyNeverReachesTheLogs() throws IOException {
        client.chat().completions().create(ask("Hello log").build());
        assertFalse(server.logText().contains(GEMINI_KEY));
        assertFalse(server.messagesLog().contains(GEMINI_KEY));
    }

    @Test
    void vertexWithAServiceAccountTokenCachedAcrossCalls() {
        ChatCompletion plain = client.chat().completions().create(
                ChatCompletionCreateParams.builder().model("vertex-flash").addUserMessage("Hello Vertex").build());
        RecordedRequest first = gemini.lastRequest();
        ChatCompletion streamed = accumulate(
                ChatCompletionCreateParams.builder().model("vertex-flash").addUserMessage("Hello again").build());
        RecordedRequest second = gemini.lastRequest();

        assertEquals("Echo: Hello Vertex", plain.choices().get(0).message().content().orElseThrow());
        assertEquals("Echo: Hello again", streamed.choices().get(0).message().content().orElseThrow());
        assertEquals("/v1/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-flash"
                + ":generateContent", first.pathAndQuery());
        assertEquals("/v1/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-flash"
                + ":streamGenerateContent?alt=sse", second.pathAndQuery());
        assertEquals("Bearer " + FakeGoogleOAuth.token(1), first.header("Authorization"));
        assertEquals("Bearer " + FakeGoogleOAuth.token(1), second.header("Authorization"));
        assertNull(first.header("x-goog-api-key"));
        assertEquals(1, oauth.tokensIssued(), "one JWT-bearer exchange, then the cached token");
    }
}
