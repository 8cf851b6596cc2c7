package io.switchboard.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.fake.Fixtures;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamEvent;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Recorded Anthropic streams (raw SSE from anthropic-sdk-python, and vercel/ai's event lines framed the way the
 * API frames them, with {@code event:} lines and the padding real payloads carry), read a few bytes at a time,
 * decoded and run through {@link CanonicalStream}: the result must be the exact canonical OpenAI sequence.
 */
class AnthropicStreamDecoderTest {
    static final Deployment DEPLOYMENT = new Deployment("d1", "claude", "anthropic", "claude-sonnet-4-5",
            URI.create("https://api.anthropic.com"), "sk-ant-api03-secretsecret", null, Duration.ofSeconds(5),
            Duration.ofSeconds(5), Map.of(), null, false);

    /** Replays an SSE body through an InputStream returning 1 to 7 bytes per read, as TCP may deliver it. */
    static List<ChatChunk> replay(String sse, boolean jsonTool) {
        UpstreamStream stream = UpstreamStream.of(new Dribble(sse.getBytes(StandardCharsets.UTF_8)),
                UpstreamRequest.Framing.SSE);
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(DEPLOYMENT, jsonTool);
        CanonicalStream canonical = new CanonicalStream("claude", true, "chatcmpl-fallback", 1_700_000_000L, 1);
        List<ChatChunk> out = new ArrayList<>();
        UpstreamEvent event;
        while (!decoder.done() && (event = stream.next()) != null) {
            for (ChatChunk c : decoder.decode(event)) {
                out.addAll(canonical.accept(c));
            }
        }
        assertTrue(decoder.done(), "message_stop ends the stream");
        out.addAll(canonical.finish());
        return out;
    }

