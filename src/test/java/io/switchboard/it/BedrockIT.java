package io.switchboard.it;

import com.openai.models.ResponseFormatJsonSchema;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.RateLimitException;
import com.openai.errors.SseException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolChoiceOption;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.switchboard.fake.EmbeddingBodies;
import io.switchboard.fake.FakeBedrock;
import io.switchboard.fake.RecordedRequest;
import io.switchboard.fake.Scenario;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bedrock ({@code bedrock/} deployments) end to end: the packaged gateway in front of {@link FakeBedrock}, which
 * verifies every SigV4 signature and streams real event-stream frames cut into 29-byte writes; the client is the
 * official openai-java SDK (non-stream, streams through {@link ChatCompletionAccumulator}, tools, errors,
 * embeddings). Credentials come from the standard AWS environment variables, except where a deployment names its
 * own (a Bedrock API key; a wrong secret).
 */
class BedrockIT {
    private static final String MASTER_KEY = "sk-master-bedrock-IT";
    private static final String KEY_ID = "AKIAFAKECANARY12345";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+CANARYSECRETKEY";
    private static final String TOKEN = "FwoGZXIvYXdzCANARYSESSIONTOKEN";
    private static final String API_KEY = "ABSKQmVkcm9ja0FQSUtleS1DANARY";
    private static final String PDF = "JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDw+PgplbmRvYmoK";
    private static final String CLAUDE = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final String PROFILE = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/"
            + "us.anthropic.claude-sonnet-4-20250514-v1:0";
    private static FakeBedrock bedrock;
    private static GatewayServer server;
    private static OpenAIClient client;

