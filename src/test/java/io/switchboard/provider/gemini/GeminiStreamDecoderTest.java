package io.switchboard.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.Usage;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.UpstreamEvent;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Recorded Gemini SSE streams ({@code data: {...}\r\n\r\n}, no {@code [DONE]}), delivered in reads of every size
 * from 1 to 13 bytes so that frames, CRLFs and multi-byte characters are cut anywhere, decoded and run through
 * {@link CanonicalStream}: the output must be the same canonical sequence for every split.
 */
class GeminiStreamDecoderTest {

    /** Frames payloads as Gemini does and replays them with reads of at most {@code step} bytes. */
    static List<ChatChunk> replay(List<String> payloads, int step, boolean includeUsage, int n) {
        StringBuilder sse = new StringBuilder();
        payloads.forEach(p -> sse.append("data: ").append(p).append("\r\n\r\n"));
        UpstreamStream stream = UpstreamStream.of(new Chopped(sse.toString().getBytes(StandardCharsets.UTF_8), step),
                UpstreamRequest.Framing.SSE);
        GeminiStreamDecoder decoder = new GeminiStreamDecoder(GeminiRequestWriterTest.deployment("http://x", false));
        CanonicalStream canonical = new CanonicalStream("group", includeUsage, "chatcmpl-fallback", 1L, n);
        List<ChatChunk> out = new ArrayList<>();
        UpstreamEvent event;
        while (!decoder.done() && (event = stream.next()) != null) {
            for (ChatChunk c : decoder.decode(event)) {
                out.addAll(canonical.accept(c));
            }
        }
        out.addAll(canonical.finish());
        return out;
    }

    private static String content(List<ChatChunk> chunks) {
        StringBuilder s = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> {
            if (ch.delta().content() != null) {
                s.append(ch.delta().content());
            }
        }));
        return s.toString();
    }

    private static String reasoning(List<ChatChunk> chunks) {
        StringBuilder s = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> {
            if (ch.delta().reasoningContent() != null) {
                s.append(ch.delta().reasoningContent());
            }
        }));
        return s.toString();
    }

    @Test
    void textStreamAtEverySplit() {
        List<ChatChunk> first = null;
        for (int step = 1; step <= 13; step++) {
            List<ChatChunk> out = replay(Fixtures.lines("gemini/google-text.chunks.txt"), step, true, 1);
            assertEquals("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y", content(out));
            assertEquals("assistant", out.get(0).choices().get(0).delta().role());
            ChatChunk finish = out.get(out.size() - 2);
            assertEquals("stop", finish.choices().get(0).finishReason());
            ChatChunk usage = out.get(out.size() - 1);
            assertTrue(usage.choices().isEmpty());
            assertEquals(new Usage(9, 23 + 185, 217, 0, 185), usage.usage(), "the last cumulative usage");
            out.forEach(c -> assertEquals("chatcmpl-bH6LaZW8Fp_3nsEPqtaSwQ4", c.id()));
            out.forEach(c -> assertEquals("gemini-3-pro-preview", c.model()));
            if (first == null) {
                first = out;
            } else {
                assertEquals(first, out, "same output whatever the read size (" + step + ")");
            }
        }
    }

    @Test
    void toolCallStreamEndsWithToolCalls() {
        for (int step = 1; step <= 13; step += 3) {
            List<ChatChunk> out = replay(Fixtures.lines("gemini/google-tool-call.chunks.txt"), step, false, 1);
            ChatChunk.ToolCallDelta call = out.stream().flatMap(c -> c.choices().stream())
                    .flatMap(ch -> ch.delta().toolCalls().stream()).findFirst().orElseThrow();
            assertEquals(0, call.index());
            assertEquals("function", call.type());
            assertEquals("weather", call.name());
            assertEquals("{\"location\":\"San Francisco\"}", call.arguments());
            assertTrue(call.id().startsWith("gcall_0_weather~ts~EqUCCqICAb4+9vsh8Pd5"));
            assertEquals("tool_calls", out.get(out.size() - 1).choices().get(0).finishReason());
            assertNull(out.get(out.size() - 1).usage(), "no usage chunk unless asked for");
        }
    }

    @Test
    void reasoningModelStreamCountsThoughtTokens() {
        List<ChatChunk> out = replay(Fixtures.lines("gemini/google-reasoning.chunks.txt"), 5, true, 1);
        assertEquals("There are **3** \"r\"s in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.", content(out));
        assertEquals(new Usage(9, 29 + 256, 294, 0, 256), out.get(out.size() - 1).usage());
    }

    @Test
    void thoughtPartsBecomeReasoningContentAndMultiByteTextSurvivesSplits() {
        List<String> payloads = List.of(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Réfléchissons… 🤔\",\"thought\":true}],\"role\":\"model\"},\"index\":0}],\"responseId\":\"r1\"}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Ça fait 3 €.\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":4,\"candidatesTokenCount\":5,\"thoughtsTokenCount\":6,\"totalTokenCount\":15},\"responseId\":\"r1\"}");
        for (int step = 1; step <= 13; step++) {
            List<ChatChunk> out = replay(payloads, step, true, 1);
            assertEquals("Réfléchissons… 🤔", reasoning(out));
            assertEquals("Ça fait 3 €.", content(out));
            assertEquals(new Usage(4, 11, 15, 0, 6), out.get(out.size() - 1).usage());
        }
    }

    @Test
    void blockedPromptStreamFinishesWithContentFilter() {
        List<ChatChunk> out = replay(Fixtures.lines("gemini/issue-19758-prompt-block.chunks.txt"), 7, true, 1);
        assertEquals("assistant", out.get(0).choices().get(0).delta().role());
        assertEquals("content_filter", out.get(1).choices().get(0).finishReason());
        assertEquals(new Usage(9, 0, 9, 0, 0), out.get(2).usage());
    }

    @Test
    void twoCandidatesFinishTogether() {
        List<String> payloads = List.of(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A\"}],\"role\":\"model\"},\"index\":0},"
                        + "{\"content\":{\"parts\":[{\"text\":\"B\"}],\"role\":\"model\"},\"index\":1}]}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"!\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0},"
                        + "{\"content\":{\"parts\":[{\"text\":\"?\"}],\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\",\"index\":1}]}");
        List<ChatChunk> out = replay(payloads, 4, false, 2);
        ChatChunk last = out.get(out.size() - 1);
        assertEquals(2, last.choices().size());
        assertEquals("stop", last.choices().get(0).finishReason());
        assertEquals("length", last.choices().get(1).finishReason());
    }

    @Test
    void errorInsideTheStreamIsMapped() {
        List<String> payloads = List.of(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}]}",
                "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}");
        GatewayException e = assertThrows(GatewayException.class, () -> replay(payloads, 3, false, 1));
        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, e.kind());
    }

    @Test
    void streamCutBeforeTheFinishIsAnError() {
        List<String> payloads = List.of(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}]}");
        GatewayException e = assertThrows(GatewayException.class, () -> replay(payloads, 3, false, 1));
        assertEquals("incomplete_stream", e.code());
    }

    @Test
    void retryDelayParsing() throws Exception {
        var error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"0.5s\"}]}");
        assertEquals(Duration.ofMillis(500), GeminiErrors.retryDelay(error));
    }

    /** An input stream that never returns more than {@code step} bytes per read. */
    static final class Chopped extends InputStream {
        private final ByteArrayInputStream in;
        private final int step;

        Chopped(byte[] bytes, int step) {
            this.in = new ByteArrayInputStream(bytes);
            this.step = step;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, step));
        }
    }
}
