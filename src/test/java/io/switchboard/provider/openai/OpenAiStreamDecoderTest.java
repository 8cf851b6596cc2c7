package io.switchboard.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamEvent;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real recorded streams of the OpenAI family, framed as the provider sent them, cut into tiny reads,
 * decoded and re-encoded: the result must be the canonical sequence whatever the provider's quirks.
 */
class OpenAiStreamDecoderTest {
    static final Deployment DEPLOYMENT = new Deployment("d1", "group", "mistral", "m", URI.create("http://up"),
            "sk-secret-key-123456", null, Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(), null, false);

    /** Frames fixture lines as SSE and replays them through an InputStream that returns 1 to 7 bytes a read. */
    static List<ChatChunk> replay(List<String> lines, boolean includeUsage, int n) {
        StringBuilder sse = new StringBuilder();
        lines.forEach(l -> sse.append("data: ").append(l).append("\r\n\r\n"));
        sse.append(": keep-alive\n\ndata: [DONE]\n\n");
        UpstreamStream stream = UpstreamStream.of(new Dribble(sse.toString().getBytes(StandardCharsets.UTF_8)),
                UpstreamRequest.Framing.SSE);
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(DEPLOYMENT, false);
        CanonicalStream canonical = new CanonicalStream("group", includeUsage, "chatcmpl-x", 1L, n);
        List<ChatChunk> out = new ArrayList<>();
        UpstreamEvent event;
        while (!decoder.done() && (event = stream.next()) != null) {
            for (ChatChunk c : decoder.decode(event)) {
                out.addAll(canonical.accept(c));
            }
        }
        assertTrue(decoder.done(), "[DONE] ends the stream");
        out.addAll(canonical.finish());
        return out;
    }

    private static String text(List<ChatChunk> chunks) {
        StringBuilder s = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> {
            if (ch.delta().content() != null) {
                s.append(ch.delta().content());
            }
        }));
        return s.toString();
    }

    @Test
    void mistralToolCallGetsIndexTypeAndUsageMovesToItsOwnChunk() {
        List<ChatChunk> out = replay(Fixtures.lines("mistral/mistral-tool-call.chunks.txt"), true, 1);

        ChatChunk.ToolCallDelta call = out.stream().flatMap(c -> c.choices().stream())
                .flatMap(ch -> ch.delta().toolCalls().stream()).findFirst().orElseThrow();
        assertEquals(0, call.index());
        assertEquals("function", call.type());
        assertEquals("gSIMJiOkT", call.id());
        assertEquals("weather", call.name());
        assertEquals("{\"location\": \"San Francisco\"}", call.arguments());
        ChatChunk finish = out.get(out.size() - 2);
        assertEquals("tool_calls", finish.choices().get(0).finishReason());
        assertNull(finish.usage());
        ChatChunk usage = out.get(out.size() - 1);
        assertTrue(usage.choices().isEmpty());
        assertEquals(124, usage.usage().promptTokens());
        out.forEach(c -> assertEquals("b3999b8c93e04e11bcbff7bcab829667", c.id()));
    }

    @Test
    void mistralTextKeepsItsTextAndEndsWithOneFinish() {
        List<ChatChunk> out = replay(Fixtures.lines("mistral/mistral-text.chunks.txt"), false, 1);

        assertTrue(text(out).length() > 10, text(out));
        assertEquals(1, out.stream().flatMap(c -> c.choices().stream()).filter(ch -> ch.finishReason() != null).count());
        out.forEach(c -> assertNull(c.usage()));
    }

    @Test
    void groqUsageOnTheFinishChunkIsReported() {
        List<ChatChunk> out = replay(Fixtures.lines("groq/groq-tool-call.chunks.txt"), true, 1);

        ChatChunk last = out.get(out.size() - 1);
        assertTrue(last.choices().isEmpty());
        assertTrue(last.usage().totalTokens() > 0);
        assertEquals("tool_calls", out.get(out.size() - 2).choices().get(0).finishReason());
    }

    @Test
    void azurePromptFilterChunkIsDroppedAndTheRealIdKept() {
        List<ChatChunk> out = replay(Fixtures.lines("azure/azure-model-router.1.chunks.txt"), false, 1);

        out.forEach(c -> {
            assertTrue(!c.id().isEmpty() && !c.id().equals("chatcmpl-x"), c.id());
            assertTrue(c.created() > 0);
            assertTrue(!c.model().isEmpty());
        });
        assertEquals("assistant", out.get(0).choices().get(0).delta().role());
    }

    @Test
    void deepSeekReasoningIsKeptAndCachedTokensRead() {
        List<ChatChunk> out = replay(Fixtures.lines("deepseek/issue-19381-thinking-reasoning.chunks.txt"), true, 1);

        assertTrue(out.stream().flatMap(c -> c.choices().stream())
                .anyMatch(ch -> ch.delta().reasoningContent() != null && !ch.delta().reasoningContent().isEmpty()));
        ChatChunk usage = out.get(out.size() - 1);
        assertTrue(usage.usage().promptTokens() > 0);
    }

    @Test
    void anErrorPayloadMidStreamIsAScrubbedGatewayError() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(DEPLOYMENT, false);
        GatewayException e = assertThrows(GatewayException.class, () -> decoder.decode(new UpstreamEvent(null,
                "{\"error\":{\"message\":\"key sk-secret-key-123456 failed at https://internal.example.com/x\"}}")));
        assertTrue(!e.getMessage().contains("sk-secret") && !e.getMessage().contains("internal.example.com"),
                e.getMessage());
    }

    @Test
    void nonJsonDataIsA502NotAParseCrash() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(DEPLOYMENT, false);
        GatewayException e = assertThrows(GatewayException.class, () -> decoder.decode(new UpstreamEvent(null, "<html>")));
        assertEquals(502, e.kind().status());
    }

    /** Returns at most a few bytes per read, so frames and UTF-8 sequences are split at every position. */
    static final class Dribble extends InputStream {
        private final ByteArrayInputStream in;
        private int step;

        Dribble(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            step = step % 7 + 1;
            return in.read(b, off, Math.min(len, step));
        }
    }
}
