package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.switchboard.fake.EmbeddingBodies;
import io.switchboard.fake.FakeCohere;
import io.switchboard.fake.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cohere v2 behind the gateway, consumed by the official openai-java SDK and its accumulator. */
class CohereIT {
    private static CohereOllamaGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = CohereOllamaGateway.get();
        client = gateway.client;
    }

    static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    static ChatCompletion accumulate(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    static ChatCompletionStreamOptions withUsage() {
        return ChatCompletionStreamOptions.builder().includeUsage(true).build();
    }

    static FunctionDefinition weather() {
        return FunctionDefinition.builder().name("get_weather").description("Weather in a city")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("location", Map.of("type", "string"))))
                        .build())
                .build();
    }

    @Test
    void nonStreamingTextWithBilledUsage() {
        ChatCompletion completion = client.chat().completions().create(ask("command-a", "Hello there")
                .temperature(0.2).topP(0.9).maxCompletionTokens(50L).stopOfStrings(List.of("END")).build());

        assertEquals("Echo: Hello there", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals("command-a-03-2025", completion.model());
        // billed_units (2 words in, 3 out), not tokens (which add the fake's 495 template tokens)
        assertEquals(2, completion.usage().orElseThrow().promptTokens());
        assertEquals(3, completion.usage().orElseThrow().completionTokens());
        RecordedRequest upstream = gateway.cohere.lastRequest();
        assertEquals("/v2/chat", upstream.path());
        assertEquals("Bearer " + CohereOllamaGateway.COHERE_KEY, upstream.header("Authorization"));
        assertEquals("command-a-03-2025", upstream.body().get("model").asText());
        assertEquals(0.9, upstream.body().get("p").asDouble());
        assertEquals(50, upstream.body().get("max_tokens").asInt());
        assertEquals("[\"END\"]", upstream.body().get("stop_sequences").toString());
        assertFalse(upstream.body().get("stream").asBoolean());
    }

    @Test
    void textStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(client, ask("command-a", "Tell me a short story")
                .streamOptions(withUsage()).build());

        assertEquals("Echo: Tell me a short story", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(5, completion.usage().orElseThrow().promptTokens());
        assertEquals(6, completion.usage().orElseThrow().completionTokens());
        assertTrue(gateway.cohere.lastRequest().body().get("stream").asBoolean());
    }

    @Test
    void toolCallStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(client, ask("command-a", "Paris").addFunctionTool(weather())
                .streamOptions(withUsage()).build());

        var call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("{\"location\":\"Paris\"}", call.function().arguments());
        assertTrue(call.id().startsWith("get_weather_"), call.id());
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason());
    }

    @Test
    void nonStreamingToolCallAndTheResultGoesBackAsADocument() {
        ChatCompletion completion = client.chat().completions().create(ask("command-a", "Paris")
                .addFunctionTool(weather()).build());
        var message = completion.choices().get(0).message();
        var call = message.toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("{\"location\":\"Paris\"}", call.function().arguments());
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason());

        ChatCompletion answer = client.chat().completions().create(ask("command-a", "Paris")
                .addFunctionTool(weather()).addMessage(message.toParam())
                .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
                        .toolCallId(call.id()).content("18C").build())
                .toolChoice(com.openai.models.chat.completions.ChatCompletionToolChoiceOption.Auto.NONE).build());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, answer.choices().get(0).finishReason());
        var sent = gateway.cohere.lastRequest().body();
        assertEquals("NONE", sent.get("tool_choice").asText());
        assertEquals("{\"role\":\"tool\",\"tool_call_id\":\"" + call.id() + "\",\"content\":[{\"type\":\"document\","
                + "\"document\":{\"data\":\"18C\"}}]}", sent.get("messages").get(2).toString());
        assertEquals(call.id(), sent.at("/messages/1/tool_calls/0/id").asText());
    }

    @Test
    void embeddingsAsTheSdkAsksForThemByDefaultBase64() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("cohere-embed").input("the quick brown fox").dimensions(256).build());

        List<Float> actual = response.data().get(0).embedding();
        float[] got = new float[actual.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = actual.get(i);
        }
        assertArrayEquals(EmbeddingBodies.vector("the quick brown fox", 256), got);
        assertEquals(4, response.usage().promptTokens());
        RecordedRequest upstream = gateway.cohere.lastRequest();
        assertEquals("/v2/embed", upstream.path());
        assertEquals("search_document", upstream.body().get("input_type").asText());
        assertEquals(256, upstream.body().get("output_dimension").asInt());
    }

    @Test
    void rateLimitAndUnknownModelAreTheSdksErrors() {
        gateway.cohere.scenario("command-a-03-2025", FakeCohere.rateLimited());
        try {
            assertThrows(RateLimitException.class, () -> client.chat().completions().create(ask("command-a", "hi").build()));
        } finally {
            gateway.cohere.clearScenarios();
        }
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(ask("cohere-missing", "hi").build()));
        assertFalse(missing.getMessage().contains(CohereOllamaGateway.COHERE_KEY));
    }
}
