package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import io.switchboard.fake.Fixtures;
import io.switchboard.fake.RecordedRequest;
import io.switchboard.fake.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chat completions through the gateway, consumed by the official openai-java SDK and its accumulator. */
class ChatCompletionsIT {
    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
        client = SdkClients.openai(gateway);
    }

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static ChatCompletionStreamOptions withUsage() {
        return ChatCompletionStreamOptions.builder().includeUsage(true).build();
    }

    @Test
    void theProvidersRateLimitHeadersReachTheClientAsLiteLlmPassesThem() {
        HttpResponseFor<ChatCompletion> answered = client.chat().completions().withRawResponse()
                .create(ask("gpt-4o-mini", "Hello there").build());
        answered.parse(); // the SDK still validates the body
        assertEquals(List.of("10000"), answered.headers().values("x-ratelimit-limit-requests"));
        assertEquals(List.of("199950"), answered.headers().values("x-ratelimit-remaining-tokens"));
        assertEquals(List.of("6ms"), answered.headers().values("llm_provider-x-ratelimit-reset-requests"));
        assertEquals(List.of(), answered.headers().values("openai-organization"), "only rate limits pass");

        try (HttpResponseFor<StreamResponse<ChatCompletionChunk>> streamed = client.chat().completions()
                .withRawResponse().createStreaming(ask("gpt-4o-mini", "Hello there").build())) {
            assertEquals(List.of("200000"), streamed.headers().values("x-ratelimit-limit-tokens"));
            assertEquals(List.of("200000"), streamed.headers().values("llm_provider-x-ratelimit-limit-tokens"));
            try (StreamResponse<ChatCompletionChunk> chunks = streamed.parse()) {
                assertTrue(chunks.stream().count() > 0);
            }
        }
    }

    @Test
    void openAiNonStreaming() {
        ChatCompletion completion = client.chat().completions().create(ask("gpt-4o-mini", "Hello there").build());

        assertEquals("Echo: Hello there", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("gpt-4o-mini-2024-07-18", completion.model());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(completion.usage().orElseThrow().promptTokens() + completion.usage().orElseThrow().completionTokens(),
                completion.usage().orElseThrow().totalTokens());
        RecordedRequest upstream = gateway.openai.lastRequest();
        assertEquals("Bearer " + TestGateway.OPENAI_KEY, upstream.header("Authorization"));
        assertEquals("gpt-4o-mini", upstream.body().path("model").asText());
    }

    @Test
    void openAiStreamWithUsageThroughTheAccumulator() {
        ChatCompletion completion = accumulate(ask("gpt-4o-mini", "Tell me a short story").streamOptions(withUsage()).build());

        assertEquals("Echo: Tell me a short story", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertTrue(completion.usage().orElseThrow().totalTokens() > 0);
    }

    @Test
    void azureStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(ask("azure-gpt-4o", "Hi Azure").streamOptions(withUsage()).build());

        assertEquals("Echo: Hi Azure", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("gpt-4o-2024-08-06", completion.model());
        RecordedRequest upstream = gateway.azure.lastRequest();
        assertEquals(TestGateway.AZURE_KEY, upstream.header("api-key"));
        assertEquals("2024-10-21", upstream.queryParam("api-version"));
        assertEquals("/openai/deployments/prod-gpt4o/chat/completions", upstream.path());
    }

    @Test
    void azureNonStreaming() {
        ChatCompletion completion = client.chat().completions().create(ask("azure-gpt-4o", "Hi").build());

        assertEquals("Echo: Hi", completion.choices().get(0).message().content().orElseThrow());
    }

    @Test
    void recordedMistralToolCallStreamIsRepairedForTheAccumulator() {
        // Mistral's real stream: tool calls without index or type, usage on the finish chunk.
        gateway.mistral.scenario("mistral-small-latest",
                new Scenario.RawStream(Fixtures.lines("mistral/mistral-tool-call.chunks.txt"), true));
        try {
            ChatCompletion completion = accumulate(ask("mistral-small", "What's the weather?")
                    .addFunctionTool(weatherFunction()).streamOptions(withUsage()).build());

            var call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0);
            assertFalse(call.asFunction().function().name().isEmpty());
            assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason());
            assertTrue(completion.usage().orElseThrow().totalTokens() > 0);
            assertEquals("Bearer " + TestGateway.MISTRAL_KEY, gateway.mistral.lastRequest().header("Authorization"));
        } finally {
            gateway.mistral.clearScenarios();
        }
    }

    @Test
    void recordedMistralTextStream() {
        gateway.mistral.scenario("mistral-small-latest",
                new Scenario.RawStream(Fixtures.lines("mistral/mistral-text.chunks.txt"), true));
        try {
            ChatCompletion completion = accumulate(ask("mistral-small", "Hello").streamOptions(withUsage()).build());

            assertFalse(completion.choices().get(0).message().content().orElseThrow().isEmpty());
            assertTrue(completion.usage().orElseThrow().totalTokens() > 0);
        } finally {
            gateway.mistral.clearScenarios();
        }
    }

    @Test
    void recordedGroqToolCallStreamWithUsageOnTheFinishChunk() {
        gateway.groq.scenario("llama-3.3-70b-versatile",
                new Scenario.RawStream(Fixtures.lines("groq/groq-tool-call.chunks.txt"), true));
        try {
            ChatCompletion completion = accumulate(ask("groq-llama", "Weather?")
                    .addFunctionTool(weatherFunction()).streamOptions(withUsage()).build());

            assertTrue(completion.choices().get(0).message().toolCalls().isPresent());
            assertTrue(completion.usage().orElseThrow().totalTokens() > 0);
        } finally {
            gateway.groq.clearScenarios();
        }
    }

    @Test
    void recordedAzureStreamWithPromptFilterChunk() {
        gateway.azure.scenario("prod-gpt4o",
                new Scenario.RawStream(Fixtures.lines("azure/azure-model-router.1.chunks.txt"), true));
        try {
            ChatCompletion completion = accumulate(ask("azure-gpt-4o", "Hello").build());

            assertFalse(completion.id().isEmpty());
            assertFalse(completion.choices().get(0).message().content().orElseThrow().isEmpty());
        } finally {
            gateway.azure.clearScenarios();
        }
    }

    @Test
    void parallelToolCallsNonStreamingAndStreaming() {
        ChatCompletionCreateParams params = ask("gpt-4o-mini", "Weather and time in Paris")
                .addFunctionTool(weatherFunction())
                .addFunctionTool(FunctionDefinition.builder().name("get_time").parameters(objectSchema()).build())
                .toolChoice(ChatCompletionToolChoiceOption.Auto.REQUIRED)
                .build();

        ChatCompletion plain = client.chat().completions().create(params);
        ChatCompletion streamed = accumulate(params);

        for (ChatCompletion c : List.of(plain, streamed)) {
            var calls = c.choices().get(0).message().toolCalls().orElseThrow();
            assertEquals(2, calls.size());
            assertEquals("get_weather", calls.get(0).asFunction().function().name());
            assertEquals("get_time", calls.get(1).asFunction().function().name());
            assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, c.choices().get(0).finishReason());
        }
        assertEquals(plain.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction().function().arguments(),
                streamed.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction().function().arguments());
        assertEquals("required", gateway.openai.lastRequest().body().path("tool_choice").asText());
    }

    @Test
    void severalChoicesStreamed() {
        ChatCompletion completion = accumulate(ask("gpt-4o-mini", "Pick").n(2).build());

        assertEquals(2, completion.choices().size());
        assertEquals("Echo: Pick [1]", completion.choices().get(1).message().content().orElseThrow());
    }

    @Test
    void parametersReachTheProviderAndUnknownFieldsArePassedOn() {
        client.chat().completions().create(ask("gpt-4o-mini", "Hi")
                .temperature(0.2).topP(0.9).seed(42).maxCompletionTokens(50).user("user-7")
                .putAdditionalBodyProperty("metadata", JsonValue.from(Map.of("trace", "t1")))
                .putAdditionalBodyProperty("service_tier", JsonValue.from("flex"))
                .build());

        var body = gateway.openai.lastRequest().body();
        assertEquals(0.2, body.path("temperature").asDouble());
        assertEquals(42, body.path("seed").asInt());
        assertEquals(50, body.path("max_completion_tokens").asInt());
        assertEquals("user-7", body.path("user").asText());
        assertEquals("t1", body.path("metadata").path("trace").asText());
        assertEquals("flex", body.path("service_tier").asText());
    }

    @Test
    void wildcardModelServesAnyOpenAiModel() {
        ChatCompletion completion = client.chat().completions().create(ask("openai/gpt-4o", "Hi").build());

        assertEquals("gpt-4o-2024-08-06", completion.model());
        assertEquals("gpt-4o", gateway.openai.lastRequest().body().path("model").asText());
    }

    @Test
    void streamingChunksArriveInOrderAsSeparateEvents() {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                .createStreaming(ask("gpt-4o-mini", "one two three four").streamOptions(withUsage()).build())) {
            stream.stream().forEach(chunks::add);
        }
        assertEquals("assistant", chunks.get(0).choices().get(0).delta().role().orElseThrow().asString());
        ChatCompletionChunk last = chunks.get(chunks.size() - 1);
        assertTrue(last.choices().isEmpty());
        assertTrue(last.usage().isPresent());
        assertTrue(chunks.get(chunks.size() - 2).choices().get(0).finishReason().isPresent());
        assertTrue(chunks.size() >= 4);
    }

    @Test
    void imagePartsReachTheProvider() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("What is this?").build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64,iVBORw0KGgo=")
                                        .detail(ChatCompletionContentPartImage.ImageUrl.Detail.LOW).build())
                                .build())))
                .build());

        assertEquals("Echo: What is this?", completion.choices().get(0).message().content().orElseThrow());
        var part = gateway.openai.lastRequest().body().at("/messages/0/content/1");
        assertEquals("image_url", part.path("type").asText());
        assertEquals("data:image/png;base64,iVBORw0KGgo=", part.at("/image_url/url").asText());
        assertEquals("low", part.at("/image_url/detail").asText());
    }

    @Test
    void jsonSchemaResponseFormatIsPassedOnAndAnswered() throws Exception {
        ChatCompletion completion = client.chat().completions().create(ask("gpt-4o-mini", "Describe Paris")
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("city").strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("name", Map.of("type", "string"))))
                                .build())
                        .build()).build())
                .build());

        var sent = gateway.openai.lastRequest().body().get("response_format");
        assertEquals("json_schema", sent.path("type").asText());
        assertEquals("city", sent.at("/json_schema/name").asText());
        assertTrue(sent.at("/json_schema/strict").asBoolean());
        var answer = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(completion.choices().get(0).message().content().orElseThrow());
        assertTrue(answer.isObject(), answer.toString());
    }

    static FunctionDefinition weatherFunction() {
        return FunctionDefinition.builder().name("get_weather").description("Weather for a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("location")))
                        .build())
                .build();
    }

    private static FunctionParameters objectSchema() {
        return FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build();
    }
}
