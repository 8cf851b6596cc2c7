package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.SseException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fake.FakeAnthropic;
import io.switchboard.fake.FakeOpenAi;
import io.switchboard.fake.OpenAiErrors;
import io.switchboard.fake.RecordedRequest;
import io.switchboard.fake.Scenario;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /v1/messages} entrance end to end: the official anthropic-java SDK (response validation on, its
 * {@link MessageAccumulator} for streams: the strictest judge of Anthropic output, reference §5.6) talks to the
 * gateway, which serves the call from an OpenAI deployment ({@link FakeOpenAi}) or an Anthropic one
 * ({@link FakeAnthropic}), over real HTTP.
 */
class MessagesIT {
    static final String MASTER_KEY = "sk-master-CANARY-messages-5b0e";
    private static final String OPENAI_KEY = "sk-CANARY-PROV-openai-msgs-3a9d";
    private static final String ANTHROPIC_KEY = "sk-ant-CANARY-PROV-msgs-8c1f";
    static FakeOpenAi openai;
    static FakeAnthropic anthropic;
    static GatewayServer server;
    static AnthropicClient client;

    @BeforeAll
    static void start() throws IOException {
        openai = FakeOpenAi.start(0, OPENAI_KEY);
        anthropic = FakeAnthropic.start(0, ANTHROPIC_KEY);
        server = GatewayServer.start("messages", """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: claude
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_base: %2$s
                      api_key: os.environ/ANTHROPIC_API_KEY
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl(), anthropic.baseUrl()),
                Map.of("LITELLM_MASTER_KEY", MASTER_KEY, "OPENAI_API_KEY", OPENAI_KEY,
                        "ANTHROPIC_API_KEY", ANTHROPIC_KEY));
        client = sdk(MASTER_KEY);
    }

    static AnthropicClient sdk(String key) {
        return AnthropicOkHttpClient.builder().apiKey(key).baseUrl(server.baseUrl()).maxRetries(0)
                .responseValidation(true).timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        openai.close();
        anthropic.close();
    }

    @AfterEach
    void clear() {
        openai.clearScenarios();
        anthropic.clearScenarios();
    }

    static MessageCreateParams.Builder ask(String model, String text) {
        return MessageCreateParams.builder().model(model).maxTokens(256).addUserMessage(text);
    }

    static Message accumulate(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("Get the weather for a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .required(List.of("location")).build())
                .build();
    }

    private static String text(Message m) {
        return m.content().stream().flatMap(b -> b.text().stream()).map(t -> t.text()).reduce("", String::concat);
    }

    @Test
    void openAiDeploymentAnswersAMessage() {
        Message message = client.messages().create(ask("gpt-4o-mini", "Hello there").system("be brief")
                .metadata(Metadata.builder().userId("u-42").build()).addStopSequence("STOP").build());

        assertEquals("Echo: Hello there", text(message));
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertTrue(message.id().startsWith("msg_"), message.id());
        assertEquals("gpt-4o-mini-2024-07-18", message.model().asString());
        assertEquals(4, message.usage().inputTokens(), "the fake counts words: be brief Hello there");
        assertEquals(3, message.usage().outputTokens());

        JsonNode upstream = openai.lastRequest().body();
        assertEquals("system", upstream.at("/messages/0/role").asText());
        assertEquals("be brief", upstream.at("/messages/0/content").asText());
        assertEquals(256, upstream.get("max_tokens").asInt());
        assertEquals("u-42", upstream.get("user").asText());
        assertEquals("STOP", upstream.at("/stop/0").asText());
    }

    @Test
    void openAiDeploymentStreamsThroughTheAccumulator() {
        Message message = accumulate(ask("gpt-4o-mini", "Stream this please").build());

        assertEquals("Echo: Stream this please", text(message));
        assertEquals(StopReason.END_TURN, message.stopReason().orElseThrow());
        assertEquals(3, message.usage().inputTokens());
        assertEquals(4, message.usage().outputTokens());
        assertTrue(openai.lastRequest().body().get("stream").asBoolean());
    }

    @Test
    void toolRoundTripThroughAnOpenAiDeployment() {
        MessageCreateParams.Builder first = ask("gpt-4o-mini", "Paris").addTool(weatherTool());
        Message call = client.messages().create(first.build());

        assertEquals(StopReason.TOOL_USE, call.stopReason().orElseThrow());
        ToolUseBlock use = call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertEquals("get_weather", use.name());
        assertEquals("Paris", use._input().convert(JsonNode.class).get("location").asText());

        Message streamedCall = accumulate(first.build());
        ToolUseBlock streamedUse = streamedCall.content().stream().flatMap(b -> b.toolUse().stream()).findFirst()
                .orElseThrow();
        assertEquals(use.id(), streamedUse.id());
        assertEquals("Paris", streamedUse._input().convert(JsonNode.class).get("location").asText());
        assertEquals(StopReason.TOOL_USE, streamedCall.stopReason().orElseThrow());

        Message answer = client.messages().create(first.addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content("18C sunny").build())))
                .toolChoice(com.anthropic.models.messages.ToolChoiceNone.builder().build())
                .build());
        assertEquals(StopReason.END_TURN, answer.stopReason().orElseThrow());

        JsonNode upstream = openai.lastRequest().body();
        JsonNode messages = upstream.get("messages");
        assertEquals("assistant", messages.get(1).get("role").asText());
        assertEquals(use.id(), messages.at("/1/tool_calls/0/id").asText());
        assertEquals("{\"location\":\"Paris\"}", messages.at("/1/tool_calls/0/function/arguments").asText());
        assertEquals("tool", messages.get(2).get("role").asText());
        assertEquals(use.id(), messages.get(2).get("tool_call_id").asText());
        assertEquals("18C sunny", messages.get(2).get("content").asText());
        assertEquals("none", upstream.get("tool_choice").asText());
    }

    @Test
    void thinkingAndTopKBecomeWhatOpenAiTakes() {
        client.messages().create(ask("gpt-4o-mini", "Think").enabledThinking(4096).maxTokens(8000)
                .putAdditionalBodyProperty("top_k", JsonValue.from(5)).build());

        JsonNode upstream = openai.lastRequest().body();
        assertEquals("high", upstream.get("reasoning_effort").asText());
        assertFalse(upstream.has("thinking"));
        assertFalse(upstream.has("top_k"));
    }

    @Test
    void anthropicDeploymentKeepsThinkingWithItsSignature() {
        Message message = client.messages().create(ask("claude", "Why is the sky blue?").enabledThinking(1024)
                .maxTokens(2048).putAdditionalBodyProperty("top_k", JsonValue.from(5)).build());

        ContentBlock first = message.content().get(0);
        assertTrue(first.thinking().isPresent(), message.content().toString());
        assertFalse(first.thinking().get().signature().isEmpty(), "the signature survives for the next turn");
        assertTrue(text(message).startsWith("Echo: Why is the sky blue?"), text(message));
        assertEquals("claude-sonnet-4-5-20250929", message.model().asString());

        RecordedRequest upstream = anthropic.lastRequest();
        assertEquals(ANTHROPIC_KEY, upstream.header("x-api-key"));
        assertEquals(1024, upstream.body().at("/thinking/budget_tokens").asInt());
        assertEquals(5, upstream.body().get("top_k").asInt());
    }

    @Test
    void anthropicDeploymentStreamsTextAndToolUse() {
        Message text = accumulate(ask("claude", "Hello stream").build());
        assertEquals("Echo: Hello stream", text(text));
        assertEquals(StopReason.END_TURN, text.stopReason().orElseThrow());

        Message call = accumulate(ask("claude", "Lyon").addTool(weatherTool()).build());
        ToolUseBlock use = call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
        assertEquals("Lyon", use._input().convert(JsonNode.class).get("location").asText());
        assertEquals(StopReason.TOOL_USE, call.stopReason().orElseThrow());
        assertTrue(call.usage().inputTokens() > 0);
    }

    /**
     * Claude Code's loop: streamed, thinking on, a tool call, then the tool result sent back with the thinking block.
     * Anthropic (and the fake) refuse the second call unless that block comes back with its signature intact.
     */
    @Test
    void streamedThinkingKeepsItsSignatureForTheToolResultTurn() {
        MessageCreateParams.Builder first = ask("claude", "Nice").enabledThinking(1024).maxTokens(2048)
                .addTool(weatherTool());
        Message call = accumulate(first.build());
        var thinking = call.content().get(0).thinking().orElseThrow();
        assertFalse(thinking.signature().isEmpty(), "the signature_delta reached the client");
        ToolUseBlock use = call.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();

        Message answer = accumulate(first.addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofToolResult(
                        ToolResultBlockParam.builder().toolUseId(use.id()).content("21C").build())))
                .build());
        assertTrue(text(answer).contains("21C"), text(answer));
        assertEquals(thinking.signature(), anthropic.lastRequest().body().at("/messages/1/content/0/signature").asText());
    }

    @Test
    void aBadRequestIsTheSdksBadRequestException() {
        BadRequestException e = assertThrows(BadRequestException.class,
                () -> client.messages().create(ask("gpt-4o-mini", "x")
                        .putAdditionalBodyProperty("temperature", JsonValue.from(1.5)).build()));
        assertTrue(e.getMessage().contains("temperature"), e.getMessage());
        assertEquals("invalid_request_error", e.body().convert(JsonNode.class).at("/error/type").asText());
        assertEquals("error", e.body().convert(JsonNode.class).get("type").asText());
    }

    @Test
    void upstreamRateLimitIsTheSdksRateLimitException() {
        openai.scenario("gpt-4o-mini", new Scenario.Error(429, OpenAiErrors.rateLimited("gpt-4o-mini", 1),
                Map.of("retry-after", "1")));
        RateLimitException e = assertThrows(RateLimitException.class,
                () -> client.messages().create(ask("gpt-4o-mini", "x").build()));
        assertEquals("rate_limit_error", e.body().convert(JsonNode.class).at("/error/type").asText());
    }

    /** After the first byte a failure can only be an {@code event: error}, which the SDK raises; never a fake stop. */
    @Test
    void aStreamBrokenMidwayIsAnErrorEventTheSdkRaises() throws Exception {
        openai.scenario("gpt-4o-mini", new Scenario.CutStream(2));
        HttpResponse<String> raw = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/v1/messages")).header("x-api-key", MASTER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"max_tokens\":50,"
                        + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"a b c d e f\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, raw.statusCode());
        assertTrue(raw.body().startsWith("event: message_start\n"), raw.body());
        String last = raw.body().substring(raw.body().lastIndexOf("event: "));
        assertTrue(last.startsWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\""), raw.body());
        assertFalse(raw.body().contains("message_stop"), raw.body());
        assertFalse(raw.body().contains("end_turn"), raw.body());

        SseException e = assertThrows(SseException.class, () -> accumulate(
                ask("gpt-4o-mini", "a b c d e f").build()));
        assertEquals("api_error", e.body().convert(JsonNode.class).at("/error/type").asText());
    }

    @Test
    void aWrongKeyIsTheSdksUnauthorizedException() {
        assertThrows(UnauthorizedException.class,
                () -> sdk("sk-not-a-key").messages().create(ask("gpt-4o-mini", "x").build()));
    }

    @Test
    void countTokensEstimatesLocally() {
        int calls = openai.requestCount();
        long tokens = client.messages().countTokens(MessageCountTokensParams.builder().model("gpt-4o-mini")
                .addUserMessage("Hello, world!").build()).inputTokens();
        assertEquals(8, tokens, "o200k_base: 4 tokens of text and 4 of message framing");
        assertEquals(calls, openai.requestCount(), "no provider is called");

        assertThrows(NotFoundException.class, () -> client.messages().countTokens(MessageCountTokensParams.builder()
                .model("no-such-model").addUserMessage("Hi").build()));
    }

    /** Anthropic's 0.x SDKs send {@code x-api-key} and {@code anthropic-version: 2023-06-01}; the stream's framing. */
    @Test
    void xApiKeyAndTheRawEventFraming() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .header("x-api-key", MASTER_KEY).header("anthropic-version", "2023-06-01")
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"max_tokens\":50,\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertTrue(response.headers().firstValue("request-id").isPresent());
        List<String> events = response.body().lines().filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7)).toList();
        assertEquals(List.of("message_start", "ping", "content_block_start", "content_block_delta",
                "content_block_stop", "message_delta", "message_stop"), events);
        assertFalse(response.body().contains(OPENAI_KEY));
        JsonNode logged = accessLine(response);
        assertEquals("messages", logged.path("route").asText());
        assertEquals("success", logged.path("outcome").asText());
        assertTrue(logged.path("stream").asBoolean());
        assertEquals(2, logged.path("output_tokens").asInt(), "Echo: Hi");

        HttpResponse<String> unauthorised = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/v1/messages")).header("x-api-key", "wrong").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unauthorised.statusCode());
        HttpResponse<String> batches = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/v1/messages/batches")).header("x-api-key", MASTER_KEY).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, batches.statusCode(), "the Message Batches API is not served");
        assertTrue(batches.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\""),
                batches.body());
        assertTrue(unauthorised.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\""),
                unauthorised.body());
    }

    /** The call's RequestCompleted line in the access log, waited for: observers run after the answer has gone. */
    private static JsonNode accessLine(HttpResponse<String> response) throws Exception {
        String marker = "\"call_id\":\"" + response.headers().firstValue("x-litellm-call-id").orElseThrow() + "\"";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (String logLine : server.messagesLog().split("\n")) {
                int at = logLine.indexOf(marker);
                if (at >= 0) {
                    return new ObjectMapper().readTree(logLine.substring(logLine.lastIndexOf('{', at)));
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no access log line for " + marker);
    }
}