    static String raw(String fixture) {
        try (InputStream in = AnthropicStreamDecoderTest.class.getClassLoader()
                .getResourceAsStream("fixtures/anthropic/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** vercel/ai keeps one event's JSON per line; frame them as the API does, with CRLF and trailing padding. */
    static String framed(String fixture) {
        StringBuilder sse = new StringBuilder();
        for (String line : Fixtures.lines("anthropic/" + fixture)) {
            String type = line.substring(line.indexOf("\"type\":\"") + 8);
            type = type.substring(0, type.indexOf('"'));
            String padded = line.substring(0, line.length() - 1) + "          }";
            sse.append("event: ").append(type).append("\r\ndata: ").append(padded).append("\r\n\r\n");
        }
        return sse.toString();
    }

    /** Each canonical chunk as one short line: what it adds, or how it ends. */
    static List<String> describe(List<ChatChunk> chunks) {
        List<String> lines = new ArrayList<>();
        for (ChatChunk c : chunks) {
            assertEquals("msg", c.id().substring(0, 3), "every chunk keeps the message id");
            if (c.choices().isEmpty()) {
                lines.add("usage " + c.usage().promptTokens() + "+" + c.usage().completionTokens() + "="
                        + c.usage().totalTokens() + " cached " + c.usage().cachedTokens());
                continue;
            }
            ChatChunk.Choice ch = c.choices().get(0);
            ChatChunk.Delta d = ch.delta();
            StringBuilder s = new StringBuilder();
            if (d.role() != null) {
                s.append("role ").append(d.role()).append(" | "); // the canonical first delta: role and ""
            }
            if (d.content() != null) {
                s.append("content ").append(d.content());
            }
            if (d.reasoningContent() != null) {
                s.append("reasoning ").append(d.reasoningContent());
            }
            for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                s.append("tool[").append(t.index()).append("]");
                if (t.id() != null) {
                    s.append(" ").append(t.id()).append(" ").append(t.type()).append(" ").append(t.name());
                }
                s.append(" args ").append(t.arguments());
            }
            if (ch.finishReason() != null) {
                s.append("finish ").append(ch.finishReason());
            }
            lines.add(s.toString());
        }
        return lines;
    }

    private static String joined(List<ChatChunk> chunks, java.util.function.Function<ChatChunk.Delta, String> field) {
        return chunks.stream().flatMap(c -> c.choices().stream()).map(ch -> field.apply(ch.delta()))
                .filter(v -> v != null).collect(Collectors.joining());
    }

    @Test
    void sdkBasicTextStreamBecomesTheCanonicalSequence() {
        List<ChatChunk> out = replay(raw("basic_response.txt"), false);

        assertEquals(List.of("role assistant | content ", "content Hello", "content  there", "content !", "finish stop",
                "usage 11+6=17 cached 0"), describe(out));
        assertEquals("claude-3-opus-latest", out.get(0).model());
        assertEquals("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK", out.get(0).id());
    }

    @Test
    void sdkToolUseStreamNumbersCallsInOrderAndJoinsArgumentFragments() {
        List<ChatChunk> out = replay(raw("tool_use_response.txt"), false);

        assertEquals(List.of("role assistant | content ", "content I", "content 'll check the current weather in Paris for you.",
                "tool[0] toolu_01NRLabsLyVHZPKxbKvkfSMn function get_weather args ",
                "tool[0] args {\"locati", "tool[0] args on\": \"P", "tool[0] args ar", "tool[0] args is\"}",
                "finish tool_calls", "usage 377+65=442 cached 0"), describe(out));
    }

    @Test
    void toolCallWithoutArgumentsGetsAnEmptyObject() {
        List<ChatChunk> out = replay(framed("anthropic-tool-no-args.chunks.txt"), false);

        assertEquals(List.of("role assistant | content ", "content I'll update the issue list for", "content  you.",
                "tool[0] toolu_01QE1WLsSVp5hy5Q3GmGTmjP function updateIssueList args ", "tool[0] args {}",
                "finish tool_calls", "usage 565+48=613 cached 0"), describe(out));
    }

    @Test
    void recordedTextStreamWithRepeatedInputCountsIsNotDoubleCounted() {
        List<ChatChunk> out = replay(framed("anthropic-text.chunks.txt"), false);

        assertEquals("Hello! I'm doing well, thank you for asking. How are you doing today? Is there anything I can"
                + " help you with?", joined(out, ChatChunk.Delta::content));
        assertEquals("usage 12+30=42 cached 0", describe(out).get(describe(out).size() - 1));
        assertEquals("claude-sonnet-4-5-20250929", out.get(0).model());
    }

    @Test
    void thinkingDeltasBecomeReasoningContentBeforeTheAnswer() {
        List<ChatChunk> out = replay(framed("anthropic-clear-thinking.1.chunks.txt"), false);

        assertEquals("The previous result was 925. Now I need to divide that by 5.\n\n925 \u00f7 5 = 185",
                joined(out, ChatChunk.Delta::reasoningContent));
        assertEquals("925 \u00f7 5 = 185", joined(out, ChatChunk.Delta::content));
        List<String> lines = describe(out);
        assertEquals("reasoning The previous", lines.get(1));
        assertEquals("finish stop", lines.get(lines.size() - 2));
        assertEquals("usage 69+53=122 cached 0", lines.get(lines.size() - 1));
    }

    @Test
    void forcedJsonToolStreamsAsContentAndFinishesWithStop() {
        List<ChatChunk> out = replay(framed("anthropic-json-tool.1.chunks.txt").replace("\"name\":\"json\"",
                "\"name\":\"json_tool_call\""), true);

        assertEquals(List.of("role assistant | content ",
                "content {\"elements\": [{\"location\": \"San Francisco\", \"temperature\": 58, \"condition\": \"sunny\"}]",
                "content }", "finish stop", "usage 849+47=896 cached 0"), describe(out));
    }

    @Test
    void aToolNamedLikeTheJsonToolIsAnOrdinaryCallWithoutResponseFormat() {
        List<ChatChunk> out = replay(framed("anthropic-json-tool.1.chunks.txt"), false);

        assertEquals("tool[0] toolu_01KFbKqPYSuAKujiL6mTfzYA function json args ", describe(out).get(1));
        assertEquals("finish tool_calls", describe(out).get(describe(out).size() - 2));
    }

    @Test
    void cacheReadsAndWritesCountAsPromptTokens() {
        String sse = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":20,"cache_read_input_tokens":1000,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},"usage":{"output_tokens":9}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        assertEquals(List.of("role assistant | content ", "content ok", "finish length", "usage 1023+9=1032 cached 1000"),
                describe(replay(sse, false)));
    }

    @Test
    void overloadedErrorMidStreamIsServiceUnavailable() {
        String sse = raw("basic_response.txt").replace("event: message_delta",
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\nevent: message_delta");
        GatewayException e = assertThrows(GatewayException.class, () -> replay(sse, false));
        assertEquals(ErrorKind.UPSTREAM_UNAVAILABLE, e.kind());
    }

    @Test
    void otherStreamErrorsAreScrubbedUpstreamErrors() {
        String sse = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                + "\"Internal error at https://internal.anthropic.com key sk-ant-api03-secretsecret\"}}\n\n";
        GatewayException e = assertThrows(GatewayException.class, () -> replay(sse, false));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
        assertFalse(e.getMessage().contains("sk-ant"), e.getMessage());
        assertFalse(e.getMessage().contains("anthropic.com"), e.getMessage());
        assertTrue(e.getMessage().startsWith("Internal error at"), e.getMessage());
    }

    @Test
    void streamCutBeforeMessageDeltaIsAnIncompleteStream() {
        String sse = raw("basic_response.txt");
        String cut = sse.substring(0, sse.indexOf("event: message_delta"));
        UpstreamStream stream = UpstreamStream.of(new ByteArrayInputStream(cut.getBytes(StandardCharsets.UTF_8)),
                UpstreamRequest.Framing.SSE);
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(DEPLOYMENT, false);
        CanonicalStream canonical = new CanonicalStream("claude", false, "x", 1L, 1);
        UpstreamEvent event;
        while ((event = stream.next()) != null) {
            decoder.decode(event).forEach(canonical::accept);
        }
        assertFalse(decoder.done());
        assertNull(canonical.usage());
        GatewayException e = assertThrows(GatewayException.class, canonical::finish);
        assertEquals("incomplete_stream", e.code());
    }

    /** Returns 1, 2, ... 7 bytes per read, cycling, so events and UTF-8 characters split at awkward places. */
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
