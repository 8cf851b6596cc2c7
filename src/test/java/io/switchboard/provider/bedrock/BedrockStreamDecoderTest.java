package io.switchboard.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.fake.BedrockFrames;
import io.switchboard.provider.StreamReplay;
import io.switchboard.provider.UpstreamEvent;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ConverseStream decoded from raw event-stream bytes: payloads from the vercel/ai recordings (reference §3.3),
 * framed by the AWS codec, fed split at every byte boundary; corrupt CRCs and exception frames fail cleanly.
 */
class BedrockStreamDecoderTest {
    private static final byte[] TEXT = BedrockFrames.concat(
            BedrockFrames.event("messageStart", "{\"role\":\"assistant\",\"p\":\"abcdefghijkl\"}"),
            BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Let\"},\"p\":\"abcdefghijklmnopqrstu\"}"),
            BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" me \u00e9crire \u2603\"},\"p\":\"ab\"}"),
            BedrockFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
            BedrockFrames.event("messageStop", "{\"stopReason\":\"end_turn\",\"additionalModelResponseFields\":{\"delta\":{\"stop_sequence\":null}}}"),
            BedrockFrames.event("metadata", "{\"usage\":{\"inputTokens\":22,\"outputTokens\":55,\"totalTokens\":77},\"metrics\":{\"latencyMs\":2040}}"));

    private static final byte[] TOOL = BedrockFrames.concat(
            BedrockFrames.event("messageStart", "{\"role\":\"assistant\"}"),
            BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Let me count\"}}}"),
            BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"Ep0C\"}}}"),
            BedrockFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
            BedrockFrames.event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_x\",\"name\":\"get_weather\"}}}"),
            BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"value\\\":\"}}}"),
            BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}"),
            BedrockFrames.event("contentBlockStop", "{\"contentBlockIndex\":1}"),
            BedrockFrames.event("messageStop", "{\"stopReason\":\"tool_use\"}"),
            BedrockFrames.event("metadata", "{\"usage\":{\"inputTokens\":5,\"outputTokens\":9,\"totalTokens\":14}}"));

    /** The real modelStreamErrorException frame decoded in reference §3.3. */
    private static final byte[] REAL_EXCEPTION = Base64.getDecoder().decode("AAAA3QAAAGfHkZB6DTptZXNzYWdlLXR5cGUHAAlleGNlcHRpb24POmV4Y2VwdGlvbi10eXBlBwAZbW9kZWxTdHJlYW1FcnJvckV4Y2VwdGlvbg06Y29udGVudC10eXBlBwAQYXBwbGljYXRpb24vanNvbnsibWVzc2FnZSI6Ik1vZGVsIFN0cmVhbSBFcnJvciIsIm9yaWdpbmFsU3RhdHVzQ29kZSI6NTAwLCJvcmlnaW5hbE1lc3NhZ2UiOiJUaGUgbW9kZWwgc3RyZWFtIGZhaWxlZC4ifVczQxM=");

    private static List<ChatChunk> decode(List<byte[]> pieces) {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder(BedrockAdapterTest.deployment("m", null, false, Map.of()), false);
        CanonicalStream canonical = new CanonicalStream("group", true, "chatcmpl-x", 1_700_000_000L, 1);
        List<ChatChunk> out = new ArrayList<>();
        for (byte[] piece : pieces) {
            for (ChatChunk c : decoder.decode(UpstreamEvent.ofBytes(piece))) {
                out.addAll(canonical.accept(c));
            }
        }
        assertTrue(decoder.done(), "metadata ends the stream");
        out.addAll(canonical.finish());
        return out;
    }

    private static List<byte[]> split(byte[] body, int at) {
        return List.of(Arrays.copyOfRange(body, 0, at), Arrays.copyOfRange(body, at, body.length));
    }

    @Test
    void textStreamDecodesWhateverByteItIsSplitAt() {
        for (int at = 0; at <= TEXT.length; at++) {
            List<ChatChunk> chunks = decode(split(TEXT, at));
            assertEquals("Let me \u00e9crire \u2603", StreamReplay.content(chunks), "split at " + at);
            ChatChunk finish = chunks.get(chunks.size() - 2);
            assertEquals("stop", finish.choices().get(0).finishReason());
            ChatChunk usage = chunks.get(chunks.size() - 1);
            assertTrue(usage.choices().isEmpty());
            assertEquals(22, usage.usage().promptTokens());
            assertEquals(77, usage.usage().totalTokens());
        }
    }

    @Test
    void oneByteAtATimeThroughTheRealByteFraming() {
        List<byte[]> pieces = new ArrayList<>();
        for (byte b : TOOL) {
            pieces.add(new byte[] {b});
        }
        List<ChatChunk> chunks = decode(pieces);
        assertEquals("Let me count", StreamReplay.reasoning(chunks));
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
        chunks.forEach(c -> c.choices().forEach(ch -> calls.addAll(ch.delta().toolCalls())));
        assertEquals("tooluse_x", calls.get(0).id());
        assertEquals("get_weather", calls.get(0).name());
        StringBuilder arguments = new StringBuilder();
        calls.forEach(c -> arguments.append(c.arguments() == null ? "" : c.arguments()));
        assertEquals("{\"value\":\"Paris\"}", arguments.toString());
        assertTrue(calls.stream().allMatch(c -> c.index() == 0));
        assertEquals("tool_calls", chunks.get(chunks.size() - 2).choices().get(0).finishReason());

        UpstreamStream stream = UpstreamStream.of(new ByteArrayInputStream(TOOL), UpstreamRequest.Framing.BYTES);
        int total = 0;
        UpstreamEvent event;
        while ((event = stream.next()) != null) {
            total += event.bytes().length;
        }
        assertEquals(TOOL.length, total, "the BYTES framing hands over the body unchanged");
    }

    @Test
    void aCorruptFrameIsACleanUpstreamError() {
        byte[] payloadFlipped = TEXT.clone();
        payloadFlipped[60] ^= 0x01; // inside the first frame's headers or payload: the message CRC no longer matches
        GatewayException e = assertThrows(GatewayException.class, () -> decode(List.of(payloadFlipped)));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
        assertEquals("upstream_stream_corrupt", e.code());

        byte[] preludeFlipped = TEXT.clone();
        preludeFlipped[2] ^= 0x40; // the total length: caught by the prelude CRC before waiting for the "frame"
        BedrockStreamDecoder decoder = new BedrockStreamDecoder(BedrockAdapterTest.deployment("m", null, false, Map.of()), false);
        GatewayException early = assertThrows(GatewayException.class,
                () -> decoder.decode(UpstreamEvent.ofBytes(Arrays.copyOf(preludeFlipped, 12))));
        assertEquals("upstream_stream_corrupt", early.code());
    }

    @Test
    void exceptionFramesBecomeGatewayErrors() {
        BedrockStreamDecoder decoder = new BedrockStreamDecoder(BedrockAdapterTest.deployment("m", null, false, Map.of()), false);
        decoder.decode(UpstreamEvent.ofBytes(BedrockFrames.event("messageStart", "{\"role\":\"assistant\"}")));
        GatewayException real = assertThrows(GatewayException.class,
                () -> decoder.decode(UpstreamEvent.ofBytes(REAL_EXCEPTION)));
        assertEquals(ErrorKind.UPSTREAM_ERROR, real.kind());
        assertEquals("upstream_error", real.code());

        GatewayException throttled = assertThrows(GatewayException.class, () -> new BedrockStreamDecoder(
                BedrockAdapterTest.deployment("m", null, false, Map.of()), false).decode(UpstreamEvent.ofBytes(
                BedrockFrames.exception("throttlingException", "{\"message\":\"Too many tokens\"}"))));
        assertEquals(ErrorKind.RATE_LIMITED, throttled.kind());
    }

    @Test
    void theForcedJsonToolStreamsAsContentAndASignatureClosesReasoning() {
        byte[] frames = BedrockFrames.concat(
                BedrockFrames.event("messageStart", "{\"role\":\"assistant\"}"),
                BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"plan\"}}}"),
                BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"Ep0C\"}}}"),
                BedrockFrames.event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"t1\",\"name\":\"json_tool_call\"}}}"),
                BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\":\"}}}"),
                BedrockFrames.event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"Paris\\\"}\"}}}"),
                BedrockFrames.event("messageStop", "{\"stopReason\":\"tool_use\"}"),
                BedrockFrames.event("metadata", "{\"usage\":{\"inputTokens\":5,\"outputTokens\":9,\"totalTokens\":14}}"));
        BedrockStreamDecoder decoder = new BedrockStreamDecoder(BedrockAdapterTest.deployment("m", null, false, Map.of()),
                true);
        StringBuilder content = new StringBuilder();
        List<String> signatures = new ArrayList<>();
        String finish = null;
        for (ChatChunk c : decoder.decode(UpstreamEvent.ofBytes(frames))) {
            for (ChatChunk.Choice choice : c.choices()) {
                assertTrue(choice.delta().toolCalls() == null || choice.delta().toolCalls().isEmpty(),
                        "the JSON tool is the answer, never a tool call");
                if (choice.delta().content() != null) {
                    content.append(choice.delta().content());
                }
                if (choice.delta().reasoningSignature() != null) {
                    signatures.add(choice.delta().reasoningSignature());
                }
                finish = choice.finishReason() != null ? choice.finishReason() : finish;
            }
        }
        assertEquals("{\"city\":\"Paris\"}", content.toString());
        assertEquals(List.of("Ep0C"), signatures);
        assertEquals("stop", finish);
    }
}
