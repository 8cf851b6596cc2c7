package io.switchboard.it;

import static io.switchboard.it.CohereIT.accumulate;
import static io.switchboard.it.CohereIT.ask;
import static io.switchboard.it.CohereIT.weather;
import static io.switchboard.it.CohereIT.withUsage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;
import io.switchboard.fake.EmbeddingBodies;
import io.switchboard.fake.FakeOllama;
import io.switchboard.fake.RecordedRequest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ollama's native API behind the gateway, consumed by the official openai-java SDK and its accumulator. */
class OllamaIT {
    private static CohereOllamaGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = CohereOllamaGateway.get();
        client = gateway.client;
    }

    @Test
    void nonStreamingTextSaysStreamFalseExplicitly() {
        ChatCompletion completion = client.chat().completions().create(ask("llama", "Hello there")
                .temperature(0.2).maxCompletionTokens(50L).seed(1L).build());

        assertEquals("Echo: Hello there", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals("llama3.2", completion.model());
        assertTrue(completion.id().startsWith("chatcmpl-"));
        assertEquals(2, completion.usage().orElseThrow().promptTokens());
        assertEquals(3, completion.usage().orElseThrow().completionTokens());
        RecordedRequest upstream = gateway.ollama.lastRequest();
        assertEquals("/api/chat", upstream.path());
        assertNull(upstream.header("Authorization"));
        assertFalse(upstream.body().get("stream").asBoolean());
        assertEquals("{\"temperature\":0.2,\"num_predict\":50,\"seed\":1}", upstream.body().get("options").toString());
    }

    @Test
    void ndjsonTextStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(client, ask("llama", "Tell me a short story").streamOptions(withUsage()).build());

        assertEquals("Echo: Tell me a short story", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertEquals(5, completion.usage().orElseThrow().promptTokens());
        assertEquals(6, completion.usage().orElseThrow().completionTokens());
        assertTrue(gateway.ollama.lastRequest().body().get("stream").asBoolean());
    }

    @Test
    void wholeToolCallStreamThroughTheAccumulator() {
        ChatCompletion completion = accumulate(client, ask("llama", "Paris").addFunctionTool(weather()).build());

        var call = completion.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("get_weather", call.function().name());
        assertEquals("{\"location\":\"Paris\"}", call.function().arguments());
        assertTrue(call.id().startsWith("call_"), call.id());
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason());
    }

    @Test
    void nonStreamingToolCallAndTheResultGoesBackByName() {
        ChatCompletion completion = client.chat().completions().create(ask("llama", "Paris").addFunctionTool(weather()).build());
        var message = completion.choices().get(0).message();
        var call = message.toolCalls().orElseThrow().get(0).asFunction();
        assertEquals("{\"location\":\"Paris\"}", call.function().arguments());
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().get(0).finishReason());

        ChatCompletion answer = client.chat().completions().create(ask("llama", "Paris")
                .addMessage(message.toParam())
                .addMessage(com.openai.models.chat.completions.ChatCompletionToolMessageParam.builder()
                        .toolCallId(call.id()).content("18C").build()).build());
        assertEquals("Echo: Paris", answer.choices().get(0).message().content().orElseThrow());
        var sent = gateway.ollama.lastRequest().body().get("messages");
        assertEquals("{\"location\":\"Paris\"}", sent.at("/1/tool_calls/0/function/arguments").toString());
        assertEquals("{\"role\":\"tool\",\"content\":\"18C\",\"tool_name\":\"get_weather\"}", sent.get(2).toString());
    }

    @Test
    void embeddings() {
        CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("nomic").inputOfArrayOfStrings(List.of("a b", "c")).build());

        assertEquals(2, response.data().size());
        List<Float> second = response.data().get(1).embedding();
        float[] got = new float[second.size()];
        for (int i = 0; i < got.length; i++) {
            got[i] = second.get(i);
        }
        assertArrayEquals(EmbeddingBodies.vector("c", 768), got);
        assertEquals(3, response.usage().promptTokens());
        assertEquals("/api/embed", gateway.ollama.lastRequest().path());
    }

    @Test
    void modelNotPulledIsNotFoundAndAMidStreamErrorLineEndsTheStream() {
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> client.chat().completions().create(ask("llama-not-pulled", "hi").build()));
        assertTrue(missing.getMessage().contains("not found, try pulling it first"), missing.getMessage());

        gateway.ollama.scenario("llama3.2", FakeOllama.errorMidStream(
                "{\"model\":\"llama3.2\",\"created_at\":\"2024-08-07T03:57:33.0365888Z\",\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"Hel\"},\"done\":false}"));
        try {
            assertThrows(SseException.class, () -> {
                try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions()
                        .createStreaming(ask("llama", "hi").build())) {
                    stream.stream().forEach(chunk -> { });
                }
            });
        } finally {
            gateway.ollama.clearScenarios();
        }
    }
}
