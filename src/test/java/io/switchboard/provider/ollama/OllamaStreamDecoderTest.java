package io.switchboard.provider.ollama;

import static io.switchboard.provider.StreamReplay.arguments;
import static io.switchboard.provider.StreamReplay.content;
import static io.switchboard.provider.StreamReplay.reasoning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatChunk;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.StreamReplay;
import io.switchboard.provider.UpstreamRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ollama NDJSON streams (hand-made from docs/api.md), handed over a few bytes at a time, decoded and made canonical. */
class OllamaStreamDecoderTest {

    private static List<ChatChunk> replay(String fixture, boolean includeUsage) {
        String body = String.join("\n", Fixtures.lines("ollama/" + fixture)) + "\n";
        return StreamReplay.canonical(body, UpstreamRequest.Framing.NDJSON,
                new OllamaStreamDecoder(OllamaAdapterTest.deployment(null, false)), includeUsage);
    }

    @Test
    void textStreamWithMultiByteCharactersSplitAnywhere() {
        List<ChatChunk> out = replay("handmade-text.ndjson", true);

        assertEquals("Hello, it is 18°C in Paris — sunny.", content(out));
        assertEquals("assistant", out.get(0).choices().get(0).delta().role());
        assertEquals("chatcmpl-fallback", out.get(0).id());
        assertEquals("llama3.2", out.get(0).model());
        assertEquals(1723003053L, out.get(0).created());
        ChatChunk finish = out.get(out.size() - 2);
        assertEquals("stop", finish.choices().get(0).finishReason());
        ChatChunk usage = out.get(out.size() - 1);
        assertTrue(usage.choices().isEmpty());
        assertEquals(10, usage.usage().promptTokens());
        assertEquals(17, usage.usage().completionTokens());
        assertEquals(27, usage.usage().totalTokens());
    }

    @Test
    void wholeToolCallsGetIndexesIdsAndStringArgumentsAndFinishAsToolCalls() {
        List<ChatChunk> out = replay("handmade-tool-call.ndjson", false);

        List<ChatChunk.ToolCallDelta> calls = out.stream().flatMap(c -> c.choices().stream())
                .flatMap(ch -> ch.delta().toolCalls().stream()).toList();
        assertEquals(2, calls.size());
        assertEquals(0, calls.get(0).index());
        assertEquals(1, calls.get(1).index());
        assertTrue(calls.get(0).id().startsWith("call_"));
        assertTrue(!calls.get(0).id().equals(calls.get(1).id()));
        assertEquals("function", calls.get(1).type());
        assertEquals("get_current_weather", calls.get(1).name());
        assertEquals("{\"format\":\"celsius\",\"location\":\"Paris, FR\"}", arguments(out, 0));
        assertEquals("{\"format\":\"celsius\",\"location\":\"Lyon, FR\"}", arguments(out, 1));
        assertEquals("tool_calls", out.get(out.size() - 1).choices().get(0).finishReason());
    }

    @Test
    void thinkingIsReasoningAndLengthIsLength() {
        List<ChatChunk> out = replay("handmade-thinking.ndjson", true);

        assertEquals("The user asks for a number.", reasoning(out));
        assertEquals("42", content(out));
        assertEquals("length", out.get(out.size() - 2).choices().get(0).finishReason());
        assertEquals(8, out.get(out.size() - 1).usage().completionTokens());
    }

    @Test
    void errorLineMidStreamFailsWithoutTheProvidersHost() {
        String body = Fixtures.lines("ollama/handmade-text.ndjson").get(0)
                + "\n{\"error\":\"an error was encountered while running the model: unexpected EOF at 10.0.0.7:11434\"}\n";
        GatewayException e = assertThrows(GatewayException.class, () -> StreamReplay.canonical(body,
                UpstreamRequest.Framing.NDJSON, new OllamaStreamDecoder(OllamaAdapterTest.deployment(null, false)), true));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
        assertEquals("an error was encountered while running the model: unexpected EOF at [host]", e.getMessage());
    }
}
