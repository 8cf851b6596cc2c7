package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import io.switchboard.fake.AnthropicErrorBodies;
import io.switchboard.fake.FakeAnthropic;
import io.switchboard.fake.RecordedRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An {@code anthropic/} deployment end to end: the official openai-java SDK (with response validation and its
 * accumulator, the strictest judge of OpenAI output, reference §5.6) talks to the gateway, which talks to
 * {@link FakeAnthropic} over real HTTP.
 */
class AnthropicIT {
    private static final String MASTER_KEY = "sk-master-CANARY-anthropic-4d1c";
    private static final String ANTHROPIC_KEY = "sk-ant-CANARY-PROV-anthropic-7e2f";
    private static FakeAnthropic anthropic;
    private static GatewayServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        anthropic = FakeAnthropic.start(0, ANTHROPIC_KEY);
        server = GatewayServer.start("anthropic", """
                model_list:
                  - model_name: claude
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_base: %s
                      api_key: os.environ/ANTHROPIC_API_KEY
                    model_info:
                      max_output_tokens: 8192
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(anthropic.baseUrl()),
                Map.of("LITELLM_MASTER_KEY", MASTER_KEY, "ANTHROPIC_API_KEY", ANTHROPIC_KEY));
        client = OpenAIOkHttpClient.builder().apiKey(MASTER_KEY).baseUrl(server.baseUrl() + "/v1").maxRetries(0)
                .responseValidation(true).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        anthropic.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String text) {
        return ChatCompletionCreateParams.builder().model("claude").addUserMessage(text);
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static ChatCompletionCreateParams.Builder weather(String text) {
        return ask(text).addFunctionTool(ChatCompletionsIT.weatherFunction());
    }

    @Test
    void nonStreamingTextWithASystemMessage() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude").addSystemMessage("be brief").addUserMessage("Hello there").user("u-42").build());

        ChatCompletion.Choice choice = completion.choices().get(0);
        assertEquals("Echo: Hello there", choice.message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
        assertEquals("claude-sonnet-4-5-20250929", completion.model());
        assertEquals("msg_01Fake", completion.id().substring(0, 10));
        var usage = completion.usage().orElseThrow();
        assertEquals(4, usage.promptTokens()); // "be brief" + "Hello there", in words
        assertEquals(3, usage.completionTokens());
        assertEquals(7, usage.totalTokens());

        RecordedRequest upstream = anthropic.lastRequest();
        assertEquals(ANTHROPIC_KEY, upstream.header("x-api-key"));
        assertEquals("2023-06-01", upstream.header("anthropic-version"));
        assertEquals("/v1/messages", upstream.path());
        JsonNode body = upstream.body();
        assertEquals("claude-sonnet-4-5", body.get("model").asText());
        assertEquals("be brief", body.get("system").asText());
        assertEquals(8192, body.get("max_tokens").asInt(), "max_tokens defaults to the model's output limit");
        assertEquals("u-42", body.at("/metadata/user_id").asText());
        assertEquals(1, body.get("messages").size());
    }

    @Test
    void pdfAndPlainTextFilesReachAnthropicAsDocuments() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude").addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text("Compare").build()),
                        file("data:application/pdf;base64,JVBERi0xLjQK", "a.pdf"),
                        file("data:text/plain;base64,aGVsbG8gd29ybGQ=", "b.txt"))).build());

        assertEquals("Echo: Compare", completion.choices().get(0).message().content().orElseThrow());
        JsonNode content = anthropic.lastRequest().body().at("/messages/0/content");
        assertEquals("base64", content.at("/1/source/type").asText());
        assertEquals("application/pdf", content.at("/1/source/media_type").asText());
        assertEquals("text", content.at("/2/source/type").asText());
        assertEquals("hello world", content.at("/2/source/data").asText());
    }

    private static ChatCompletionContentPart file(String dataUrl, String filename) {
        return ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder().file(
                ChatCompletionContentPart.File.FileObject.builder().fileData(dataUrl).filename(filename).build()).build());
    }

    @Test
    void anthropicsRateLimitHeadersReachTheClientUnderOpenAiNames() {
        HttpResponseFor<ChatCompletion> answered = client.chat().completions().withRawResponse()
                .create(ask("Hello there").build());
        answered.parse();
        assertEquals(java.util.List.of("50"), answered.headers().values("x-ratelimit-limit-requests"));
        assertEquals(1, answered.headers().values("x-ratelimit-remaining-requests").size());
        assertEquals(java.util.List.of("30000"),
                answered.headers().values("llm_provider-anthropic-ratelimit-input-tokens-limit"));
        assertEquals(java.util.List.of(), answered.headers().values("anthropic-organization-id"),
                "only rate limits pass");
    }

    @Test
    void textStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(ask("Tell me a short story")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertEquals("Echo: Tell me a short story", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals("claude-sonnet-4-5-20250929", completion.model());
        var usage = completion.usage().orElseThrow();
        assertEquals(5, usage.promptTokens());
        assertEquals(6, usage.completionTokens());
        assertTrue(anthropic.lastRequest().body().get("stream").asBoolean());
    }

    @Test
    void toolCallNonStreamingAndStreamingAgree() {
        ChatCompletionCreateParams params = weather("Paris").build();

        ChatCompletion plain = client.chat().completions().create(params);
        ChatCompletion streamed = accumulate(params);

        for (ChatCompletion c : List.of(plain, streamed)) {
            ChatCompletion.Choice choice = c.choices().get(0);
            ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
            assertEquals("toolu_01Fakeget_weather", call.id());
            assertEquals("get_weather", call.function().name());
            assertEquals("{\"location\":\"Paris\"}", call.function().arguments());
            assertEquals("Let me call get_weather.", choice.message().content().orElseThrow());
            assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        }
        JsonNode tools = anthropic.lastRequest().body().get("tools");
        assertEquals("get_weather", tools.get(0).get("name").asText());
        assertEquals("string", tools.get(0).at("/input_schema/properties/location/type").asText());
    }

    @Test
    void toolResultsGoBackAsToolResultBlocks() {
        ChatCompletionMessageToolCall call = ChatCompletionMessageToolCall.ofFunction(
                ChatCompletionMessageFunctionToolCall.builder().id("toolu_01Fakeget_weather")
                        .function(ChatCompletionMessageFunctionToolCall.Function.builder().name("get_weather")
                                .arguments("{\"location\":\"Paris\"}").build()).build());
        ChatCompletion completion = client.chat().completions().create(weather("Paris")
                .addMessage(ChatCompletionAssistantMessageParam.builder().toolCalls(List.of(call)).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("toolu_01Fakeget_weather")
                        .content("18C sunny").build())
                .build());

        assertEquals("Results: 18C sunny", completion.choices().get(0).message().content().orElseThrow());
        JsonNode messages = anthropic.lastRequest().body().get("messages");
        assertEquals(3, messages.size());
        assertEquals("tool_use", messages.get(1).at("/content/0/type").asText());
        assertEquals("Paris", messages.get(1).at("/content/0/input/location").asText());
        assertEquals("tool_result", messages.get(2).at("/content/0/type").asText());
        assertEquals("user", messages.get(2).get("role").asText());
    }

    @Test
    void jsonSchemaResponseFormatAnswersAsContent() {
        ChatCompletion completion = client.chat().completions().create(ask("Lyon").responseFormat(
                ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("city").schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("name",
                                        Map.of("type", "string")))).build()).build()).build()).build());

        assertEquals("{\"name\":\"Lyon\"}", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertFalse(completion.choices().get(0).message().toolCalls().isPresent()
                && !completion.choices().get(0).message().toolCalls().get().isEmpty());
        assertEquals("json_tool_call", anthropic.lastRequest().body().at("/tool_choice/name").asText());
    }

    @Test
    void thinkingComesBackAsReasoningAndItsSignedBlocksGoBackNextTurn() {
        ChatCompletion first = client.chat().completions().create(weather("Paris")
                .reasoningEffort(ReasoningEffort.LOW).build());

        var message = first.choices().get(0).message();
        assertEquals("Thinking about: Paris", message._additionalProperties().get("reasoning_content").asStringOrThrow());
        JsonValue thinkingBlocks = message._additionalProperties().get("thinking_blocks");
        assertTrue(thinkingBlocks.toString().contains("EqFakeSig"), thinkingBlocks.toString());
        assertEquals("{\"type\":\"enabled\",\"budget_tokens\":1024}",
                anthropic.lastRequest().body().get("thinking").toString());
        ChatCompletionMessageToolCall call = message.toolCalls().orElseThrow().get(0);

        ChatCompletion second = client.chat().completions().create(weather("Paris")
                .reasoningEffort(ReasoningEffort.LOW)
                .addMessage(ChatCompletionAssistantMessageParam.builder().toolCalls(List.of(call))
                        .putAdditionalProperty("thinking_blocks", thinkingBlocks).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.asFunction().id())
                        .content("18C").build())
                .build());

        assertEquals("Results: 18C", second.choices().get(0).message().content().orElseThrow());
        JsonNode assistant = anthropic.lastRequest().body().get("messages").get(1);
        assertEquals("thinking", assistant.at("/content/0/type").asText(), "the signed thinking block leads the turn");
        assertEquals("tool_use", assistant.at("/content/1/type").asText());
    }

    @Test
    void thinkingStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(ask("Hi there").reasoningEffort(ReasoningEffort.HIGH).build());

        assertEquals("Echo: Hi there", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(4096, anthropic.lastRequest().body().at("/thinking/budget_tokens").asInt());
    }

    @Test
    void rateLimitIs429WithRetryAfter() throws IOException {
        anthropic.scenario("claude-sonnet-4-5", AnthropicErrorBodies.rateLimited(7));
        try {
            RateLimitException e = assertThrows(RateLimitException.class,
                    () -> client.chat().completions().create(ask("Hi").build()));
            assertEquals(429, e.statusCode());
            assertEquals("7", e.headers().values("retry-after").get(0));
            assertFalse(e.getMessage().contains(ANTHROPIC_KEY));
            assertFalse(e.getMessage().contains("127.0.0.1"));
        } finally {
            anthropic.clearScenarios();
        }
        assertFalse(server.logText().contains(ANTHROPIC_KEY), "the provider key never reaches the log");
    }
}
