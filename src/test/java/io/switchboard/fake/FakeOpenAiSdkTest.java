package io.switchboard.fake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The strictest judge available (reference §0, §5.6): openai-java 4.101.0 with {@code responseValidation(true)} and
 * its {@code ChatCompletionAccumulator} must accept everything {@link FakeOpenAi} sends by default.
 */
class FakeOpenAiSdkTest {

    private static final String KEY = "sk-sdk-test";
    private static FakeOpenAi openAi;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        openAi = FakeOpenAi.start(0, KEY);
        client = OpenAIOkHttpClient.builder().apiKey(KEY).baseUrl(openAi.baseUrl()).responseValidation(true)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        openAi.close();
    }

    @Test
    void accumulatorAcceptsTheTextStreamWithUsage() {
        ChatCompletion completion = accumulate(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("one two three")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());
        assertEquals("Echo: one two three", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(4, completion.usage().orElseThrow().completionTokens());
    }

    @Test
    void accumulatorAcceptsParallelToolCalls() {
        ChatCompletion completion = accumulate(ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("Paris").addTool(tool("get_weather")).addTool(tool("get_time")).build());
        List<String> names = completion.choices().get(0).message().toolCalls().orElseThrow().stream()
                .map(call -> call.asFunction().function().name()).toList();
        assertEquals(List.of("get_weather", "get_time"), names);
        ChatCompletionMessageFunctionToolCall first = completion.choices().get(0).message().toolCalls().orElseThrow()
                .get(0).asFunction();
        assertEquals("{\"location\":\"Paris\"}", first.function().arguments());
    }

    @Test
    void nonStreamingAndBase64EmbeddingsValidate() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage("hi").build());
        assertEquals("gpt-4o-2024-08-06", completion.model());
        // The SDK asks for base64 by default and decodes it (reference §1.3).
        List<Float> vector = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("text-embedding-3-small").input("hi").dimensions(4).build()).data().get(0).embedding();
        assertEquals("base64", openAi.lastRequest().body().get("encoding_format").asText());
        float[] expected = EmbeddingBodies.vector("hi", 4);
        assertArrayEquals(expected, new float[] {vector.get(0), vector.get(1), vector.get(2), vector.get(3)});
    }

    @Test
    void errorsMapToTheSdksExceptions() {
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().apiKey("sk-wrong").baseUrl(openAi.baseUrl())
                .maxRetries(0).build();
        try {
            UnauthorizedException unauthorized = assertThrows(UnauthorizedException.class, () -> wrongKey.models().list());
            assertTrue(unauthorized.getMessage().contains("sk-wrong"));
        } finally {
            wrongKey.close();
        }
        openAi.scenario("gpt-4o-mini", Scenario.openAiRateLimited(1));
        try {
            RateLimitException limited = assertThrows(RateLimitException.class, () -> client.chat().completions()
                    .create(ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage("x").build()));
            assertEquals("rate_limit_exceeded", limited.code().orElseThrow());
        } finally {
            openAi.scenario("gpt-4o-mini", null);
        }
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static ChatCompletionFunctionTool tool(String name) {
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                .build();
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder().name(name).parameters(parameters).build()).build();
    }
}
