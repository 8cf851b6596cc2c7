package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Streamed legacy completions for the cache tests: read through the official SDK, or raw, where every
 * SSE event is checked to be a {@code text_completion} chunk and the stream to end with {@code [DONE]}.
 */
final class TextCompletionStreams {
    private TextCompletionStreams() {
    }

    /** What the SDK read from a streamed completion: the text of choice 0, and the usage chunk's total. */
    record Read(String text, long totalTokens) {
    }

    static Read viaSdk(OpenAIClient sdk, String prompt) {
        CompletionCreateParams params = CompletionCreateParams.builder().model("gpt-4o-mini").prompt(prompt)
                .maxTokens(20).streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        StringBuilder text = new StringBuilder();
        long total = -1;
        try (StreamResponse<Completion> stream = sdk.completions().createStreaming(params)) {
            for (Completion chunk : (Iterable<Completion>) stream.stream()::iterator) {
                chunk.choices().forEach(c -> text.append(c.text()));
                if (chunk.usage().isPresent()) {
                    total = chunk.usage().get().totalTokens();
                }
            }
        }
        return new Read(text.toString(), total);
    }

    /** A raw streamed completion (the body with {@code stream: true}). */
    static HttpResponse<String> post(CacheGateway gateway, ObjectNode body) throws Exception {
        return CacheCallTypes.post(gateway, "/v1/completions", TestGateway.MASTER_KEY,
                body.deepCopy().put("stream", true));
    }

    /** The data events of a stream that ended normally, each a text-completion chunk; the last is {@code [DONE]}. */
    static List<JsonNode> events(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertTrue(r.body().endsWith("data: [DONE]\n\n"), r.body());
        List<JsonNode> events = new ArrayList<>();
        for (String frame : r.body().split("\n\n")) {
            assertTrue(frame.startsWith("data: "), frame);
            String data = frame.substring("data: ".length());
            if (!data.equals("[DONE]")) {
                JsonNode event = CacheClient.JSON.readTree(data);
                assertEquals("text_completion", event.path("object").asText(), data);
                assertTrue(event.path("id").asText().startsWith("cmpl-"), data);
                events.add(event);
            }
        }
        return events;
    }

    /** The text of choice 0, joined from its chunks. */
    static String text(List<JsonNode> events) {
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events) {
            for (JsonNode c : e.path("choices")) {
                if (c.path("index").asInt() == 0) {
                    text.append(c.path("text").asText());
                }
            }
        }
        return text.toString();
    }
}
