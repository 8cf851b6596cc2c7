package io.switchboard.provider.cohere;

import static io.switchboard.provider.StreamReplay.arguments;
import static io.switchboard.provider.StreamReplay.content;
import static io.switchboard.provider.StreamReplay.reasoning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatChunk;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.StreamReplay;
import io.switchboard.provider.UpstreamRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cohere's recorded streams (vercel/ai fixtures), framed as the API sends them ({@code event:} and
 * {@code data:} lines), handed over a few bytes at a time, decoded and made canonical.
 */
class CohereStreamDecoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static String sse(List<String> payloads, boolean eventLines) {
        StringBuilder s = new StringBuilder();
        for (String p : payloads) {
            if (eventLines) {
                try {
                    s.append("event: ").append(JSON.readTree(p).get("type").asText()).append('\n');
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            s.append("data: ").append(p).append("\n\n");
        }
        return s.toString();
    }

    private static List<ChatChunk> replay(String fixture, boolean eventLines) {
        return StreamReplay.canonical(sse(Fixtures.lines("cohere/" + fixture), eventLines), UpstreamRequest.Framing.SSE,
                new CohereStreamDecoder("command-a-03-2025"), true);
    }

    @Test
    void textStreamBecomesCanonicalChunksWithUsageLast() {
        List<ChatChunk> out = replay("cohere-text.chunks.txt", true);

        assertEquals("The capital of France is Paris.", content(out));
        ChatChunk first = out.get(0);
        assertEquals("assistant", first.choices().get(0).delta().role());
        assertEquals("321d178c-2c12-44d3-ae42-2f5510f6b1cc", first.id());
        assertEquals("command-a-03-2025", first.model());
        out.forEach(c -> assertEquals(first.id(), c.id()));
        ChatChunk finish = out.get(out.size() - 2);
        assertEquals("stop", finish.choices().get(0).finishReason());
        assertTrue(finish.choices().get(0).delta().isEmpty());
        ChatChunk usage = out.get(out.size() - 1);
        assertTrue(usage.choices().isEmpty());
        assertEquals(12, usage.usage().promptTokens());
        assertEquals(7, usage.usage().completionTokens());
    }

    @Test
    void streamWithoutEventLinesReadsTheTypeFromTheJson() {
        assertEquals("The capital of France is Paris.", content(replay("cohere-text.chunks.txt", false)));
    }

    @Test
    void toolCallStreamKeepsIndexesIdsAndArgumentsAndThePlanAsReasoning() {
        List<ChatChunk> out = replay("cohere-tool-call.chunks.txt", true);

        assertEquals("I will use the weather tool to find the weather in San Francisco and the cityAttractions tool"
                + " to find attractions in San Francisco.", reasoning(out));
        assertEquals("{\"location\": \"San Francisco\"}", arguments(out, 0));
        assertEquals("{\"city\": \"San Francisco\"}", arguments(out, 1));
        List<ChatChunk.ToolCallDelta> starts = out.stream().flatMap(c -> c.choices().stream())
                .flatMap(ch -> ch.delta().toolCalls().stream()).filter(t -> t.id() != null).toList();
        assertEquals(2, starts.size());
        assertEquals("weather_e8p4pn45zt0t", starts.get(0).id());
        assertEquals("weather", starts.get(0).name());
        assertEquals("function", starts.get(0).type());
        assertEquals("cityAttractions_pyxssbwnq9fq", starts.get(1).id());
        assertEquals(1, starts.get(1).index());
        ChatChunk finish = out.get(out.size() - 2);
        assertEquals("tool_calls", finish.choices().get(0).finishReason());
        assertNull(finish.usage());
        assertEquals(119, out.get(out.size() - 1).usage().promptTokens());
        assertEquals(44, out.get(out.size() - 1).usage().completionTokens());
    }

    @Test
    void thinkingPartIsReasoningAndTheTextPartIsContent() {
        List<ChatChunk> out = replay("cohere-reasoning.chunks.txt", true);

        assertEquals("The user is asking for the sum of 2 and 2. Since this is a straightforward arithmetic problem,"
                + " I don't need to use any tools. I can calculate the answer directly.", reasoning(out));
        assertEquals("The answer to 2 + 2 is 4.", content(out));
        assertEquals("stop", out.get(out.size() - 2).choices().get(0).finishReason());
        assertEquals(50, out.get(out.size() - 1).usage().completionTokens());
    }

    @Test
    void messageEndWithErrorFailsTheStream() {
        String body = sse(List.of("{\"id\":\"x\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}",
                "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}",
                "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\"}}"), true);
        GatewayException e = assertThrows(GatewayException.class, () -> StreamReplay.canonical(body,
                UpstreamRequest.Framing.SSE, new CohereStreamDecoder("m"), false));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
    }
}