    @BeforeAll
    static void start() throws IOException {
        bedrock = FakeBedrock.start(0, "us-east-1").credentials(KEY_ID, SECRET, TOKEN).apiKey(API_KEY)
                .model(CLAUDE).model(PROFILE).model("amazon.nova-pro-v1:0").model("amazon.titan-embed-text-v2:0")
                .model("cohere.embed-english-v3");
        server = GatewayServer.start("bedrock", """
                model_list:
                  - model_name: claude
                    litellm_params:
                      model: bedrock/%2$s
                      api_base: %1$s
                  - model_name: claude-profile
                    litellm_params:
                      model: bedrock/converse/%3$s
                      api_base: %1$s
                  - model_name: nova-api-key
                    litellm_params:
                      model: bedrock/amazon.nova-pro-v1:0
                      api_base: %1$s
                      api_key: os.environ/BEDROCK_API_KEY
                  - model_name: nova-wrong-secret
                    litellm_params:
                      model: bedrock/amazon.nova-pro-v1:0
                      api_base: %1$s
                      aws_secret_access_key: wrongWRONGwrongWRONGwrong
                  - model_name: titan-embed
                    litellm_params:
                      model: bedrock/amazon.titan-embed-text-v2:0
                      api_base: %1$s
                  - model_name: cohere-embed
                    litellm_params:
                      model: bedrock/cohere.embed-english-v3
                      api_base: %1$s
                """.formatted(bedrock.origin(), CLAUDE, PROFILE), Map.of("LITELLM_MASTER_KEY", MASTER_KEY,
                "AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN,
                "AWS_REGION", "us-east-1", "BEDROCK_API_KEY", API_KEY));
        client = OpenAIOkHttpClient.builder().apiKey(MASTER_KEY).baseUrl(server.baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
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

    private static ChatCompletionCreateParams.Builder weather(String city) {
        return ask("claude", city).addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name("get_weather").description("Get weather").parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build()).build()).build());
    }

    @Test
    void signedConverseCallWithEnvironmentCredentials() {
        ChatCompletion completion = client.chat().completions().create(ask("claude", "Hello there")
                .addSystemMessage("be brief").temperature(0.2).maxCompletionTokens(50).build());

        assertEquals("Echo: Hello there", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(3, completion.usage().orElseThrow().completionTokens());
        RecordedRequest upstream = bedrock.lastRequest();
        assertEquals("/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", upstream.path());
        assertTrue(upstream.header("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/"));
        assertEquals(TOKEN, upstream.header("x-amz-security-token"));
        assertEquals("be brief", upstream.body().at("/system/0/text").asText());
        assertEquals(50, upstream.body().at("/inferenceConfig/maxTokens").asInt());
    }

    @Test
    void inferenceProfileArnIsOneEncodedSegmentAndItsSignatureVerifies() {
        ChatCompletion completion = client.chat().completions().create(ask("claude-profile", "Hi profile").build());

        assertEquals("Echo: Hi profile", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
                + "us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse", bedrock.lastRequest().path());
    }

    @Test
    void eventStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(ask("claude", "Tell me a short story")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertEquals("Echo: Tell me a short story", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        var usage = completion.usage().orElseThrow();
        assertEquals(5, usage.promptTokens());
        assertEquals(6, usage.completionTokens());
        assertTrue(bedrock.lastRequest().path().endsWith("/converse-stream"));
    }

    @Test
    void toolCallsNonStreamingAndStreamingAgreeAndResultsGoBack() {
        ChatCompletionCreateParams params = weather("Paris").build();
        for (ChatCompletion c : List.of(client.chat().completions().create(params), accumulate(params))) {
            ChatCompletion.Choice choice = c.choices().get(0);
            ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
            assertEquals("get_weather", call.function().name());
            assertEquals("{\"location\":\"Paris\"}", call.function().arguments());
            assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, choice.finishReason());
        }
        String id = client.chat().completions().create(params).choices().get(0).message().toolCalls().orElseThrow()
                .get(0).asFunction().id();
        ChatCompletionMessageToolCall call = ChatCompletionMessageToolCall.ofFunction(
                ChatCompletionMessageFunctionToolCall.builder().id(id).function(ChatCompletionMessageFunctionToolCall
                        .Function.builder().name("get_weather").arguments("{\"location\":\"Paris\"}").build()).build());
        ChatCompletion answer = client.chat().completions().create(weather("Paris")
                .addMessage(ChatCompletionAssistantMessageParam.builder().toolCalls(List.of(call)).build())
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(id).content("18C sunny").build())
                .build());

        assertEquals("Echo: 18C sunny", answer.choices().get(0).message().content().orElseThrow());
        JsonNode messages = bedrock.lastRequest().body().get("messages");
        assertEquals("Paris", messages.get(1).at("/content/0/toolUse/input/location").asText());
        assertEquals(id, messages.get(2).at("/content/0/toolResult/toolUseId").asText());
    }

    @Test
    void toolChoiceNoneOffersNoToolsSoTheAnswerIsText() {
        ChatCompletion completion = client.chat().completions().create(weather("Paris")
                .toolChoice(ChatCompletionToolChoiceOption.Auto.NONE).build());

        assertEquals("Echo: Paris", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertFalse(bedrock.lastRequest().body().has("toolConfig"), "no tools offered, so none can be called");
    }

    @Test
    void toolChoiceNoneAfterToolCallsIsA400NamingIt() {
        ChatCompletionMessageToolCall call = ChatCompletionMessageToolCall.ofFunction(
                ChatCompletionMessageFunctionToolCall.builder().id("tooluse_1").function(ChatCompletionMessageFunctionToolCall
                        .Function.builder().name("get_weather").arguments("{\"location\":\"Paris\"}").build()).build());
        int before = bedrock.requestCount();
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.chat().completions().create(
                weather("Paris").toolChoice(ChatCompletionToolChoiceOption.Auto.NONE)
                        .addMessage(ChatCompletionAssistantMessageParam.builder().toolCalls(List.of(call)).build())
                        .addMessage(ChatCompletionToolMessageParam.builder().toolCallId("tooluse_1").content("18C").build())
                        .build()));

        assertEquals(400, e.statusCode());
        assertEquals("tool_choice", e.param().orElseThrow());
        assertEquals(before, bedrock.requestCount(), "decided before the call, never sent to fail upstream");
    }

    @Test
    void aPdfFilePartReachesConverseAsADocumentBlock() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("claude").addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder()
                                .text("Summarise this").build()),
                        file("data:application/pdf;base64," + PDF, "Q3_report.pdf"))).build());

        assertEquals("Echo: Summarise this", completion.choices().get(0).message().content().orElseThrow());
        JsonNode document = bedrock.lastRequest().body().at("/messages/0/content/1/document");
        assertEquals("pdf", document.path("format").asText());
        assertEquals("Q3-report", document.path("name").asText());
        assertEquals(PDF, document.at("/source/bytes").asText());
    }

    @Test
    void aFileBedrockCannotReadIsA400NamingThePart() {
        int before = bedrock.requestCount();
        BadRequestException e = assertThrows(BadRequestException.class, () -> client.chat().completions().create(
                ChatCompletionCreateParams.builder().model("claude").addUserMessageOfArrayOfContentParts(List.of(
                        file("data:application/zip;base64,UEsDBA==", "a.zip"))).build()));

        assertEquals(400, e.statusCode());
        assertEquals("messages[0].content[0].file.file_data", e.param().orElseThrow());
        assertEquals(before, bedrock.requestCount());
    }

    private static ChatCompletionContentPart file(String dataUrl, String filename) {
        return ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder().file(
                ChatCompletionContentPart.File.FileObject.builder().fileData(dataUrl).filename(filename).build()).build());
    }

    @Test
    void structuredOutputComesBackAsContentStreamedOrNot() {
        ChatCompletionCreateParams params = ask("claude", "Lyon").responseFormat(ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder().name("city")
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("name",
                                        Map.of("type", "string")))).build()).build()).build()).build();
        for (ChatCompletion c : List.of(client.chat().completions().create(params), accumulate(params))) {
            ChatCompletion.Choice choice = c.choices().get(0);
            assertEquals("{\"name\":\"Lyon\"}", choice.message().content().orElseThrow());
            assertTrue(choice.message().toolCalls().map(List::isEmpty).orElse(true), "no tool call reaches the client");
            assertEquals(ChatCompletion.Choice.FinishReason.STOP, choice.finishReason());
        }
        assertEquals("json_tool_call", bedrock.lastRequest().body().at("/toolConfig/toolChoice/tool/name").asText());
    }

    @Test
    void throttlingIs429AndAWrongSecretA502ThatNamesNothing() throws IOException {
        bedrock.scenario(CLAUDE, FakeBedrock.error(429, "ThrottlingException", "Too many requests, please wait"));
        try {
            RateLimitException e = assertThrows(RateLimitException.class,
                    () -> client.chat().completions().create(ask("claude", "Hi").build()));
            assertEquals(429, e.statusCode());
        } finally {
            bedrock.clearScenarios();
        }
        InternalServerException refused = assertThrows(InternalServerException.class,
                () -> client.chat().completions().create(ask("nova-wrong-secret", "Hi").build()));
        assertEquals(502, refused.statusCode());
        assertEquals("upstream_authentication_failed", refused.code().orElseThrow());
        for (String secret : List.of(SECRET, TOKEN, KEY_ID, "127.0.0.1:" + bedrock.port())) {
            assertFalse(refused.getMessage().contains(secret));
            assertFalse(server.logText().contains(secret), "the log must not show " + secret);
            assertFalse(server.messagesLog().contains(secret), "messages.log must not show " + secret);
        }
    }

    @Test
    void anExceptionFrameMidStreamEndsTheStreamWithAnError() {
        bedrock.scenario(CLAUDE, new Scenario.RawStream(List.of(
                "{\"messageStart\":{\"role\":\"assistant\"}}",
                "{\"contentBlockDelta\":{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hel\"}}}",
                "{\"modelStreamErrorException\":{\"message\":\"Model Stream Error\",\"originalStatusCode\":500}}"), false));
        try {
            assertThrows(SseException.class, () -> {
                try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                        .createStreaming(ask("claude", "hi").build())) {
                    stream.stream().forEach(chunk -> { });
                }
            });
        } finally {
            bedrock.clearScenarios();
        }
    }

    @Test
    void bedrockApiKeyGoesAsBearerWithoutSigV4() {
        ChatCompletion completion = client.chat().completions().create(ask("nova-api-key", "Hi key").build());

        assertEquals("Echo: Hi key", completion.choices().get(0).message().content().orElseThrow());
        assertEquals("Bearer " + API_KEY, bedrock.lastRequest().header("Authorization"));
        assertEquals(null, bedrock.lastRequest().header("x-amz-security-token"));
    }

    @Test
    void titanEmbedsOneTextPerCallAndCohereAllAtOnce() {
        int before = bedrock.requestCount();
        CreateEmbeddingResponse titan = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("titan-embed").inputOfArrayOfStrings(List.of("alpha beta", "gamma", "delta epsilon zeta")).build());
        assertEquals(3, bedrock.requestCount() - before, "Titan takes one inputText per call");
        assertEquals(3, titan.data().size());
        assertArrayEquals(EmbeddingBodies.vector("gamma", 1024), toArray(titan.data().get(1).embedding()), 1e-6f);
        assertEquals(6, titan.usage().promptTokens());
        assertTrue(bedrock.lastRequest().path().endsWith("/model/amazon.titan-embed-text-v2%3A0/invoke"));

        CreateEmbeddingResponse cohere = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("cohere-embed").inputOfArrayOfStrings(List.of("one two", "three")).build());
        assertEquals(2, cohere.data().size());
        assertArrayEquals(EmbeddingBodies.vector("three", 1024), toArray(cohere.data().get(1).embedding()), 1e-6f);
        assertEquals(3, cohere.usage().promptTokens());
        assertEquals("search_document", bedrock.lastRequest().body().get("input_type").asText());
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
